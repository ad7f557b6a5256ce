import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { WiredeskError } from '../../src/errors/index.js';
import { createExtractorPool, type ExtractorPool } from '../../src/extract/index.js';
import { createFetcher } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/log/index.js';
import { fetchSource } from '../../src/pipeline/fetch-source.js';
import type { RunDeps } from '../../src/pipeline/index.js';
import { systemClock, type ArticleRecord, type RunReport } from '../../src/types/index.js';
import { crawlOnce, writtenArticles } from '../support/crawl.js';
import { startScriptServer, type ScriptServer } from '../fetch/support/script-server.js';
import { loadSchemaValidators } from '../store/schema-validator.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/interstitials/', import.meta.url));
const wall = (name: string): string => readFileSync(`${FIXTURES}${name}/source.html`, 'utf8');

const STOCK =
  'This story is brought to you by the Harbour Times newsroom, which covers the island and its ferries, councils, courts and schools every day of the year. ' +
  'Our reporters work from offices in both ports and from the capital, and our pictures come from our own photographers and from readers who send them in. ' +
  'Read the whole story and many more on our website, where you can also find the weather, tide tables and ferry times.';

/** Feed items: path, title, description (null: the item has no text of its own). */
const ITEMS: Array<[path: string, title: string, summary: string | null]> = [
  ['/wall-en-1', 'Ferry crews walk out over pay', 'Ferry crews on the island routes began a 48-hour strike on Monday after talks over pay broke down, stranding hundreds of passengers at both ports.'],
  ['/wall-de-1', 'Landtag beschließt Doppelhaushalt', 'Der Landtag hat am Donnerstag den Doppelhaushalt für die kommenden zwei Jahre beschlossen. Die Opposition kritisierte die neuen Schulden scharf.'],
  // The same wall twice, and the same six-word teaser twice: different headlines keep them apart.
  ['/wall-en-2', 'Hospital opens new cancer ward', 'Click here to read the story.'],
  ['/wall-en-3', 'Striker signs three-year contract', 'Click here to read the story.'],
  // The same long feed text twice (a publisher's stock description): unmarked, this is a copy; marked, two articles.
  ['/wall-en-4', 'Mayor opens new library', STOCK],
  ['/wall-en-5', 'Floods close coastal road', STOCK],
  ['/bot-check', 'Council votes to keep night buses', 'The city council voted 31 to 12 on Tuesday to keep the night bus network running through next year, after a campaign by shift workers.'],
  ['/deep', 'Dam repairs delayed by a month', 'Repairs to the dam have been delayed by a month because of flooding, the water ministry said on Wednesday.'],
  ['/deep-no-text', 'A page nested a million deep', null],
  ['/wall-no-text', 'A page behind a wall', null],
];

const WALLS = ['/wall-en-1', '/wall-de-1', '/wall-en-2', '/wall-en-3', '/wall-en-4', '/wall-en-5', '/bot-check'];

function rss(origin: string): string {
  const items = ITEMS.map(([path, title, summary], i) =>
    `<item><title>${title}</title><link>${origin}${path}</link><guid>${origin}${path}</guid><pubDate>Mon, 30 Nov 2026 0${i}:00:00 GMT</pubDate>${summary === null ? '' : `<description>${summary}</description>`}</item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wall Wire</title><link>${origin}/</link>${items.join('')}</channel></rss>`;
}

describe('non-article pages through the pipeline', () => {
  let server: ScriptServer;
  let out: string;
  let report: RunReport;
  let byPath: Map<string, ArticleRecord>;

  beforeAll(async () => {
    server = await startScriptServer('127.0.0.1', (req, res) => {
      const html = (body: string): void => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      const path = req.url ?? '/';
      if (path === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(server.origin));
      if (path === '/robots.txt') return void res.writeHead(404).end();
      if (path.startsWith('/wall-de')) return html(wall('cookie-wall-de-consent'));
      if (path.startsWith('/wall')) return html(wall('cookie-wall-en-tcf'));
      if (path === '/bot-check') return html(wall('bot-check-en-challenge'));
      if (path.startsWith('/deep')) return html(`<html><body>${'<div>'.repeat(1_000_000)}text</body></html>`);
      res.writeHead(404).end();
    });
    out = await mkdtemp(join(tmpdir(), 'wiredesk-walls-'));
    const config = parseConfig({ sources: [{ name: 'Wall Wire', url: `${server.origin}/feed.xml`, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
    report = await crawlOnce(config, out);
    byPath = new Map((await writtenArticles(out, report)).map((a) => [new URL(a.url).pathname, a]));
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await rm(out, { recursive: true, force: true });
  });

  it('keeps the feed text of every wall, marked as a non-article, in a valid record', () => {
    const validate = loadSchemaValidators().article;
    for (const path of WALLS) {
      const record = byPath.get(path);
      const item = ITEMS.find(([p]) => p === path)!;
      expect(record?.extraction.nonArticle?.kind, path).toBe(path === '/bot-check' ? 'bot-check' : 'cookie-wall');
      expect(record?.extraction.method).toBe('feed-summary');
      expect(record?.extraction.reason).toMatch(/^non-article:/);
      expect(record?.text).toBe(item[2]);
      expect(record?.title).toBe(item[1]);
      expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('never makes two walls a duplicate pair or one story', () => {
    const walls = WALLS.map((p) => byPath.get(p)!);
    for (const record of walls) {
      expect(record.story.duplicateOf).toBeNull();
      expect(record.story.reason).not.toBe('duplicate');
    }
    // Walls whose feed texts differ never share a story. (The two items with one stock description may: their text is the same.)
    const distinctTexts = WALLS.filter((p) => p !== '/wall-en-5').map((p) => byPath.get(p)!);
    expect(new Set(distinctTexts.map((r) => r.story.id)).size).toBe(distinctTexts.length);
  });

  it('keeps the feed text of a page that fails extraction, and says why; without feed text the item is a failure', () => {
    const deep = byPath.get('/deep');
    expect(deep?.extraction.method).toBe('feed-summary');
    expect(deep?.extraction.reason).toBe('EXTRACT_FAILED,nesting-too-deep');
    expect(deep?.extraction.nonArticle).toBeNull();
    expect(byPath.has('/deep-no-text')).toBe(false);
    const failures = report.sources[0]!.failures.map((f) => [new URL(f.itemUrl ?? '').pathname, f.code]);
    expect(failures).toEqual(expect.arrayContaining([['/deep', 'EXTRACT_FAILED'], ['/deep-no-text', 'EXTRACT_FAILED']]));
    expect(failures.map(([path]) => path)).not.toContain('/wall-no-text');
    expect(report.sources[0]!.articlesWritten).toBe(WALLS.length + 2);
  });

  it('keeps a lasting wall without feed text as its feed headline: no text, marked, in a valid record', () => {
    const record = byPath.get('/wall-no-text');
    expect(record?.title).toBe('A page behind a wall');
    expect(record?.text).toBe('');
    expect(record?.html).toBeNull();
    expect(record?.wordCount).toBe(0);
    expect(record?.extraction.method).toBe('none');
    expect(record?.extraction.reason).toMatch(/^non-article:cookie-wall/);
    expect(record?.extraction.nonArticle?.kind).toBe('cookie-wall');
    expect(record?.story.duplicateOf).toBeNull();
    const validate = loadSchemaValidators().article;
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('fetchSource: a page over the extraction budget', () => {
  it('keeps the feed text, with EXTRACT_TIMEOUT as the reason and in the failures', async () => {
    const page = '<html><body><article><p>A page that takes too long.</p></article></body></html>';
    const server = await startScriptServer('127.0.0.1', (req, res) => {
      if (req.url === '/feed.xml') {
        const item = (path: string, description: string): string => `<item><title>Slow ${path}</title><link>${origin()}${path}</link><guid>${origin()}${path}</guid>${description}</item>`;
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title><link>${origin()}/</link>${item('/slow', '<description>The mayor opened the new library on Saturday.</description>')}${item('/slow-no-text', '')}</channel></rss>`);
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    });
    const origin = (): string => server.origin;
    const real = createExtractorPool({ workers: 0, timeoutMs: 10_000 });
    // Every page is over budget; the feed-only extraction (no markup) is not.
    const extractor: ExtractorPool = {
      extract: (input) => (input.html === '' ? real.extract(input) : Promise.reject(new WiredeskError('EXTRACT_TIMEOUT', `extract: over the budget (${input.url})`, { url: input.url }))),
      close: () => real.close(),
    };
    const config = parseConfig({ sources: [{ name: 'Slow', url: `${server.origin}/feed.xml`, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 }, extract: { workers: 0 } }, null);
    const fetcher = createFetcher({ config: config.fetch, logger: silentLogger });
    try {
      const deps = { config, fetcher, extractor, clock: systemClock, logger: silentLogger } as unknown as RunDeps;
      const outcome = await fetchSource(deps, config.sources[0]!, 0, { validatorsFor: async () => null, handledItems: async () => ({ seen: new Set<string>(), elsewhere: new Set<string>() }), documentValidators: async () => ({}), claimArticle: () => true, releaseArticles: () => undefined, released: async () => undefined, pageValidators: async () => null });
      expect(outcome.pending.map((p) => [new URL(p.item.url ?? '').pathname, p.fallbackReason, p.extracted.extraction.method, p.extracted.text])).toEqual([
        ['/slow', 'EXTRACT_TIMEOUT', 'feed-summary', 'The mayor opened the new library on Saturday.'],
      ]);
      expect(outcome.report.failures.map((f) => [new URL(f.itemUrl ?? '').pathname, f.code])).toEqual([['/slow', 'EXTRACT_TIMEOUT'], ['/slow-no-text', 'EXTRACT_TIMEOUT']]);
    } finally {
      await fetcher.close();
      await extractor.close();
      await server.close();
    }
  }, 20_000);
});

describe('a wall without feed text on the next run', () => {
  it('fetches a bot check again (it passes), and keeps a cookie wall as its headline once (it stays)', async () => {
    const hits = new Map<string, number>();
    let botCheckPassed = false;
    const article = readFileSync(`${FIXTURES}article-404-outage-en/source.html`, 'utf8');
    const server = await startScriptServer('127.0.0.1', (req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const html = (body: string): void => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      if (path === '/feed.xml') {
        const item = (p: string, title: string): string => `<item><title>${title}</title><link>${server.origin}${p}</link><guid>${server.origin}${p}</guid></item>`;
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Walls</title><link>${server.origin}/</link>${item('/checked', 'Checked page')}${item('/walled', 'Walled page')}</channel></rss>`);
      }
      if (path === '/checked') return html(botCheckPassed ? article : wall('bot-check-en-challenge'));
      if (path === '/walled') return html(wall('cookie-wall-en-tcf'));
      res.writeHead(404).end();
    });
    const dir = await mkdtemp(join(tmpdir(), 'wiredesk-walls-again-'));
    try {
      const config = parseConfig({ sources: [{ name: 'Walls', url: `${server.origin}/feed.xml`, allowPrivateNetwork: true }], fetch: { minHostGapMs: 0, maxRetries: 0 } }, null);
      const first = await crawlOnce(config, dir);
      expect(first.sources[0]!.failures.map((f) => [new URL(f.itemUrl ?? '').pathname, f.code, f.retryable]).sort()).toEqual([['/checked', 'EXTRACT_EMPTY', true]]);
      expect((await writtenArticles(dir, first)).map((a) => [new URL(a.url).pathname, a.title, a.text, a.extraction.nonArticle?.kind])).toEqual([['/walled', 'Walled page', '', 'cookie-wall']]);
      botCheckPassed = true;
      const second = await crawlOnce(config, dir);
      expect(hits.get('/checked')).toBe(2);
      expect(hits.get('/walled')).toBe(1);
      const written = await writtenArticles(dir, second);
      expect(written.map((a) => new URL(a.url).pathname)).toEqual(['/checked']);
      expect(written[0]!.extraction.nonArticle).toBeNull();
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
