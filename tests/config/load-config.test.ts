import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, sourceFetchScope } from '../../src/config/index.js';
import { WiredeskError } from '../../src/errors/index.js';

function expectConfigError(json: unknown, field: string): void {
  try {
    parseConfig(json, '/etc/wiredesk.json');
  } catch (error) {
    expect(error).toBeInstanceOf(WiredeskError);
    const e = error as WiredeskError;
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('/etc/wiredesk.json');
    expect(e.message).toContain(field);
    return;
  }
  throw new Error('expected a CONFIG_INVALID error');
}

describe('parseConfig', () => {
  it('applies defaults and keeps private networks refused unless a source opts in', () => {
    const config = parseConfig({ sources: [{ name: 'A', url: 'https://a.example/feed' }] }, '/etc/wiredesk.json');
    expect(config.sources[0]?.allowPrivateNetwork).toBe(false);
    expect(config.sources[0]?.obeyRobots).toBe(true);
    expect(config.fetch.perHostConcurrency).toBe(2);
    expect(config.fetch.maxBodyBytes).toBe(10 * 1024 * 1024);
    expect(config.stories.windowHours).toBe(72);
    expect(config.stories.aliasesFile).toBe('/etc/aliases.json');
  });

  it('reads a source kind (feed by default) and the sitemap section with its defaults', () => {
    const config = parseConfig(
      { sources: [{ name: 'A', url: 'https://a.example/feed' }, { name: 'B', url: 'https://b.example/sitemap-news.xml', kind: 'news-sitemap' }], sitemap: { maxAgeHours: 24 } },
      '/etc/wiredesk.json',
    );
    expect(config.sources.map((s) => s.kind)).toEqual(['feed', 'news-sitemap']);
    expect(config.sitemap).toEqual({ maxAgeHours: 24, maxSitemapsPerRun: 10, maxBytes: 50 * 1024 * 1024, maxUrls: 50_000 });
  });

  it('names a bad source kind and a bad sitemap bound', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'https://a.example/s.xml', kind: 'sitemap' }] }, 'sources[0].kind');
    expectConfigError({ sources: [], sitemap: { maxAgeHours: 0 } }, 'sitemap.maxAgeHours');
    expectConfigError({ sources: [], sitemap: { maxSitemapsPerRun: 2.5 } }, 'sitemap.maxSitemapsPerRun');
    expectConfigError({ sources: [], sitemap: { maxUrls: 'all' } }, 'sitemap.maxUrls');
    expectConfigError({ sources: [], sitemap: { maxChildren: 3 } }, 'sitemap.maxChildren');
  });

  it('names an unknown field', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'https://a.example/feed', allowPrivateNetwrk: true }] }, 'sources[0].allowPrivateNetwrk');
  });

  it('names a field of the wrong type', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'https://a.example/feed', allowPrivateNetwork: 'yes' }] }, 'sources[0].allowPrivateNetwork');
    expectConfigError({ sources: [], fetch: { minHostGapMs: 'slow' } }, 'fetch.minHostGapMs');
  });

  it('rejects a feed URL that is not absolute http(s)', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'ftp://a.example/feed' }] }, 'sources[0].url');
  });

  it('rejects duplicate source URLs and a missing sources list', () => {
    expectConfigError({ sources: [{ name: 'A', url: 'https://a.example/f' }, { name: 'B', url: 'https://a.example/f' }] }, 'sources[1].url');
    expectConfigError({}, 'sources');
  });

  it('rejects an invalid per-site line pattern', () => {
    expectConfigError({ sources: [], extract: { sites: { 'a.example': { dropLinePatterns: ['(unclosed'] } } } }, 'extract.sites.a.example.dropLinePatterns[0]');
  });
});

function configError(json: unknown, env: Record<string, string> = {}): WiredeskError {
  try {
    parseConfig(json, '/etc/wiredesk.json', { env });
  } catch (error) {
    expect(error).toBeInstanceOf(WiredeskError);
    expect((error as WiredeskError).code).toBe('CONFIG_INVALID');
    return error as WiredeskError;
  }
  throw new Error('expected a CONFIG_INVALID error');
}

const A = { name: 'A', url: 'https://a.example/feed' };

describe('parseConfig: checks that used to pass', () => {
  it('reports every problem at once, each with its field', () => {
    const e = configError({
      sources: [{ ...A, cron: 'every 5 minutes' }, { name: 'B', url: 'ftp://b.example/feed', obeyRobots: 'no' }],
      fetch: { maxRetries: -1 },
    });
    const fields = (e.details?.['errors'] as Array<{ field: string }>).map((i) => i.field);
    expect(fields).toEqual(['sources[0].cron', 'sources[1].url', 'sources[1].obeyRobots', 'fetch.maxRetries']);
    expect(e.message).toContain('4 problems');
    for (const field of fields) expect(e.message).toContain(`"${field}"`);
  });

  it.each(['every 5 minutes', '61 * * * *', '* * *', '*/0 * * * *'])('refuses the cron expression %j at load, naming the file and field', (cron) => {
    const e = configError({ sources: [{ ...A, cron }] });
    expect(e.message).toContain('/etc/wiredesk.json');
    expect(e.message).toContain('sources[0].cron');
    expect(e.details?.['field']).toBe('sources[0].cron');
  });

  it('accepts cron expressions the scheduler runs', () => {
    const config = parseConfig({ sources: [{ ...A, cron: '*/15 6-22 * * 1-5' }] }, null);
    expect(config.sources[0]?.cron).toBe('*/15 6-22 * * 1-5');
  });

  it('refuses CSS selectors the extractor could not run, per source and per site', () => {
    const e = configError({
      sources: [{ ...A, extract: { removeSelectors: ['div.share', 'div[', 'a >> b'], bodySelector: '::before' } }],
      extract: { sites: { 'b.example': { removeSelectors: ['.ok', 'p:unknown-pseudo'] } } },
    });
    const fields = (e.details?.['errors'] as Array<{ field: string }>).map((i) => i.field);
    expect(fields).toEqual([
      'sources[0].extract.removeSelectors[1]',
      'sources[0].extract.removeSelectors[2]',
      'sources[0].extract.bodySelector',
      'extract.sites.b.example.removeSelectors[1]',
    ]);
  });

  it('finds duplicate sources by normalized URL (scheme and host case, default port, dot segments, fragment)', () => {
    const e = configError({
      sources: [
        { name: 'A', url: 'http://wire.example/feed.xml' },
        { name: 'B', url: 'HTTP://WIRE.example/feed.xml' },
        { name: 'C', url: 'http://wire.example/feed.xml#x' },
        { name: 'D', url: 'http://wire.example/./feed.xml' },
        { name: 'E', url: 'http://wire.example:80/news/../feed.xml' },
        { name: 'F', url: 'https://wire.example/feed.xml' },
      ],
    });
    const fields = (e.details?.['errors'] as Array<{ field: string }>).map((i) => i.field);
    expect(fields).toEqual(['sources[1].url', 'sources[2].url', 'sources[3].url', 'sources[4].url']);
    expect(e.message).toContain('sources[0].url');
  });

  it('gives the line and column of a JSON syntax error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wiredesk-config-'));
    try {
      const file = join(dir, 'wiredesk.json');
      await writeFile(file, '{\n  "sources": [\n    { "name": "A", "url": "https://a.example/feed" }\n    { "name": "B" }\n  ]\n}\n');
      const e = await loadConfig(file, { env: {} }).then(
        () => null,
        (error: unknown) => error as WiredeskError,
      );
      expect(e?.code).toBe('CONFIG_INVALID');
      expect(e?.message).toContain(file);
      expect(e?.message).toContain('line 4, column 5');
      expect(e?.details).toMatchObject({ line: 4, column: 5 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parseConfig: scope of headers and private networks', () => {
  it('reads privateHosts and headerOrigins, normalized', () => {
    const config = parseConfig(
      { sources: [{ ...A, privateHosts: ['Intranet.Example', '10.0.0.7', '[FD00::1]'], headerOrigins: ['https://WWW.a.example:443/any/path'] }] },
      null,
    );
    expect(config.sources[0]?.privateHosts).toEqual(['intranet.example', '10.0.0.7', '[fd00::1]']);
    expect(config.sources[0]?.headerOrigins).toEqual(['https://www.a.example']);
  });

  it('refuses malformed privateHosts and headerOrigins', () => {
    const e = configError({ sources: [{ ...A, privateHosts: ['http://x.example/path', ''], headerOrigins: ['www.a.example', 'ftp://a.example'] }] });
    const fields = (e.details?.['errors'] as Array<{ field: string }>).map((i) => i.field);
    expect(fields.sort()).toEqual(['sources[0].headerOrigins[0]', 'sources[0].headerOrigins[1]', 'sources[0].privateHosts[0]', 'sources[0].privateHosts[1]']);
  });

  it('scopes a source: its own origin and named origins get headers; its own host and named hosts may be private', () => {
    const config = parseConfig(
      { sources: [{ ...A, url: 'https://a.example:8443/feed', allowPrivateNetwork: true, privateHosts: ['pages.intranet'], headerOrigins: ['https://cdn.a.example'], headers: { Cookie: 'c=1' } }, { name: 'B', url: 'https://b.example/feed' }] },
      null,
    );
    expect(sourceFetchScope(config.sources[0]!)).toEqual({
      headers: { Cookie: 'c=1' },
      headerOrigins: ['https://a.example:8443', 'https://cdn.a.example'],
      privateHosts: ['a.example', 'pages.intranet'],
    });
    expect(sourceFetchScope(config.sources[1]!)).toEqual({ headers: {}, headerOrigins: ['https://b.example'], privateHosts: [] });
  });
});

describe('parseConfig: secrets from the environment', () => {
  it('replaces ${NAME} in header values and the feed URL from the environment passed in', () => {
    const config = parseConfig(
      { sources: [{ name: 'A', url: 'https://a.example/feed?key=${WIRE_KEY}', headers: { Cookie: 'session=${WIRE_SESSION}; lang=en', 'X-Literal': 'cost $${X}' } }] },
      null,
      { env: { WIRE_SESSION: 's3cr3t', WIRE_KEY: 'k1' } },
    );
    expect(config.sources[0]?.headers).toEqual({ Cookie: 'session=s3cr3t; lang=en', 'X-Literal': 'cost ${X}' });
    expect(config.sources[0]?.url).toBe('https://a.example/feed?key=k1');
  });

  it('names the file, the field and the variable when it is unset, and never reads process.env behind the caller', () => {
    process.env['WIRE_SESSION_FROM_PROCESS'] = 'should-not-be-read';
    try {
      const e = configError({ sources: [{ ...A, headers: { Authorization: 'Bearer ${WIRE_SESSION_FROM_PROCESS}' } }] });
      expect(e.message).toContain('/etc/wiredesk.json');
      expect(e.message).toContain('sources[0].headers.Authorization');
      expect(e.message).toContain('WIRE_SESSION_FROM_PROCESS');
      expect(e.message).toContain('unset');
    } finally {
      delete process.env['WIRE_SESSION_FROM_PROCESS'];
    }
  });

  it('refuses an empty variable, a malformed reference and a line break smuggled in through the environment, without echoing values', () => {
    const e = configError(
      { sources: [{ ...A, headers: { Cookie: '${EMPTY}', 'X-A': '${not valid}', 'X-B': '${INJECT}' } }] },
      { EMPTY: '', INJECT: 'ok\r\nX-Evil: 1' },
    );
    const fields = (e.details?.['errors'] as Array<{ field: string }>).map((i) => i.field);
    expect(fields).toEqual(['sources[0].headers.Cookie', 'sources[0].headers.X-A', 'sources[0].headers.X-B']);
    expect(e.message).not.toContain('X-Evil');
  });

  it('refuses headers the HTTP layer owns (Host, Proxy-Authorization, framing)', () => {
    const e = configError({ sources: [{ ...A, headers: { Host: 'evil.example', 'Proxy-Authorization': 'Basic x', 'Transfer-Encoding': 'chunked', 'X-Ok': '1' } }] });
    const fields = (e.details?.['errors'] as Array<{ field: string }>).map((i) => i.field);
    expect(fields).toEqual(['sources[0].headers.Host', 'sources[0].headers.Proxy-Authorization', 'sources[0].headers.Transfer-Encoding']);
  });

  it('does not quote a header value that fails validation', () => {
    const e = configError({ sources: [{ ...A, headers: { Cookie: '   ' } }] });
    expect(e.message).toContain('sources[0].headers.Cookie');
    expect(e.message).not.toContain('"   "');
  });
});

describe('parseConfig: proxy', () => {
  it('uses fetch.proxy for both schemes, with ${ENV} credentials and fetch.noProxy', () => {
    const config = parseConfig({ sources: [], fetch: { proxy: 'http://crawler:${PROXY_PASSWORD}@proxy.internal:3128', noProxy: ['intranet.example'] } }, null, {
      env: { PROXY_PASSWORD: 'pw', HTTPS_PROXY: 'http://ignored.example:1' },
    });
    expect(config.fetch.proxy).toEqual({ httpProxy: 'http://crawler:pw@proxy.internal:3128', httpsProxy: 'http://crawler:pw@proxy.internal:3128', noProxy: ['intranet.example'] });
  });

  it('reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY (lower case first) when fetch.proxy is absent', () => {
    const config = parseConfig({ sources: [] }, null, { env: { HTTPS_PROXY: 'http://upper.example:3128', https_proxy: 'http://lower.example:3128', NO_PROXY: 'a.example, .b.example' } });
    expect(config.fetch.proxy).toEqual({ httpProxy: null, httpsProxy: 'http://lower.example:3128', noProxy: ['a.example', '.b.example'] });
    expect(parseConfig({ sources: [] }, null, { env: {} }).fetch.proxy).toBeNull();
  });

  it('"proxy": null ignores the environment', () => {
    expect(parseConfig({ sources: [], fetch: { proxy: null } }, null, { env: { HTTP_PROXY: 'http://p.example:1' } }).fetch.proxy).toBeNull();
  });

  it('refuses a proxy that is not an http(s) URL, naming the field or variable without printing it', () => {
    const e = configError({ sources: [], fetch: { proxy: 'socks5://user:hunter2@p.example:1080' } });
    expect(e.message).toContain('fetch.proxy');
    expect(e.message).not.toContain('hunter2');
    const fromEnv = configError({ sources: [] }, { HTTP_PROXY: 'proxy.example:3128' });
    expect(fromEnv.message).toContain('environment variable HTTP_PROXY');
  });
});
