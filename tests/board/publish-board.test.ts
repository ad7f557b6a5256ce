import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishBoard, type BoardSink, type BoardSource, type PublishBoardResult } from '../../src/board/index.js';
import { silentLogger } from '../../src/log/index.js';
import { openFileSink, type FileSink } from '../../src/store/index.js';
import type { ArticleRecord, StoryRecord } from '../../src/types/index.js';
import { fakeClock, listFiles, tempDir } from '../store/make-records.js';
import { report, storyOf } from './board-records.js';
import { readChunk } from './chunk-texts.js';

const WINDOW_MS = 72 * 3_600_000;

/**
 * Publishes over real files, as `run` does after each run, and checks which text chunks each
 * publish writes, keeps and removes: texts are written once, not with every page.
 */
describe('publishBoard: text chunks on disk', () => {
  let dir: { path: string; remove(): Promise<void> };
  let sink: FileSink;
  const articles = new Map<string, ArticleRecord>();
  const stories = new Map<string, StoryRecord>();
  const assetCalls: string[] = [];
  const clock = fakeClock('2026-11-21T03:20:00.000Z');
  beforeEach(async () => {
    dir = await tempDir('wiredesk-publish-');
    sink = await openFileSink({ outDir: dir.path, clock, logger: silentLogger });
    articles.clear();
    stories.clear();
    assetCalls.length = 0;
  });
  afterEach(() => dir.remove());

  const source: BoardSource = {
    storiesSince: async (since) => [...stories.values()].filter((s) => s.lastSeenAt >= since.toISOString()),
    readArticle: async (id) => articles.get(id) ?? null,
  };
  // The sink, with every call about chunks recorded (none may read one).
  const recording = (): BoardSink => ({
    writeBoard: (html) => sink.writeBoard(html),
    writeStoryFeed: (name, text) => sink.writeStoryFeed(name, text),
    readStoryFeed: (name) => sink.readStoryFeed(name),
    writeBoardAsset: (name, text) => (assetCalls.push(`write ${name}`), sink.writeBoardAsset(name, text)),
    listBoardAssets: () => (assetCalls.push('list'), sink.listBoardAssets()),
    removeBoardAsset: (name) => (assetCalls.push(`remove ${name}`), sink.removeBoardAsset(name)),
  });
  function add(id: string, storyId: string, fetchedAt: string): void {
    articles.set(id, report(id, storyId, { fetchedAt, publishedAt: fetchedAt, text: `The text of ${id}.\n\nIts second paragraph.` }));
    const members = [...articles.values()].filter((a) => a.story.id === storyId);
    stories.set(storyId, storyOf(storyId, members, { lastSeenAt: members.map((m) => m.fetchedAt).sort().at(-1) as string }));
  }
  async function publish(at: string): Promise<PublishBoardResult> {
    clock.set(at);
    const now = clock.now();
    return publishBoard({ source, sink: recording(), since: new Date(now.getTime() - WINDOW_MS), generatedAt: now, baseUrl: null });
  }
  const chunkFiles = async () => (await listFiles(join(dir.path, 'board'))).filter((f) => f.startsWith('texts/'));
  const mtimes = async () => Object.fromEntries(await Promise.all((await chunkFiles()).map(async (f) => [f, (await stat(join(dir.path, 'board', f))).mtimeMs] as const)));

  /** Every report on the page finds its text in a chunk file on disk, read the way the page does. */
  async function expectEveryTextOnDisk(): Promise<void> {
    const html = await readFile(join(dir.path, 'board', 'index.html'), 'utf8');
    const chunks = /<div id="stories" data-texts="([^"]*)"/.exec(html)?.[1]?.split(' ').filter(Boolean) ?? [];
    const refs = [...html.matchAll(/data-a="([^"]+)" data-t="(\d+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, id, t] of refs) {
      const file = join(dir.path, 'board', 'texts', `${chunks[Number(t)]}.js`);
      expect(readChunk(await readFile(file, 'utf8')).texts.get(id as string)).toBe(`The text of ${id}.\n\nIts second paragraph.`);
    }
    expect(html).not.toContain('Its second paragraph');
  }

  it('writes each text once: nothing new writes no chunk, a new article rewrites only its open hour, a closed hour is never written again, and chunks leave with the window', async () => {
    add('a', 's2', '2026-11-21T02:40:00.000Z');
    add('b', 's1', '2026-11-21T03:05:00.000Z');
    const first = await publish('2026-11-21T03:20:00.000Z');
    expect(first.texts).toMatchObject({ kept: 0, removed: 0 });
    expect(first.texts.written).toEqual([expect.stringMatching(/^board\/texts\/h2026112102-/), expect.stringMatching(/^board\/texts\/h2026112103-/)]);
    expect(first.written[0]).toBe('board/index.html');
    await expectEveryTextOnDisk();
    const firstFiles = await mtimes();

    // Twenty minutes later, nothing new: the page is rewritten, no chunk is.
    assetCalls.length = 0;
    const idle = await publish('2026-11-21T03:40:00.000Z');
    expect(idle.texts).toEqual({ written: [], bytes: 0, kept: 2, removed: 0 });
    expect(await mtimes()).toEqual(firstFiles);
    expect(assetCalls).toEqual(['list']);

    // A new report in the open hour: that hour's chunk is replaced, the closed hour's is untouched.
    add('c', 's1', '2026-11-21T03:45:00.000Z');
    const grown = await publish('2026-11-21T03:50:00.000Z');
    expect(grown.texts.written).toEqual([expect.stringMatching(/^board\/texts\/h2026112103-/)]);
    expect(grown.texts).toMatchObject({ kept: 1, removed: 1 });
    const hour02 = Object.keys(firstFiles)[0] as string;
    expect((await mtimes())[hour02]).toBe(firstFiles[hour02]);
    await expectEveryTextOnDisk();

    // The next hour: only the new report's chunk is written; hour 03 is closed and stays as it is.
    add('d', 's3', '2026-11-21T04:10:00.000Z');
    const next = await publish('2026-11-21T04:15:00.000Z');
    expect(next.texts.written).toEqual([expect.stringMatching(/^board\/texts\/h2026112104-/)]);
    expect(next.texts.bytes).toBeLessThan(200);
    expect(next.texts).toMatchObject({ kept: 2, removed: 0 });

    // 72 h on, s1 grows again. s2 (02:40) left the window: hour 02's chunk is removed. s1's older reports b and c
    // were fetched in hour 03, which began before the window's first hour (04): its chunk on hand serves, unread
    // and unwritten. Hour 04 of the 21st (d) is the window's first hour: rendered whole, the same, kept.
    add('e', 's1', '2026-11-24T04:00:00.000Z');
    const beforeSlide = await mtimes();
    const slid = await publish('2026-11-24T04:20:00.000Z');
    expect(slid.texts.written).toEqual([expect.stringMatching(/^board\/texts\/h2026112404-/)]);
    expect(slid.texts).toMatchObject({ kept: 2, removed: 1 });
    expect(slid.stories).toBe(1);
    const after = await mtimes();
    for (const f of Object.keys(beforeSlide).filter((n) => !n.startsWith('texts/h2026112102-'))) expect(after[f]).toBe(beforeSlide[f]);
    expect(Object.keys(after).some((n) => n.startsWith('texts/h2026112102-'))).toBe(false);
    await expectEveryTextOnDisk();

    // Every story gone: every chunk goes.
    const empty = await publish('2026-11-28T06:00:00.000Z');
    expect(empty).toMatchObject({ stories: 0, texts: { written: [], kept: 0, removed: 3 } });
    expect(await chunkFiles()).toEqual([]);
  });
});
