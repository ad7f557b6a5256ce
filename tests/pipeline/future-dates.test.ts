import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORIES, parseConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log/index.js';
import { openSink, openState, pruneOutput } from '../../src/ops/index.js';
import { systemClock, type ArticleRecord, type RunReport } from '../../src/types/index.js';
import { startScriptServer, type ScriptServer } from '../fetch/support/script-server.js';
import { loadSchemaValidators } from '../store/schema-validator.js';
import { crawlOnce, writtenArticles } from '../support/crawl.js';

const DAY = 86_400_000;

/** An article page whose JSON-LD gives `published` as its publication time. */
function page(title: string, published: string): string {
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: title, datePublished: published });
  const p = `<p>${title}: the port authority said the work would be finished before the winter storms, and that ships would be diverted meanwhile.</p>`;
  return `<html><head><title>${title}</title><script type="application/ld+json">${ld}</script></head><body><article><h1>${title}</h1>${p.repeat(5)}</article></body></html>`;
}

// Issue 15, item 9: articles dated 37 days ahead were filed under a future date folder and survived prune.
describe('an article dated in the future', () => {
  let server: ScriptServer;
  let out: string;
  let report: RunReport;
  let record: ArticleRecord;
  let future: string;

  beforeAll(async () => {
    future = new Date(Date.now() + 37 * DAY).toISOString();
    server = await startScriptServer('127.0.0.1', (req, res) => {
      if (req.url === '/feed.xml') {
        const link = `${server.origin}/ahead`;
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Ahead</title><link>${server.origin}/</link><item><title>Harbour works</title><link>${link}</link><guid>${link}</guid></item></channel></rss>`);
      }
      if (req.url === '/ahead') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Harbour works', future));
      res.writeHead(404).end();
    });
    out = await mkdtemp(join(tmpdir(), 'wiredesk-future-'));
    const config = parseConfig({ sources: [{ name: 'Ahead', url: `${server.origin}/feed.xml`, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
    report = await crawlOnce(config, out);
    [record] = (await writtenArticles(out, report)) as [ArticleRecord];
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    await rm(out, { recursive: true, force: true });
  });

  it('is dated when it was fetched, filed under that day, and says what the page claimed', () => {
    expect(record.publishedAt).toBe(record.fetchedAt);
    expect(record.extraction.clampedDates).toEqual({ publishedAt: future });
    expect(report.written.articles[0]).toMatch(new RegExp(`^articles/${record.fetchedAt.slice(0, 10).replace(/-/g, '/')}/`));
    const validate = loadSchemaValidators().article;
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is pruned with the articles of its fetch day', async () => {
    const sink = await openSink({ outDir: out }, { clock: systemClock, logger: silentLogger });
    const state = openState({ outDir: out });
    try {
      const fetched = Date.parse(record.fetchedAt);
      expect(await pruneOutput({ sink, state, stories: DEFAULT_STORIES }, new Date(fetched - DAY), { dryRun: true })).toMatchObject({ articlesRemoved: 0 });
      expect(await pruneOutput({ sink, state, stories: DEFAULT_STORIES }, new Date(fetched + DAY))).toMatchObject({ articlesRemoved: 1 });
      expect(await sink.readArticle(record.id, record.fetchedAt.slice(0, 10))).toBeNull();
    } finally {
      await state.close();
    }
  });
});
