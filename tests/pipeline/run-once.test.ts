import { createServer, type Server } from 'node:http';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import type { ArticleRecord, RunReport } from '../../src/types/index.js';
import { crawlOnce, savedSource } from '../support/crawl.js';

const PARAGRAPH =
  'The regional water authority said on Tuesday that repairs to the northern pumping station would take three more weeks, ' +
  'leaving about forty thousand households on rationed supply while engineers replace two corroded intake valves. ';

function page(title: string, paragraphs: number): string {
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>${PARAGRAPH}Paragraph ${i + 1} adds detail number ${i * 7 + 3}.</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${body}</article><footer>© Test Wire</footer></body></html>`;
}

function rss(base: string, items: { slug: string; title: string }[]): string {
  const entries = items
    .map((it, i) => `<item><title>${it.title}</title><link>${base}/${it.slug}</link><guid>${base}/${it.slug}</guid><pubDate>Tue, 0${i + 1} Mar 2017 10:00:00 GMT</pubDate><description>${it.title}. ${PARAGRAPH}</description></item>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title><link>${base}/</link>${entries}</channel></rss>`;
}

/** One scripted host: a good feed with one missing article, an HTML page, and a feed that always fails. */
function startServer(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const url = req.url ?? '/';
    if (url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    if (url === '/good/feed.xml')
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss(base, [
          { slug: 'a1', title: 'Pumping station repairs extended by three weeks' },
          { slug: 'gone', title: 'A page that no longer exists on the site' },
          { slug: 'private/p1', title: 'A page the site asks crawlers not to fetch' },
        ]),
      );
    if (url === '/a1') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Pumping station repairs extended', 8));
    if (url === '/html-page')
      return void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<html><head><link rel="alternate" type="application/rss+xml" href="/good/feed.xml"></head><body>Home</body></html>');
    if (url === '/always-500') return void res.writeHead(500).end('oops');
    if (url === '/html-etag') {
      if (req.headers['if-none-match'] === '"h1"') return void res.writeHead(304, { etag: '"h1"' }).end();
      return void res.writeHead(200, { 'content-type': 'text/html', etag: '"h1"' }).end('<html><body>Home, no feed here</body></html>');
    }
    if (url === '/slow-down') return void res.writeHead(429, { 'retry-after': '3600' }).end('too many requests');
    res.writeHead(404).end('not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** Resolves `.invalid` names to an error so the test sends no DNS query. */
const lookup = ((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
  if (hostname.endsWith('.invalid')) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return void process.nextTick(() => callback(error));
  }
  return (dnsLookup as unknown as (...args: unknown[]) => void)(hostname, options, callback);
}) as LookupFunction;

describe('runOnce with failing sources', () => {
  let server: Server;
  let base: string;
  let out: string;
  let report: RunReport;

  beforeAll(async () => {
    ({ server, base } = await startServer());
    out = await mkdtemp(join(tmpdir(), 'wiredesk-run-'));
    const config = parseConfig(
      {
        sources: [
          { name: 'Good', url: `${base}/good/feed.xml`, allowPrivateNetwork: true },
          { name: 'Html', url: `${base}/html-page`, allowPrivateNetwork: true },
          { name: 'Broken', url: `${base}/always-500`, allowPrivateNetwork: true },
          { name: 'Nowhere', url: 'http://wire.invalid/feed.xml' },
          { name: 'Private', url: `${base}/good/feed.xml?unsafe` },
        ],
        fetch: { minHostGapMs: 0, maxRetries: 1, retryBaseDelayMs: 10 },
      },
      null,
    );
    report = await crawlOnce(config, out, { lookup });
  }, 60_000);

  afterAll(async () => {
    server?.close();
    await rm(out, { recursive: true, force: true });
  });

  const source = (name: string) => report.sources.find((s) => s.name === name)!;

  it('fails each broken source alone, with its own code', () => {
    expect(source('Html').status).toBe('failed');
    expect(source('Html').error?.code).toBe('FEED_NOT_A_FEED');
    expect(source('Html').error?.message).toContain(`${base}/good/feed.xml`);
    expect(source('Broken').error?.code).toBe('HTTP_STATUS');
    expect(source('Broken').error?.status).toBe(500);
    expect(source('Nowhere').error?.code).toBe('DNS_FAILURE');
    expect(source('Private').error?.code).toBe('BLOCKED_ADDRESS');
    expect(report.status).toBe('partial');
    expect(report.totals.sourcesFailed).toBe(4);
  });

  it('completes the good source and records its article failures accurately', async () => {
    const good = source('Good');
    expect(good.itemsSeen).toBe(3);
    expect(good.itemsNew).toBe(3);
    const codes = good.failures.map((f) => [f.code, f.itemUrl]);
    expect(codes).toContainEqual(['HTTP_STATUS', `${base}/gone`]);
    expect(codes).toContainEqual(['ROBOTS_DISALLOWED', `${base}/private/p1`]);
    // The full page was extracted; the two unfetchable pages fall back to the feed's own text, flagged as such.
    const written = await Promise.all(report.written.articles.map(async (p) => JSON.parse(await readFile(join(out, p), 'utf8')) as ArticleRecord));
    const byUrl = new Map(written.map((a) => [a.url, a]));
    expect(byUrl.get(`${base}/a1`)?.extraction.method).toBe('readability');
    expect(byUrl.get(`${base}/a1`)?.text).toContain('forty thousand households');
    for (const slug of ['gone', 'private/p1']) {
      const a = byUrl.get(`${base}/${slug}`);
      expect(a?.extraction.method).toMatch(/^feed-/);
      expect(a?.extraction.reason).toMatch(/HTTP_STATUS|ROBOTS_DISALLOWED/);
    }
    expect(good.articlesWritten).toBe(written.length);
  });
});

describe('runOnce with an article that fails for now', () => {
  let server: Server;
  let base: string;
  let out: string;
  let articleUp = false;

  beforeAll(async () => {
    // A feed that answers 304 to its own ETag, and an article that is down (503) until told otherwise.
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/robots.txt') return void res.writeHead(404).end();
      if (url === '/feed.xml') {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
        return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(rss(base, [{ slug: 'a1', title: 'Pumping station repairs extended by three weeks' }]));
      }
      if (url === '/a1' && articleUp) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Pumping station repairs extended', 8));
      res.writeHead(503).end('busy');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    out = await mkdtemp(join(tmpdir(), 'wiredesk-retry-'));
  });

  afterAll(async () => {
    server?.close();
    await rm(out, { recursive: true, force: true });
  });

  const crawl = (): Promise<RunReport> =>
    crawlOnce(parseConfig({ sources: [{ name: 'Wire', url: `${base}/feed.xml`, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 } }, null), out);

  it('fetches the feed in full on the next run, so the unsettled item is tried again', async () => {
    const first = await crawl();
    expect(first.sources[0]?.failures.map((f) => [f.code, f.retryable])).toEqual([['HTTP_STATUS', true]]);
    expect(first.totals.articlesWritten).toBe(0);

    articleUp = true;
    const second = await crawl();
    expect(second.sources[0]?.status).toBe('ok');
    expect(second.sources[0]?.http.notModified).toBe(false);
    expect(second.totals.articlesWritten).toBe(1);
    // The item counts once toward the feed's publishing rate, though two runs saw it as new.
    expect((await savedSource(out, `${base}/feed.xml`))?.recentItemTimes).toHaveLength(1);

    // Every item settled: now the stored validators make the third run a cheap 304.
    const third = await crawl();
    expect(third.sources[0]?.status).toBe('not-modified');
  }, 30_000);
});

describe('runOnce stopped by its signal', () => {
  let server: Server;
  let base: string;
  let out: string;

  beforeAll(async () => {
    ({ server, base } = await startServer());
    out = await mkdtemp(join(tmpdir(), 'wiredesk-abort-'));
  });

  afterAll(async () => {
    server?.close();
    await rm(out, { recursive: true, force: true });
  });

  it('reports the new items it did not start as ABORTED failures, not as a clean run', async () => {
    const config = parseConfig({ sources: [{ name: 'Good', url: `${base}/good/feed.xml`, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
    const stop = new AbortController();
    // Stopped once the feed is parsed, before any article is fetched.
    const report = await crawlOnce(config, out, { signal: stop.signal, onProgress: (event) => event.type === 'articles-known' && stop.abort() });
    const good = report.sources[0]!;
    expect(good.itemsNew).toBe(3);
    expect(good.articlesWritten).toBe(0);
    expect(good.failures.map((f) => [f.code, f.retryable])).toEqual([['ABORTED', true], ['ABORTED', true], ['ABORTED', true]]);
    expect(report.status).toBe('partial');
  }, 30_000);

  it('does not count a feed it never fetched as a failing source (no back-off for the next run)', async () => {
    const url = `${base}/always-500`;
    const config = parseConfig({ sources: [{ name: 'Stopped', url, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
    const stop = new AbortController();
    stop.abort();
    const report = await crawlOnce(config, out, { signal: stop.signal });
    expect(report.sources[0]?.error?.code).toBe('ABORTED');
    const saved = await savedSource(out, url);
    expect(saved?.consecutiveFailures ?? 0).toBe(0);
    expect(saved?.lastError ?? null).toBeNull();
  }, 30_000);

  it('fetches an unusable feed in full again, so it stays failed rather than turning not-modified', async () => {
    const config = parseConfig({ sources: [{ name: 'Page', url: `${base}/html-etag`, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
    const first = await crawlOnce(config, out);
    const second = await crawlOnce(config, out);
    for (const report of [first, second]) expect([report.sources[0]?.status, report.sources[0]?.error?.code]).toEqual(['failed', 'FEED_NOT_A_FEED']);
  }, 30_000);

  it('holds back a feed that answered 429 with Retry-After until the time it asked for', async () => {
    const url = `${base}/slow-down`;
    const config = parseConfig({ sources: [{ name: 'Busy', url, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
    const before = Date.now();
    const report = await crawlOnce(config, out);
    expect(report.sources[0]?.error?.status).toBe(429);
    const saved = await savedSource(out, url);
    const notBefore = Date.parse(saved?.notBefore ?? '');
    expect(notBefore).toBeGreaterThanOrEqual(before + 3_590_000);
    expect(report.sources[0]?.notBefore).toBe(saved?.notBefore);
  }, 30_000);
});

describe('runOnce extraction settings', () => {
  let feedServer: Server;
  let pageServer: Server;
  let out: string;

  beforeAll(async () => {
    // The feed and its pages on different hosts (127.0.0.1 and 127.0.0.2), as agencies publish them.
    pageServer = createServer((req, res) => {
      if (req.url === '/a1') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Pumping station repairs extended', 8));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.2', () => resolve()));
    const pageBase = `http://127.0.0.2:${(pageServer.address() as AddressInfo).port}`;
    feedServer = createServer((req, res) => {
      if (req.url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(pageBase, [{ slug: 'a1', title: 'Pumping station repairs extended by three weeks' }]));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', () => resolve()));
  });

  afterAll(async () => {
    feedServer?.close();
    pageServer?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  async function crawlText(extract: object): Promise<string> {
    out = await mkdtemp(join(tmpdir(), 'wiredesk-site-'));
    const url = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.xml`;
    const config = parseConfig({ sources: [{ name: 'Wire', url, allowPrivateNetwork: true, privateHosts: ['127.0.0.2'], obeyRobots: false }], fetch: { minHostGapMs: 0, maxRetries: 0 }, extract: { workers: 0, ...extract } }, null);
    const report = await crawlOnce(config, out);
    const path = report.written.articles[0];
    expect(path).toBeDefined();
    const article = JSON.parse(await readFile(join(out, path!), 'utf8')) as ArticleRecord;
    await rm(out, { recursive: true, force: true });
    return article.text;
  }

  it('applies the site rules of the page host, not of the feed host', async () => {
    expect(await crawlText({})).toContain('detail number 24.');
    expect(await crawlText({ sites: { '127.0.0.2': { dropLinePatterns: ['detail number 24\\.'] } } })).not.toContain('detail number 24.');
  }, 30_000);

  it('cuts pages to the configured maxHtmlBytes', async () => {
    expect(await crawlText({})).toContain('detail number 52.');
    expect(await crawlText({ maxHtmlBytes: 1500 })).not.toContain('detail number 52.');
  }, 30_000);
});
