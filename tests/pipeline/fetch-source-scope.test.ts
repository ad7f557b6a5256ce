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
async function crawl(source: Record<string, unknown>, publicLoopback = false) {
  const config = parseConfig({ sources: [{ name: 'Port Wire', ...source }], fetch: { minHostGapMs: 0, maxRetries: 0 }, extract: { workers: 0 } }, null);
  // Otherwise the default address policy: every loopback address is private unless the source's scope allows it.
  const fetcher = createFetcher({ config: config.fetch, logger: silentLogger, ...(publicLoopback ? { isBlockedAddress: () => false } : {}) });
  const extractor = createExtractorPool({ workers: 0, timeoutMs: 10_000 });
  closers.push(() => fetcher.close(), () => extractor.close());
  const deps = { config, fetcher, extractor, clock: systemClock, logger: silentLogger } as unknown as RunDeps;
  return fetchSource(deps, config.sources[0]!, 0, { validatorsFor: () => null, isSeen: () => false });
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
