import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { demoSourcesConfig, startDemoWire, type DemoWire } from '../../src/demo/index.js';
import { parseFeed } from '../../src/feeds/index.js';
import { silentLogger } from '../../src/log/index.js';
import { openSink } from '../../src/ops/index.js';
import type { OutputSink } from '../../src/store/index.js';
import { entryId } from '../../src/board/index.js';
import { systemClock, type ArticleRecord } from '../../src/types/index.js';
import { listFiles, makeRun, tempDir } from '../store/make-records.js';
import { seedOutput } from '../support/seed-output.js';
import { report } from './board-records.js';
import { checkAtom, checkJsonFeed } from './feed-checks.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('wiredesk board', () => {
  let dir: { path: string; remove(): Promise<void> };
  let out: string;
  let store: OutputSink;
  beforeEach(async () => {
    dir = await tempDir('wiredesk-board-');
    out = join(dir.path, 'out');
    store = await openSink({ outDir: out }, { clock: systemClock, logger: silentLogger });
  });
  afterEach(() => dir.remove());

  async function writeStory(id: string, agencies: string[], seenAgoMs: number): Promise<void> {
    const seen = new Date(Date.now() - seenAgoMs).toISOString();
    const reports = agencies.map((agency, i) => report(`${id}r${i}`, id, { agency, fetchedAt: seen, publishedAt: seen, title: `${id} by ${agency}` }));
    // As a crawl leaves them: files, the catalog, and the story file from its members.
    await seedOutput(out, reports);
  }

  it('writes board/index.html and the feeds from the stories in the window, and keeps entry stamps on a rewrite', async () => {
    const none = await cli(['board', '--out', out]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('holds no wiredesk output (no latest-run.json)');
    expect(await exists(join(out, 'board'))).toBe(false);
    await store.writeRunReport({ ...makeRun('20261121-030000-abcdef'), written: { articles: [], stories: [] } });
    await writeStory('s1', ['Reuters', 'AP'], 3_600_000);
    await writeStory('s2', ['AFP'], 2 * 3_600_000);
    await writeStory('s3', ['dpa'], 5 * 86_400_000);
    const first = await cli(['board', '--out', out, '--since', '24h', '--base-url', 'https://desk.example/out']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('2 stories, 3 reports');
    expect(first.out).toContain('feeds: feeds/stories.atom, feeds/lang-en.atom, feeds/stories.json');
    const html = await readFile(join(out, 'board', 'index.html'), 'utf8');
    expect(html).toContain('s1 by Reuters');
    expect(html).not.toContain('s3 by dpa');
    const atom = await readFile(join(out, 'feeds', 'stories.atom'), 'utf8');
    checkAtom(atom);
    const json = await readFile(join(out, 'feeds', 'stories.json'), 'utf8');
    checkJsonFeed(json);
    expect(parseFeed(atom, { fetchedAt: new Date() }).items.map((i) => i.url)).toEqual(['https://desk.example/out/board/#story-s1', 'https://desk.example/out/board/#story-s2']);
    expect(await store.readStoryFeed('stories.json')).toBe(json);

    const second = await cli(['board', '--out', out, '--since', '24h', '--base-url', 'https://desk.example/out']);
    expect(second.code).toBe(0);
    expect(await readFile(join(out, 'feeds', 'stories.json'), 'utf8')).toBe(json);
  });

  it('refuses a bad --since or --base-url as a usage error, and a feed name that is not a plain file name', async () => {
    expect((await cli(['board', '--out', out, '--since', 'soon'])).code).toBe(2);
    const bad = await cli(['board', '--out', out, '--base-url', 'ftp://desk.example/']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('base URL "ftp://desk.example/" is not http(s)');
    for (const name of ['../stories.atom', 'feeds/x.atom', 'x.html', '.atom']) await expect(store.writeStoryFeed(name, 'x')).rejects.toMatchObject({ code: 'STORE_WRITE' });
    expect(await store.readStoryFeed('stories.json')).toBeNull();
  });
});

describe('run rewrites the board after each run', () => {
  let wire: DemoWire;
  let dir: { path: string; remove(): Promise<void> };
  beforeAll(async () => {
    wire = await startDemoWire();
    dir = await tempDir('wiredesk-board-run-');
  });
  afterAll(async () => {
    await wire?.close();
    await dir?.remove();
  });

  async function runWith(output: Record<string, unknown> | undefined, name: string, sources = demoSourcesConfig(wire)): Promise<string> {
    const configPath = join(dir.path, `${name}.json`);
    await writeFile(configPath, JSON.stringify({ sources, fetch: { minHostGapMs: 20 }, stories: { commitHoldMs: 600_000 }, ...(output ? { output } : {}) }));
    const out = join(dir.path, name);
    const result = await cli(['run', '--config', configPath, '--out', out, '--log', 'json', '--quiet']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    return out;
  }

  it('on by default: the board and the feeds of the crawl are there when run exits (each story once, the copy inside its original\'s entry); output.board false writes neither', async () => {
    const on = await runWith({ baseUrl: 'https://desk.example/' }, 'on');
    const html = await readFile(join(on, 'board', 'index.html'), 'utf8');
    expect(html).toContain('Daesh ringleader al-Baghdadi flees Mosul for his life');
    // Both feeds parse back with our parser: each story once, and the copy inside its original's entry only.
    const files = await listFiles(on);
    const storyIds = files.filter((f) => f.startsWith('stories/')).map((f) => f.slice('stories/'.length, -'.json'.length)).sort();
    const articles = await Promise.all(files.filter((f) => f.startsWith('articles/')).map(async (f) => JSON.parse(await readFile(join(on, f), 'utf8')) as ArticleRecord));
    const copies = articles.filter((a) => a.story.duplicateOf !== null);
    expect(copies).toHaveLength(1);
    const copy = copies[0] as ArticleRecord;
    for (const name of ['stories.atom', 'stories.json']) {
      const text = await readFile(join(on, 'feeds', name), 'utf8');
      if (name.endsWith('.atom')) checkAtom(text);
      else checkJsonFeed(text);
      const items = parseFeed(text, { fetchedAt: new Date() }).items;
      expect(items.map((i) => i.guid).sort()).toEqual(storyIds.map(entryId).sort());
      expect(items.filter((i) => i.title === copy.title)).toHaveLength(0);
      const holding = items.filter((i) => i.content?.includes(copy.url));
      expect(holding.map((i) => i.guid)).toEqual([entryId(copy.story.id)]);
      expect(holding[0]?.content).toContain(`<li>copy: <a href="${copy.url}">`);
    }
    const off = await runWith({ board: false }, 'off', demoSourcesConfig(wire).slice(0, 1));
    expect(await exists(join(off, 'latest-run.json'))).toBe(true);
    expect(await exists(join(off, 'board'))).toBe(false);
    expect(await exists(join(off, 'feeds'))).toBe(false);
  }, 60_000);
});
