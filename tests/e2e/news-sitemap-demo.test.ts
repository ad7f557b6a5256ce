import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { startDemoWire, demoSourcesConfig, type DemoWire } from '../../src/demo/index.js';
import type { ArticleRecord, RunReport } from '../../src/types/index.js';

/**
 * Issue 17: one agency of the demo wire (Meridian) publishes a Google News sitemap beside its feed,
 * and the crawl reads both. Every page is fetched once, whichever source lists it, and the story
 * groups are the demo's own. The demo articles are from 2017, so the age cutoff is opened up.
 */
interface Expected {
  groups: string[][];
  duplicates: Record<string, string>;
}

let wire: DemoWire;
let dir: string;
let configPath: string;
let expected: Expected;

beforeAll(async () => {
  wire = await startDemoWire();
  dir = await mkdtemp(join(tmpdir(), 'wiredesk-sitemap-e2e-'));
  configPath = join(dir, 'wiredesk.json');
  const sitemapSource = { name: 'meridian-sitemap', url: wire.urlFor('meridian/sitemap-news.xml'), kind: 'news-sitemap', allowPrivateNetwork: true };
  await writeFile(configPath, JSON.stringify({ sources: [...demoSourcesConfig(wire), sitemapSource], fetch: { minHostGapMs: 20 }, stories: { commitHoldMs: 600_000 }, sitemap: { maxAgeHours: 24 * 365 * 30 } }));
  expected = JSON.parse(await readFile('fixtures/demo-wire/expected.json', 'utf8')) as Expected;
});

afterAll(async () => {
  await wire?.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(out: string): Promise<RunReport> {
  let stderr = '';
  const code = await main(['run', '--config', configPath, '--out', out, '--log', 'json', '--quiet'], { out: () => {}, err: (t) => (stderr += t) });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const latest = JSON.parse(await readFile(join(out, 'latest-run.json'), 'utf8')) as { path: string };
  return JSON.parse(await readFile(join(out, latest.path), 'utf8')) as RunReport;
}

async function readArticles(out: string): Promise<ArticleRecord[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(out, 'articles'), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.json')) files.push(join(entry.parentPath, entry.name));
  }
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as ArticleRecord));
}

/** Article pages requested, by fixture key (robots.txt, feeds, sitemaps and images are not articles). */
function articleFetches(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of wire.requests) {
    const key = wire.keyFor(wire.urlFor(`${request.agency}${request.url}`));
    if (key !== null && request.method === 'GET') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('the demo wire with a news sitemap beside a feed', () => {
  it('fetches each article once, keeps the demo groups, and costs only 304s the second time', async () => {
    const out = join(dir, 'out');
    const first = await run(out);
    const sitemap = first.sources.find((s) => s.name === 'meridian-sitemap');
    expect(sitemap).toMatchObject({ status: 'ok', error: null });
    expect(sitemap?.itemsSeen).toBe(3);
    expect(wire.requests.some((r) => r.agency === 'meridian' && r.url === '/sitemap-news.xml' && r.status === 200)).toBe(true);

    // Every page once, though Meridian's three are listed by its feed and by its sitemap.
    const fetches = articleFetches();
    expect([...fetches.values()].every((n) => n === 1), JSON.stringify([...fetches])).toBe(true);
    const articles = await readArticles(out);
    const keys = articles.map((a) => wire.keyFor(a.url));
    expect(new Set(keys).size).toBe(articles.length);
    expect(first.totals.articlesWritten).toBe(articles.length);
    for (const key of [...expected.groups.flat(), ...Object.keys(expected.duplicates)]) expect(keys).toContain(key);

    // The demo's groups, unchanged.
    const byKey = new Map(articles.map((a) => [wire.keyFor(a.url), a]));
    const storyOf = (key: string): string => byKey.get(key)?.story.id ?? `missing:${key}`;
    for (const group of expected.groups) expect(new Set(group.map(storyOf)).size, group.join(' + ')).toBe(1);
    const groupStories = expected.groups.map((g) => storyOf(g[0] as string));
    expect(new Set(groupStories).size).toBe(groupStories.length);
    for (const [copy, original] of Object.entries(expected.duplicates)) expect(byKey.get(copy)?.story.duplicateOf).toBe(byKey.get(original)?.id);
    const grouped = new Set([...expected.groups.flat(), ...Object.keys(expected.duplicates)]);
    const alone = articles.filter((a) => !grouped.has(wire.keyFor(a.url) ?? ''));
    expect(new Set(alone.map((a) => a.story.id)).size).toBe(alone.length);

    // Second run: the feed and the sitemap answer 304, nothing is fetched or written.
    const before = wire.requests.length;
    const second = await run(out);
    expect(second.sources.map((s) => s.status)).toEqual(second.sources.map(() => 'not-modified'));
    expect(second.totals.articlesWritten).toBe(0);
    const later = wire.requests.slice(before);
    expect(later.filter((r) => wire.keyFor(wire.urlFor(`${r.agency}${r.url}`)) !== null)).toEqual([]);
  }, 120_000);
});
