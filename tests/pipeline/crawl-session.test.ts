import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log/index.js';
import { openCrawler } from '../../src/ops/index.js';
import type { RunSummary } from '../../src/types/index.js';
import { readLatestReport } from '../support/crawl.js';

const PARAGRAPH = '<p>The port authority said on Monday that the new container terminal would open in the spring, doubling capacity on the northern quay.</p>';

describe('CrawlSession (the daemon\'s continuous mode)', () => {
  let server: Server;
  let origin: string;
  let out: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const feed = /^\/(\w+)\.xml$/.exec(req.url ?? '');
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      if (feed) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${feed[1]}</title><link>/</link><item><title>Terminal ${feed[1]}</title><link>/page/${feed[1]}</link><guid>${feed[1]}</guid></item></channel></rss>`);
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>Terminal ${req.url}</title></head><body><article><h1>Terminal ${req.url}</h1>${PARAGRAPH.repeat(5)}</article></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    out = await mkdtemp(join(tmpdir(), 'wiredesk-session-'));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await rm(out, { recursive: true, force: true });
  });

  it('crawls sources side by side, reports as soon as it falls idle, then at most once a period, and the rest on close', async () => {
    const names = ['alpha', 'beta', 'gamma'];
    const config = parseConfig({ sources: names.map((n) => ({ name: n, url: `${origin}/${n}.xml`, allowPrivateNetwork: true })), fetch: { minHostGapMs: 5 }, extract: { workers: 0 } }, null);
    const crawler = await openCrawler(config, { outDir: out, logger: silentLogger });
    const reports: RunSummary[] = [];
    try {
      const session = crawler.openSession({ reportEveryMs: 60_000, onReport: (s) => void reports.push(s) });
      const [alpha, beta] = await Promise.all([session.crawl(config.sources[0]!), session.crawl(config.sources[1]!)]);
      expect([alpha.articlesWritten, beta.articlesWritten]).toEqual([1, 1]);
      // Idle for the first time since start: the two are reported now.
      await waitUntil(() => reports.length === 1);
      expect(reports[0]!.sources.map((s) => s.name).sort()).toEqual(['alpha', 'beta']);
      expect(reports[0]!.written.articles).toHaveLength(2);
      expect((await readLatestReport(out)).runId).toBe(reports[0]!.runId);
      // Idle again within the minute: no report yet; close writes it.
      await session.crawl(config.sources[2]!);
      await new Promise((r) => setTimeout(r, 50));
      expect(reports).toHaveLength(1);
      const last = await session.close();
      expect(last?.sources.map((s) => s.name)).toEqual(['gamma']);
      expect(reports).toHaveLength(2);
      expect(await session.close()).toBeNull();
    } finally {
      await crawler.close();
    }
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}
