import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type WiredeskConfig } from '../../src/config/index.js';
import { crawlOnce } from '../support/crawl.js';
import type { RunReport } from '../../src/types/index.js';

const PARAGRAPH = 'The port authority said on Monday that a second container berth would open in May, doubling capacity for ships that now wait offshore for days. ';

/** A news sitemap of `count` old URLs (robots.txt keeps crawlers off them) plus the given new ones, dated now. */
function sitemap(base: string, count: number, fresh: string[]): string {
  const now = new Date().toISOString();
  const entry = (path: string, title: string): string =>
    `<url><loc>${base}${path}</loc><news:news><news:publication><news:name>Port Wire</news:name><news:language>en</news:language></news:publication><news:publication_date>${now}</news:publication_date><news:title>${title}</news:title></news:news></url>`;
  const old = Array.from({ length: count }, (_, i) => entry(`/old/${i}`, `Old report ${i}`));
  const added = fresh.map((slug) => entry(`/new/${slug}`, `Port berth report ${slug}`));
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${[...old, ...added].join('')}</urlset>`;
}

describe('a news-sitemap source in a crawl', () => {
  let server: Server;
  let base: string;
  let out: string;
  let listed: string[] = [];
  const pageRequests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /old/\n');
      if (url === '/sitemap-news.xml') {
        const body = sitemap(base, 997, listed);
        const etag = `"${listed.length}"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        return void res.writeHead(200, { 'content-type': 'application/xml', etag }).end(body);
      }
      pageRequests.push(url);
      if (url.startsWith('/new/')) {
        const body = Array.from({ length: 6 }, (_, i) => `<p>${PARAGRAPH}Detail ${i} on ${url}.</p>`).join('');
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>Report ${url}</title></head><body><article><h1>Report ${url}</h1>${body}</article></body></html>`);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    out = await mkdtemp(join(tmpdir(), 'wiredesk-sitemap-'));
  });

  afterAll(async () => {
    server?.close();
    await rm(out, { recursive: true, force: true });
  });

  const crawl = async (): Promise<RunReport> => {
    const config: WiredeskConfig = parseConfig({ sources: [{ name: 'Port Wire', url: `${base}/sitemap-news.xml`, kind: 'news-sitemap', allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
    return crawlOnce(config, out);
  };

  it('costs one article fetch per new URL: 1,000 listed, 3 new, 3 fetches; unchanged, a 304', async () => {
    const first = await crawl();
    expect(first.sources[0]).toMatchObject({ status: 'partial', itemsSeen: 997, itemsNew: 997, articlesWritten: 0 });
    expect(first.sources[0]?.failures.every((f) => f.code === 'ROBOTS_DISALLOWED')).toBe(true);
    expect(pageRequests).toEqual([]);

    listed = ['a', 'b', 'c'];
    const second = await crawl();
    expect(second.sources[0]).toMatchObject({ status: 'ok', itemsSeen: 1000, itemsNew: 3, articlesWritten: 3 });
    expect(pageRequests.sort()).toEqual(['/new/a', '/new/b', '/new/c']);

    const third = await crawl();
    expect(third.sources[0]?.status).toBe('not-modified');
    expect(pageRequests).toHaveLength(3);
  }, 60_000);
});
