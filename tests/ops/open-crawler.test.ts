import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type WiredeskConfig } from '../../src/config/index.js';
import type { StoryDoc } from '../../src/fingerprint/index.js';
import { fixtureDoc } from '../fingerprint/helpers.js';
import { crawlOnce } from '../support/crawl.js';

// The story index is restored on the first commit, not at open: a run with nothing new (most cron
// runs) does not pay for it, and a damaged index still stops the first run that needs it.

const DOCS = ['quake-a-1', 'quake-a-2', 'quake-b-1'].map((n) => fixtureDoc('same-kind-events', n));

const page = (doc: StoryDoc): string =>
  `<!doctype html><html lang="en"><head><title>${doc.title}</title></head><body><article><h1>${doc.title}</h1>${doc.text
    .split(/\n+/)
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;

describe('openCrawler: the story index on demand', () => {
  let server: Server;
  let base: string;
  let out: string;
  let listed = 2;
  let config: WiredeskConfig;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const doc = DOCS.find((d) => req.url === `/${d.id}`);
      if (req.url === '/feed.xml') {
        const items = DOCS.slice(0, listed)
          .map((d) => `<item><title>${d.title}</title><link>${base}/${d.id}</link><guid>${base}/${d.id}</guid><pubDate>${new Date(d.publishedAt as string).toUTCString()}</pubDate></item>`)
          .join('');
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Quake Wire</title><link>${base}/</link>${items}</channel></rss>`);
      }
      if (doc !== undefined) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(doc));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    base = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
    out = await mkdtemp(join(tmpdir(), 'wiredesk-lazy-index-'));
    config = parseConfig({ sources: [{ name: 'Quake Wire', url: `${base}/feed.xml`, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0 } }, null);
    await crawlOnce(config, out);
    // A checkpoint of the index is what a crash in the middle of writing it would leave unreadable.
    await writeFile(join(out, '.wiredesk-state', 'story-index.snapshot'), 'not a deflated snapshot');
  }, 60_000);

  afterAll(async () => {
    server?.close();
    await rm(out, { recursive: true, force: true });
  });

  it('runs with nothing new without reading the index', async () => {
    const report = await crawlOnce(config, out);
    expect(report.status).toBe('ok');
    expect(report.totals.articlesWritten).toBe(0);
  });

  it('stops the first run that needs the index with STATE_CORRUPT, naming the file and the rebuild', async () => {
    listed = 3;
    const failed = await crawlOnce(config, out).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({ code: 'STATE_CORRUPT', details: { hint: 'wiredesk state rebuild' } });
    expect(String((failed as Error).message)).toContain('story-index.snapshot');
  });
});
