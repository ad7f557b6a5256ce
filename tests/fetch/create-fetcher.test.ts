import { describe, expect, it } from 'vitest';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { WiredeskError } from '../../src/errors/index.js';
import type { ScriptHandler } from './support/script-server.js';
import { failure, useFetchHarness } from './support/fetch-harness.js';
import { tableLookup } from './support/test-config.js';

const { server, fetcher } = useFetchHarness();

describe('createFetcher: responses', () => {
  it('returns body, headers, content type, validators and notBefore of a 200', async () => {
    const s = await server('127.0.0.1', (req, res) => {
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      res.setHeader('etag', '"v1"');
      res.setHeader('last-modified', 'Sat, 21 Nov 2026 01:00:00 GMT');
      res.setHeader('cache-control', 'public, max-age=300');
      res.end('<rss/>');
    });
    const response = await fetcher().fetch({ url: `${s.origin}/feed.xml`, kind: 'feed', allowPrivateNetwork: true });
    expect(response.status).toBe(200);
    expect(new TextDecoder().decode(response.body)).toBe('<rss/>');
    expect(response.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(response.validators).toEqual({ etag: '"v1"', lastModified: 'Sat, 21 Nov 2026 01:00:00 GMT' });
    expect(response.finalUrl).toBe(`${s.origin}/feed.xml`);
    expect(response.redirects).toEqual([]);
    expect(response.attempts).toBe(1);
    const notBefore = Date.parse(response.notBefore ?? '');
    expect(notBefore - Date.parse(response.fetchedAt)).toBe(300_000);
  });

  it('sends the configured User-Agent and per-source headers, and drops those headers on a cross-origin redirect', async () => {
    const other = await server('127.0.0.2', (_req, res) => res.end('elsewhere'));
    const s = await server('127.0.0.1', (req, res) => {
      if (req.url === '/moved') {
        res.writeHead(301, { location: `${other.origin}/final` });
        res.end();
        return;
      }
      res.end('ok');
    });
    const f = fetcher();
    await f.fetch({ url: `${s.origin}/a`, kind: 'feed', allowPrivateNetwork: true, headers: { Cookie: 'session=1' } });
    expect(s.requests[0]?.headers['user-agent']).toBe('wiredesk-test/1.0 (+https://example.org/test)');
    expect(s.requests[0]?.headers['cookie']).toBe('session=1');
    const moved = await f.fetch({ url: `${s.origin}/moved`, kind: 'feed', allowPrivateNetwork: true, headers: { Cookie: 'session=1' } });
    expect(moved.finalUrl).toBe(`${other.origin}/final`);
    expect(moved.redirects).toEqual([`${other.origin}/final`]);
    expect(other.requests[0]?.headers['cookie']).toBeUndefined();
  });

  it('sends stored validators and reports a 304 as notModified with an empty body', async () => {
    const s = await server('127.0.0.1', (req, res) => {
      if (req.headers['if-none-match'] === '"abc"') {
        res.writeHead(304, { 'cache-control': 'max-age=60' });
        res.end();
        return;
      }
      res.end('full body');
    });
    const response = await fetcher().fetch({
      url: `${s.origin}/feed`,
      kind: 'feed',
      allowPrivateNetwork: true,
      validators: { etag: '"abc"', lastModified: 'Fri, 20 Nov 2026 10:00:00 GMT' },
    });
    expect(s.requests[0]?.headers['if-modified-since']).toBe('Fri, 20 Nov 2026 10:00:00 GMT');
    expect(response.notModified).toBe(true);
    expect(response.status).toBe(304);
    expect(response.body.length).toBe(0);
    expect(response.validators).toEqual({ etag: '"abc"', lastModified: 'Fri, 20 Nov 2026 10:00:00 GMT' });
    expect(response.notBefore).not.toBeNull();
  });

  it.each([
    ['gzip', (b: Buffer) => gzipSync(b)],
    ['deflate', (b: Buffer) => deflateSync(b)],
    ['deflate', (b: Buffer) => deflateRawSync(b)],
    ['br', (b: Buffer) => brotliCompressSync(b)],
  ])('decodes Content-Encoding %s', async (encoding, compress) => {
    const text = 'Agency copy. '.repeat(5000);
    const s = await server('127.0.0.1', (_req, res) => {
      res.setHeader('content-encoding', encoding);
      res.end(compress(Buffer.from(text)));
    });
    const response = await fetcher().fetch({ url: `${s.origin}/x`, kind: 'feed', allowPrivateNetwork: true });
    expect(new TextDecoder().decode(response.body)).toBe(text);
    expect(s.requests[0]?.headers['accept-encoding']).toContain('br');
  });

  it.each([
    ['compress', Buffer.from('whatever')],
    ['gzip', Buffer.from('this is not gzip at all')],
  ])('refuses an undecodable Content-Encoding %s with UNSUPPORTED_CONTENT', async (encoding, body) => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.setHeader('content-encoding', encoding);
      res.end(body);
    });
    const error = await failure(fetcher().fetch({ url: `${s.origin}/x`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error).toMatchObject({ code: 'UNSUPPORTED_CONTENT', retryable: false, url: `${s.origin}/x` });
    expect(s.requests.length).toBe(1);
  });

  it('records the content type of an HTML page served where a feed was expected', async () => {
    const s = await server('127.0.0.1', (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>');
    });
    const response = await fetcher().fetch({ url: `${s.origin}/feed`, kind: 'feed', allowPrivateNetwork: true });
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('text/html; charset=utf-8');
    expect(new TextDecoder().decode(response.body)).toContain('application/rss+xml');
  });

  it('rejects URLs that are not http(s) with INVALID_URL', async () => {
    const f = fetcher();
    expect((await failure(f.fetch({ url: 'file:///etc/passwd', kind: 'feed' }))).code).toBe('INVALID_URL');
    expect((await failure(f.fetch({ url: 'not a url', kind: 'feed' }))).code).toBe('INVALID_URL');
  });
});

describe('createFetcher: redirects', () => {
  it('follows redirects and records the chain and final URL', async () => {
    const s = await server('127.0.0.1', (req, res) => {
      const hop = Number(/\/hop(\d)/.exec(req.url ?? '')?.[1] ?? 0);
      if (hop < 3) {
        res.writeHead(hop === 0 ? 301 : 307, { location: `/hop${hop + 1}` });
        res.end();
        return;
      }
      res.end('arrived');
    });
    const response = await fetcher().fetch({ url: `${s.origin}/hop0`, kind: 'feed', allowPrivateNetwork: true });
    expect(response.finalUrl).toBe(`${s.origin}/hop3`);
    expect(response.redirects).toEqual([`${s.origin}/hop1`, `${s.origin}/hop2`, `${s.origin}/hop3`]);
    expect(new TextDecoder().decode(response.body)).toBe('arrived');
  });

  it('detects a redirect loop', async () => {
    const s = await server('127.0.0.1', (req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' });
      res.end();
    });
    const error = await failure(fetcher().fetch({ url: `${s.origin}/a`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error.code).toBe('REDIRECT_LOOP');
    expect(error.retryable).toBe(false);
    expect(error.details?.['chain']).toEqual([`${s.origin}/b`, `${s.origin}/a`]);
    expect(s.requests.length).toBe(2);
  });

  it('stops after the configured number of redirects', async () => {
    const s = await server('127.0.0.1', (req, res) => {
      const n = Number((req.url ?? '/0').slice(1));
      res.writeHead(302, { location: `/${n + 1}` });
      res.end();
    });
    const error = await failure(fetcher().fetch({ url: `${s.origin}/0`, kind: 'feed', allowPrivateNetwork: true }));
    expect(error.code).toBe('TOO_MANY_REDIRECTS');
    expect(s.requests.length).toBe(6); // the request and 5 redirects followed
  });
});

describe('createFetcher: network safety', () => {
  it('refuses loopback literals unless allowPrivateNetwork is set, without connecting', async () => {
    const s = await server('127.0.0.1', (_req, res) => res.end('secret'));
    const f = fetcher();
    const error = await failure(f.fetch({ url: `${s.origin}/`, kind: 'feed' }));
    expect(error.code).toBe('BLOCKED_ADDRESS');
    expect(error.url).toBe(`${s.origin}/`);
    expect(s.requests.length).toBe(0);
    expect((await failure(f.fetch({ url: 'http://[::ffff:169.254.169.254]/latest/meta-data', kind: 'feed' }))).code).toBe('BLOCKED_ADDRESS');
  });

  it('checks the resolved address of host names inside the connect lookup', async () => {
    const s = await server('127.0.0.1', (_req, res) => res.end('secret'));
    const f = fetcher({}, { lookup: tableLookup({ 'intranet.example': '127.0.0.1' }) });
    const error = await failure(f.fetch({ url: `http://intranet.example:${s.port}/`, kind: 'feed' }));
    expect(error.code).toBe('BLOCKED_ADDRESS');
    expect(error.url).toBe(`http://intranet.example:${s.port}/`);
    expect(s.requests.length).toBe(0);
    const allowed = await f.fetch({ url: `http://intranet.example:${s.port}/`, kind: 'feed', allowPrivateNetwork: true });
    expect(new TextDecoder().decode(allowed.body)).toBe('secret');
  });

  it('checks every redirect hop, by literal and by resolved name', async () => {
    // 127.0.0.3 plays the private network here; the other loopback addresses play the internet.
    const isBlockedAddress = (address: string): boolean => address === '127.0.0.3';
    const inside = await server('127.0.0.3', (_req, res) => res.end('secret'));
    const outside = await server('127.0.0.1', (req, res) => {
      const target = req.url === '/by-name' ? `http://inside.example:${inside.port}/` : `${inside.origin}/`;
      res.writeHead(302, { location: target });
      res.end();
    });
    const f = fetcher({}, { isBlockedAddress, lookup: tableLookup({ 'inside.example': '127.0.0.3' }) });
    expect((await failure(f.fetch({ url: `${outside.origin}/by-literal`, kind: 'feed' }))).code).toBe('BLOCKED_ADDRESS');
    expect((await failure(f.fetch({ url: `${outside.origin}/by-name`, kind: 'feed' }))).code).toBe('BLOCKED_ADDRESS');
    expect(inside.requests.length).toBe(0);
  });

  it('connects only to the allowed addresses of a name that resolves to both kinds', async () => {
    const isBlockedAddress = (address: string): boolean => address === '127.0.0.3';
    const inside = await server('127.0.0.3', (_req, res) => res.end('secret'));
    const outside = await server('127.0.0.1', (_req, res) => res.end('public'));
    // Same port number cannot be guaranteed on both, so the name points at the outside server's port.
    const f = fetcher({}, { isBlockedAddress, lookup: tableLookup({ 'mixed.example': ['127.0.0.3', '127.0.0.1'] }) });
    const response = await f.fetch({ url: `http://mixed.example:${outside.port}/`, kind: 'feed' });
    expect(new TextDecoder().decode(response.body)).toBe('public');
    expect(inside.requests.length).toBe(0);
  });

  it('reports a host name that does not resolve as DNS_FAILURE without retrying', async () => {
    const calls: string[] = [];
    const error = await failure(fetcher({}, { lookup: tableLookup({}, calls) }).fetch({ url: 'http://no-such-host.invalid/feed', kind: 'feed' }));
    expect(error.code).toBe('DNS_FAILURE');
    expect(error.retryable).toBe(false);
    expect(error.url).toBe('http://no-such-host.invalid/feed');
    expect(calls).toEqual(['no-such-host.invalid']);
  });
});

describe('createFetcher: robots.txt', () => {
  const robots = (body: string, status = 200): ScriptHandler => (req, res) => {
    if (req.url === '/robots.txt') {
      res.statusCode = status;
      res.end(body);
      return;
    }
    res.end(`page ${req.url}`);
  };

  it('fetches robots.txt once per host and refuses disallowed article URLs with ROBOTS_DISALLOWED', async () => {
    const s = await server('127.0.0.1', robots('User-agent: *\nDisallow: /private/\n\nUser-agent: wiredesk-test\nDisallow: /members\n'));
    const f = fetcher();
    const results = await Promise.allSettled(
      ['/news/1', '/members/2', '/private/3', '/news/4'].map((path) => f.fetch({ url: s.origin + path, kind: 'article', allowPrivateNetwork: true })),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const refused = (results[1] as PromiseRejectedResult).reason as WiredeskError;
    expect(refused.code).toBe('ROBOTS_DISALLOWED');
    expect(refused.url).toBe(`${s.origin}/members/2`);
    expect(s.requests.filter((r) => r.path === '/robots.txt').length).toBe(1);
    expect(s.requests.some((r) => r.path === '/members/2')).toBe(false);
  });

  it('refuses a percent-encoded spelling of a disallowed path (/%70rivate/ is /private/) before any request for it', async () => {
    const s = await server('127.0.0.1', robots('User-agent: *\nDisallow: /private/\n'));
    const f = fetcher();
    for (const path of ['/%70rivate/enc', '/priv%61te/x', '/%70%72%69%76%61%74%65/y']) {
      const refused = await failure(f.fetch({ url: s.origin + path, kind: 'article', allowPrivateNetwork: true }));
      expect(refused.code).toBe('ROBOTS_DISALLOWED');
    }
    expect(s.requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it('does not consult robots.txt for feeds or when obeyRobots is false', async () => {
    const s = await server('127.0.0.1', robots('User-agent: *\nDisallow: /\n'));
    const f = fetcher();
    await f.fetch({ url: `${s.origin}/feed`, kind: 'feed', allowPrivateNetwork: true });
    await f.fetch({ url: `${s.origin}/story`, kind: 'article', allowPrivateNetwork: true, obeyRobots: false });
    expect(s.requests.map((r) => r.path)).toEqual(['/feed', '/story']);
  });

  it.each([404, 503])('allows everything when robots.txt answers %i', async (status) => {
    const s = await server('127.0.0.1', robots('User-agent: *\nDisallow: /\n', status));
    const response = await fetcher().fetch({ url: `${s.origin}/story`, kind: 'article', allowPrivateNetwork: true });
    expect(response.status).toBe(200);
    expect(s.requests.filter((r) => r.path === '/robots.txt').length).toBe(1);
  });

  it('asks again after 24 hours, and after 15 minutes when robots.txt was unavailable', async () => {
    let robotsStatus = 503;
    const s = await server('127.0.0.1', (req, res) => {
      if (req.url === '/robots.txt') {
        res.statusCode = robotsStatus;
        res.end('User-agent: *\nDisallow: /late\n');
        return;
      }
      res.end('page');
    });
    let now = Date.parse('2026-11-21T03:00:00Z');
    const f = fetcher({}, { clock: { now: () => new Date(now) } });
    const get = (path: string) => f.fetch({ url: s.origin + path, kind: 'article', allowPrivateNetwork: true });
    const robotsLoads = (): number => s.requests.filter((r) => r.path === '/robots.txt').length;
    await get('/late/1'); // 503: temporary allow
    now += 14 * 60_000;
    await get('/late/2');
    expect(robotsLoads()).toBe(1);
    robotsStatus = 200;
    now += 2 * 60_000;
    expect((await failure(get('/late/3'))).code).toBe('ROBOTS_DISALLOWED');
    expect(robotsLoads()).toBe(2);
    now += 23 * 3_600_000;
    await get('/ok');
    expect(robotsLoads()).toBe(2);
    now += 2 * 3_600_000;
    await get('/ok');
    expect(robotsLoads()).toBe(3);
  });

  it('raises the host gap to the Crawl-delay', async () => {
    const s = await server('127.0.0.1', robots('User-agent: *\nCrawl-delay: 0.3\n'));
    const f = fetcher();
    await Promise.all([1, 2].map((n) => f.fetch({ url: `${s.origin}/story/${n}`, kind: 'article', allowPrivateNetwork: true })));
    const starts = s.requests.map((r) => r.at);
    expect(starts.length).toBe(3);
    // The fetcher spaces request starts as it sends them; the server stamps arrivals, and the first article request
    // can arrive late behind its connection set-up on a loaded machine (271 ms seen at load 6). The configured gap
    // is 0, so anything near 300 ms is the Crawl-delay at work.
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(240);
  });
});
