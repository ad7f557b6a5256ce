import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { crawlOnce } from '../support/crawl.js';

const PARAGRAPH = 'The transport ministry said on Wednesday that the coastal rail line would reopen next month after engineers rebuilt two bridges washed away in the winter floods. ';

/**
 * Issue 18 #1: a feed of 800,000 nested elements (2.4 MB) beside good feeds. It fails alone with
 * FEED_MALFORMED (reason depth) and the others are crawled; while it is read, the event loop keeps
 * turning (a timer keeps firing), so signals and other sources are served.
 */
describe('a crawl with a deeply nested feed among good ones', () => {
  let server: Server;
  let base: string;
  let out: string;

  beforeAll(async () => {
    const deep = `<?xml version="1.0"?><rss version="2.0"><channel><title>deep</title>${'<a>'.repeat(800_000)}</channel></rss>`;
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/robots.txt') return void res.writeHead(404).end();
      if (url === '/deep.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(deep);
      const feed = /^\/good-(\d)\.xml$/.exec(url);
      if (feed !== null) {
        const item = `<item><title>Rail line ${feed[1]} to reopen</title><link>${base}/story-${feed[1]}</link><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate></item>`;
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>Good ${feed[1]}</title>${item}</channel></rss>`);
      }
      const body = Array.from({ length: 6 }, (_, i) => `<p>${PARAGRAPH}Detail ${i} of ${url}.</p>`).join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>${url}</title></head><body><article><h1>Rail ${url}</h1>${body}</article></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    out = await mkdtemp(join(tmpdir(), 'wiredesk-hostile-'));
  });

  afterAll(async () => {
    server?.close();
    await rm(out, { recursive: true, force: true });
  });

  it('fails the nested feed alone with its typed code, crawls the good ones, and never stalls the event loop', async () => {
    const sources = [{ name: 'Deep', url: `${base}/deep.xml`, allowPrivateNetwork: true }, ...[1, 2, 3].map((n) => ({ name: `Good ${n}`, url: `${base}/good-${n}.xml`, allowPrivateNetwork: true }))];
    const config = parseConfig({ sources, fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const report = await crawlOnce(config, out);
      const deep = report.sources.find((s) => s.name === 'Deep');
      expect(deep).toMatchObject({ status: 'failed', error: { code: 'FEED_MALFORMED', details: { reason: 'depth' } } });
      expect(report.sources.filter((s) => s.name.startsWith('Good')).map((s) => [s.status, s.articlesWritten])).toEqual([
        ['ok', 1],
        ['ok', 1],
        ['ok', 1],
      ]);
      // The timer ran between slices of work, not only after the crawl.
      expect(ticks).toBeGreaterThan(3);
    } finally {
      clearInterval(timer);
    }
  }, 60_000);
});
