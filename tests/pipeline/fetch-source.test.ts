import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createExtractorPool } from '../../src/extract/index.js';
import { createFetcher } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/log/index.js';
import { fetchSource } from '../../src/pipeline/fetch-source.js';
import type { RunDeps } from '../../src/pipeline/index.js';
import { systemClock } from '../../src/types/index.js';
import { startScriptServer, type ScriptServer } from '../fetch/support/script-server.js';

const TEXT =
  'The port authority said on Monday that the eastern container terminal would stay closed for four more days while divers ' +
  'inspect the quay wall, and that ships already at anchor would be sent to the western terminal in the order they arrived. ';

function article(title: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${`<p>${TEXT}</p>`.repeat(6)}</article></body></html>`;
}

function rss(links: string[]): string {
  const items = links.map((link, i) => `<item><title>Terminal closure day ${i + 1}</title><link>${link}</link><guid>${link}</guid><description>${TEXT}</description></item>`);
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Port Wire</title><link>http://port.example/</link>${items.join('')}</channel></rss>`;
}

const servers: ScriptServer[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const s of servers.splice(0)) await s.close();
});

/** An article host that serves a page on every path but /robots.txt. */
async function pageHost(host: string): Promise<ScriptServer> {
  const s = await startScriptServer(host, (req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(`Page ${req.url}`));
  });
  servers.push(s);
  return s;
}

/** The feed host: the feed lists `links()`, /own is an article, /hop redirects to `redirectTo()`. */
async function feedHost(host: string, links: () => string[], redirectTo: () => string = () => '/'): Promise<ScriptServer> {
  const s = await startScriptServer(host, (req, res) => {
    if (req.url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(links()));
    if (req.url === '/hop') return void res.writeHead(302, { location: redirectTo() }).end();
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(`Own ${req.url}`));
  });
  servers.push(s);
  return s;
}

/** `publicLoopback` treats every address as public, to test the header scope apart from the address policy. */
async function crawl(source: Record<string, unknown>, publicLoopback = false, fetch: Record<string, unknown> = {}) {
  const config = parseConfig({ sources: [{ name: 'Port Wire', ...source }], fetch: { minHostGapMs: 0, maxRetries: 0, ...fetch }, extract: { workers: 0 } }, null);
  // Otherwise the default address policy: every loopback address is private unless the source's scope allows it.
  const fetcher = createFetcher({ config: config.fetch, logger: silentLogger, ...(publicLoopback ? { isBlockedAddress: () => false } : {}) });
  const extractor = createExtractorPool({ workers: 0, timeoutMs: 10_000 });
  closers.push(() => fetcher.close(), () => extractor.close());
  const deps = { config, fetcher, extractor, clock: systemClock, logger: silentLogger } as unknown as RunDeps;
  return fetchSource(deps, config.sources[0]!, 0, { validatorsFor: async () => null, handledItems: async () => ({ seen: new Set<string>(), elsewhere: new Set<string>() }), documentValidators: async () => ({}), claimArticle: () => true, releaseArticles: () => undefined, released: async () => undefined, pageValidators: async () => null });
}

const SECRETS = { Cookie: 'session=feed-only-secret', Authorization: 'Bearer feed-only-token' };

describe('fetchSource: where a source\'s headers and private-network permission reach', () => {
  it('sends Cookie and Authorization to the feed\'s own origin only, not to an article on another host', async () => {
    const other = await pageHost('127.0.0.6');
    const feed = await feedHost('127.0.0.5', () => [`${feed.origin}/own`, `${other.origin}/leak`]);
    const outcome = await crawl({ url: `${feed.origin}/feed.xml`, headers: SECRETS }, true);
    expect(outcome.report.failures).toEqual([]);
    expect(outcome.pending.map((p) => p.fallbackReason)).toEqual([null, null]);
    for (const r of feed.requests.filter((q) => q.path !== '/robots.txt')) {
      expect(r.headers['cookie']).toBe(SECRETS.Cookie);
      expect(r.headers['authorization']).toBe(SECRETS.Authorization);
    }
    expect(other.requests.map((r) => r.path)).toContain('/leak');
    for (const r of other.requests) {
      expect(r.headers['cookie']).toBeUndefined();
      expect(r.headers['authorization']).toBeUndefined();
    }
  }, 20_000);

  it('sends the headers to an origin the config names in headerOrigins, but not after a redirect leaves the requested origin', async () => {
    const other = await pageHost('127.0.0.6');
    const feed = await feedHost('127.0.0.5', () => [`${other.origin}/named`, `${feed.origin}/hop`], () => `${other.origin}/redirected`);
    const outcome = await crawl({
      url: `${feed.origin}/feed.xml`,
      allowPrivateNetwork: true,
      privateHosts: ['127.0.0.6'],
      headers: SECRETS,
      headerOrigins: [other.origin],
    });
    expect(outcome.report.failures).toEqual([]);
    const named = other.requests.find((r) => r.path === '/named');
    const redirected = other.requests.find((r) => r.path === '/redirected');
    expect(named?.headers['cookie']).toBe(SECRETS.Cookie);
    expect(redirected).toBeDefined();
    expect(redirected?.headers['cookie']).toBeUndefined();
    expect(redirected?.headers['authorization']).toBeUndefined();
  }, 20_000);

  it('allowPrivateNetwork covers the source\'s own host, not a private host its feed links or redirects to; the feed text stands in', async () => {
    const other = await pageHost('127.0.0.6');
    const feed = await feedHost('127.0.0.5', () => [`${feed.origin}/own`, `${other.origin}/intranet`, `${feed.origin}/hop`], () => `${other.origin}/via-redirect`);
    const outcome = await crawl({ url: `${feed.origin}/feed.xml`, allowPrivateNetwork: true });
    expect(other.requests).toEqual([]);
    expect(outcome.report.failures.map((f) => [f.itemUrl, f.code])).toEqual([
      [`${other.origin}/intranet`, 'BLOCKED_ADDRESS'],
      [`${feed.origin}/hop`, 'BLOCKED_ADDRESS'],
    ]);
    expect(outcome.report.failures[0]?.message).toContain('privateHosts');
    // Final failures with feed text: the feed's own description is kept as the article.
    expect(outcome.pending.map((p) => p.fallbackReason)).toEqual([null, 'BLOCKED_ADDRESS', 'BLOCKED_ADDRESS']);
    expect(outcome.pending[1]?.extracted.text).toContain('eastern container terminal');
  }, 20_000);
});

/** A minimal but real PDF and PNG: the first bytes are what matters to the check. */
const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n%%EOF\n', 'latin1');
const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e226059b0000000049454e44ae426082', 'hex');

describe('fetchSource: PDFs and images are not articles', () => {
  it('refuses them with UNSUPPORTED_CONTENT, by Content-Type or by magic bytes, and keeps the feed text instead', async () => {
    const feed = await startScriptServer('127.0.0.5', (req, res) => {
      const base = `http://127.0.0.5:${(req.socket.localPort ?? 0).toString()}`;
      const send = (type: string, body: Buffer | string): void => void res.writeHead(200, { 'content-type': type }).end(body);
      if (req.url === '/feed.xml') return send('application/rss+xml', rss(['/report.pdf', '/chart.png', '/lying.html', '/unlabelled', '/story'].map((p) => base + p)));
      if (req.url === '/report.pdf') return send('application/pdf', PDF_BYTES);
      if (req.url === '/chart.png') return send('image/png', PNG_BYTES);
      if (req.url === '/lying.html') return send('text/html; charset=shift_jis', PDF_BYTES);
      if (req.url === '/unlabelled') return send('application/octet-stream', PNG_BYTES);
      if (req.url === '/story') return send('text/html; charset=utf-8', article('A real page'));
      res.writeHead(404).end();
    });
    servers.push(feed);
    const outcome = await crawl({ url: `${feed.origin}/feed.xml`, allowPrivateNetwork: true });
    expect(outcome.report.failures.map((f) => [new URL(f.itemUrl ?? '').pathname, f.code, f.retryable])).toEqual([
      ['/report.pdf', 'UNSUPPORTED_CONTENT', false],
      ['/chart.png', 'UNSUPPORTED_CONTENT', false],
      ['/lying.html', 'UNSUPPORTED_CONTENT', false],
      ['/unlabelled', 'UNSUPPORTED_CONTENT', false],
    ]);
    expect(outcome.pending.map((p) => p.fallbackReason)).toEqual(['UNSUPPORTED_CONTENT', 'UNSUPPORTED_CONTENT', 'UNSUPPORTED_CONTENT', 'UNSUPPORTED_CONTENT', null]);
    for (const p of outcome.pending.slice(0, 4)) {
      expect(p.extracted.text).toContain('eastern container terminal');
      expect(p.extracted.text).not.toMatch(/PDF|obj|IHDR/);
    }
    expect(outcome.pending[4]?.finalUrl).toBe(`${feed.origin}/story`);
  }, 20_000);
});

describe('fetchSource: a Retry-After longer than the cap', () => {
  it('gives up the source for this run after one request and keeps notBefore at the time the server asked for', async () => {
    const feed = await startScriptServer('127.0.0.5', (_req, res) => void res.writeHead(503, { 'retry-after': '7200' }).end('maintenance'));
    servers.push(feed);
    const started = Date.now();
    const outcome = await crawl({ url: `${feed.origin}/feed.xml`, allowPrivateNetwork: true }, false, { maxRetries: 3, retryAfterCapMs: 300 });
    expect(feed.requests.length).toBe(1);
    expect(outcome.report.status).toBe('failed');
    expect(outcome.report.error).toMatchObject({ code: 'HTTP_STATUS', status: 503, retryable: true });
    expect(Date.parse(outcome.report.notBefore ?? '') - started).toBeGreaterThan(7_190_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  }, 20_000);
});
