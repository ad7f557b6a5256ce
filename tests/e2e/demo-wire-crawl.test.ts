import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { startDemoWire, demoSourcesConfig, type DemoWire } from '../../src/demo/index.js';
import type { ArticleRecord, RunReport, StoryRecord } from '../../src/types/index.js';

/** The demo wire's own statement of what must group with what (written with the fixtures). */
interface Expected {
  groups: string[][];
  duplicates: Record<string, string>;
  boilerplate: string[];
}

let wire: DemoWire;
let dir: string;
let configPath: string;
let expected: Expected;

beforeAll(async () => {
  wire = await startDemoWire();
  dir = await mkdtemp(join(tmpdir(), 'wiredesk-e2e-'));
  configPath = join(dir, 'wiredesk.json');
  await writeFile(configPath, JSON.stringify({ sources: demoSourcesConfig(wire), fetch: { minHostGapMs: 20 }, stories: { commitHoldMs: 600_000 } }));
  expected = JSON.parse(await readFile('fixtures/demo-wire/expected.json', 'utf8')) as Expected;
});

afterAll(async () => {
  await wire?.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(out: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(['run', '--config', configPath, '--out', out, '--log', 'json', '--quiet'], { out: () => {}, err: (t) => (stderr += t) });
  return { code, stderr };
}

async function listJson(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.json')) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

/** Maps an article record back to the fixture key the expectations use (`agency/slug`). */
function fixtureKey(article: ArticleRecord): string {
  return wire.keyFor(article.url) ?? `unknown:${article.url}`;
}

describe('wiredesk run against the demo wire', () => {
  let out: string;
  let articles: ArticleRecord[];
  let report: RunReport;

  beforeAll(async () => {
    out = join(dir, 'out');
    const { code, stderr } = await run(out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const files = await listJson(join(out, 'articles'));
    articles = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as ArticleRecord));
    const latest = JSON.parse(await readFile(join(out, 'latest-run.json'), 'utf8')) as { runId: string; path: string };
    report = JSON.parse(await readFile(join(out, latest.path), 'utf8')) as RunReport;
  }, 120_000);

  it('writes one parseable article file per feed item, with the contract fields', () => {
    const expectedKeys = new Set([...expected.groups.flat(), ...Object.keys(expected.duplicates)]);
    expect(articles.length).toBeGreaterThanOrEqual(9);
    for (const a of articles) {
      expect(a.schemaVersion).toBe(1);
      expect(a.id).toMatch(/^[a-z0-9_-]+$/);
      expect(a.fingerprint.simhash).toMatch(/^[0-9a-f]{16}$/);
      expect(a.text.length).toBeGreaterThan(200);
      expect(a.text).toContain('\n\n');
      expect(a.wordCount).toBeGreaterThan(50);
      expect(a.fetchedAt).toMatch(/Z$/);
      expect(a.feed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(a.story.id).toMatch(/^[a-z0-9_-]+$/);
      expect(a.title.length).toBeGreaterThan(10);
    }
    for (const key of expectedKeys) expect(articles.map(fixtureKey)).toContain(key);
  });

  it('keeps the agency boilerplate out of every stored text', () => {
    for (const a of articles) {
      for (const phrase of ['News ID', '847/940', 'Send comment', 'Please type in your comments', ...expected.boilerplate]) {
        expect(a.text, `${fixtureKey(a)} contains "${phrase}"`).not.toContain(phrase);
      }
    }
  });

  it('groups the two Mosul reports, marks the verbatim copy, and leaves every other story alone', () => {
    const byKey = new Map(articles.map((a) => [fixtureKey(a), a]));
    const storyOf = (key: string): string => byKey.get(key)?.story.id ?? `missing:${key}`;
    for (const group of expected.groups) {
      const ids = new Set(group.map(storyOf));
      expect(ids.size, `group ${group.join(' + ')}`).toBe(1);
    }
    for (const [copy, original] of Object.entries(expected.duplicates)) {
      expect(byKey.get(copy)?.story.duplicateOf, `${copy} duplicate of ${original}`).toBe(byKey.get(original)?.id);
      expect(storyOf(copy)).toBe(storyOf(original));
    }
    // Different groups never share a story.
    const groupStories = expected.groups.map((g) => storyOf(g[0] as string));
    expect(new Set(groupStories).size).toBe(groupStories.length);
    // Nothing outside the expected duplicates is marked as a copy.
    for (const a of articles) if (!(fixtureKey(a) in expected.duplicates)) expect(a.story.duplicateOf, fixtureKey(a)).toBeNull();
  });

  it('writes story files that list their members and a run report that lists what it wrote', async () => {
    const storyFiles = await listJson(join(out, 'stories'));
    const stories = await Promise.all(storyFiles.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as StoryRecord));
    const members = stories.flatMap((s) => s.members).sort();
    expect(members).toEqual(articles.map((a) => a.id).sort());
    for (const s of stories) expect(s.members).toContain(s.representative);
    expect(report.status).toBe('ok');
    expect(report.totals.articlesWritten).toBe(articles.length);
    expect(report.written.articles.sort()).toEqual((await listJson(join(out, 'articles'))).map((f) => relative(out, f)).sort());
    expect(report.sources.every((s) => s.status === 'ok' && s.error === null)).toBe(true);
  });

  it('writes no article file on a second run with nothing new', async () => {
    const before = await listJson(join(out, 'articles'));
    const mtimes = await Promise.all(before.map(async (f) => (await stat(f)).mtimeMs));
    const { code } = await run(out);
    expect(code).toBe(0);
    const after = await listJson(join(out, 'articles'));
    expect(after).toEqual(before);
    expect(await Promise.all(after.map(async (f) => (await stat(f)).mtimeMs))).toEqual(mtimes);
    const latest = JSON.parse(await readFile(join(out, 'latest-run.json'), 'utf8')) as { path: string };
    const second = JSON.parse(await readFile(join(out, latest.path), 'utf8')) as RunReport;
    expect(second.totals.articlesWritten).toBe(0);
    expect(second.written.articles).toEqual([]);
    // The stored validators made every feed fetch conditional: 304s, nothing parsed.
    expect(second.sources.map((s) => s.status)).toEqual(second.sources.map(() => 'not-modified'));
    expect(second.totals.itemsSeen).toBe(0);
  }, 60_000);
});
