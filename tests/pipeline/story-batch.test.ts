import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_STORIES, parseConfig } from '../../src/config/index.js';
import type { StoryAssignment, StoryDoc, StoryIndex } from '../../src/fingerprint/index.js';
import { silentLogger } from '../../src/log/index.js';
import { Committer, recoverInterruptedCommits, type PendingArticle } from '../../src/pipeline/index.js';
import { openFileSink, openSqliteStateStore, type FileSink, type SqliteStateStore } from '../../src/store/index.js';
import { systemClock, type FeedItem, type StoryRecord } from '../../src/types/index.js';

const source = parseConfig({ sources: [{ name: 'Wire', url: 'https://wire.example/feed' }] }, null).sources[0]!;

function pending(id: string): PendingArticle {
  const item: FeedItem = {
    key: id, guid: id, url: `https://wire.example/${id}`, canonicalUrl: `https://wire.example/${id}`, title: `Report ${id}`, summary: null, content: null,
    authors: [], categories: [], publishedAt: '2017-03-08T10:00:00.000Z', updatedAt: null, publishedRaw: null, updatedRaw: null, language: 'en', media: [],
  };
  return {
    source, sourceIndex: 0, itemIndex: 0, item, articleId: id, fetchedAt: '2017-03-08T12:00:00.000Z', finalUrl: item.url,
    encoding: 'utf-8', encodingSource: 'utf8-valid', fallbackReason: null, validators: null,
    extracted: {
      title: `Report ${id}`, byline: null, publishedAt: item.publishedAt, updatedAt: null, language: 'en', direction: 'ltr', siteName: null, canonicalUrl: null,
      leadImage: null, text: `Body of ${id}.`, html: null, wordCount: 3, extraction: { method: 'readability', reason: null }, provenance: {},
    },
  };
}

/** Scripted answers: the test decides stories, moves and merges. */
function scriptedIndex(answers: Record<string, Partial<StoryAssignment>>): StoryIndex {
  return {
    assign: (doc: StoryDoc) => ({ simhash: '0123456789abcdef', storyId: `s-${doc.id}`, duplicateOf: null, distance: null, similarity: null, reason: 'new', via: null, language: 'en', openUntil: '2099-01-01T00:00:00.000Z', merged: [], moved: [], ended: [], ...answers[doc.id] }),
  } as unknown as StoryIndex;
}

const answers: Record<string, Partial<StoryAssignment>> = {
  a: { storyId: 's-a' },
  b: { storyId: 's-a', reason: 'similar' },
  c: { storyId: 's-a', reason: 'similar' },
  // d takes c away from s-a; e links s-x into s-a, which ends.
  d: { storyId: 's-d', moved: [{ articleId: 'c', from: 's-a', to: 's-d' }] },
  x: { storyId: 's-x' },
  e: { storyId: 's-a', reason: 'similar', merged: ['s-x'], moved: [{ articleId: 'x', from: 's-x', to: 's-a' }], ended: [{ storyId: 's-x', into: 's-a' }] },
};

describe('story files held for a batch (Committer storyBatchMs)', () => {
  let out: string;
  let sink: FileSink;
  let state: SqliteStateStore;
  let storyWrites: string[];
  let clock: number;
  const committer = (): Committer =>
    new Committer({ sink: counting(), state, index: scriptedIndex(answers), joinSeq: 1, stories: DEFAULT_STORIES, storyBatchMs: 2_000, now: () => clock });
  const counting = (): FileSink =>
    Object.assign(Object.create(sink) as FileSink, {
      writeStory: (r: StoryRecord) => {
        storyWrites.push(r.id);
        return sink.writeStory(r);
      },
    });
  const stories = async (): Promise<Record<string, string[]>> => {
    const listing: Record<string, string[]> = {};
    for (const file of (await readdir(join(out, 'stories')).catch(() => [])).sort()) listing[file.replace(/\.json$/, '')] = (await sink.readStory(file.replace(/\.json$/, '')))?.members ?? [];
    return listing;
  };
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'wiredesk-story-batch-'));
    sink = await openFileSink({ outDir: out, clock: systemClock, logger: silentLogger });
    state = openSqliteStateStore({ stateDir: join(out, '.wiredesk-state') }) as SqliteStateStore;
    storyWrites = [];
    clock = 0;
  });
  afterEach(async () => {
    await state.close();
    await rm(out, { recursive: true, force: true });
  });

  it('writes each story once per batch, with every member, and the articles at once', async () => {
    const c = committer();
    for (const id of ['a', 'b', 'c', 'd', 'x', 'e']) await c.commit(pending(id));
    expect(storyWrites).toEqual([]);
    expect((await readdir(join(out, 'articles'), { recursive: true })).filter((f) => f.endsWith('.json')).length).toBe(6);
    await c.flushStories();
    expect(storyWrites.sort()).toEqual(['s-a', 's-d']);
    expect(await stories()).toEqual({ 's-a': ['a', 'b', 'e', 'x'], 's-d': ['d', 'c'] });
    expect(await state.storiesBehind()).toEqual([]);
  });

  it('writes a batch once it is storyBatchMs old, at the commit that finds it so', async () => {
    const c = committer();
    await c.commit(pending('a'));
    clock = 1_000;
    await c.commit(pending('b'));
    expect(storyWrites).toEqual([]);
    clock = 2_000;
    await c.commit(pending('c'));
    expect(storyWrites).toEqual(['s-a']);
    expect(await stories()).toEqual({ 's-a': ['a', 'b', 'c'] });
  });

  it('writes what it holds before exclusive work (a daemon prune rewrites stories itself)', async () => {
    const c = committer();
    await c.commit(pending('a'));
    expect(await c.exclusive(async () => stories())).toEqual({ 's-a': ['a'] });
  });

  it('releaseIndex writes what it holds and lets go of the index; the next commit restores it', async () => {
    let restores = 0;
    const c = new Committer({
      sink: counting(),
      state,
      index: async () => {
        restores += 1;
        return scriptedIndex(answers);
      },
      joinSeq: 1,
      stories: DEFAULT_STORIES,
      storyBatchMs: 2_000,
      now: () => clock,
    });
    await c.commit(pending('a'));
    await c.releaseIndex();
    expect(storyWrites).toEqual(['s-a']);
    await c.commit(pending('b'));
    expect(restores).toBe(2);
    await c.flushStories();
    expect(await stories()).toEqual({ 's-a': ['a', 'b'] });
  });

  it('a kill in the middle of a batch: the next start writes every story file the catalog has changed', async () => {
    const first = committer();
    for (const id of ['a', 'b']) await first.commit(pending(id));
    await first.flushStories();
    for (const id of ['c', 'd', 'x', 'e']) await first.commit(pending(id));
    // Killed here: s-a on disk still lists a and b only; s-d and s-x were never written.
    expect(await stories()).toEqual({ 's-a': ['a', 'b'] });
    expect((await state.storiesBehind()).sort()).toEqual(['s-a', 's-d', 's-x']);
    await state.close();
    state = openSqliteStateStore({ stateDir: join(out, '.wiredesk-state') }) as SqliteStateStore;
    await recoverInterruptedCommits(sink, state, silentLogger, DEFAULT_STORIES);
    expect(await stories()).toEqual({ 's-a': ['a', 'b', 'e', 'x'], 's-d': ['d', 'c'] });
    expect(await state.storiesBehind()).toEqual([]);
  });

  it('a kill inside a commit of a batch: that commit is undone and the batch’s earlier stories are written', async () => {
    const failing = Object.assign(Object.create(sink) as FileSink, {
      writeArticle: (r: Parameters<FileSink['writeArticle']>[0], day: string) => (r.id === 'd' ? Promise.reject(new Error('killed')) : sink.writeArticle(r, day)),
    });
    const c = new Committer({ sink: failing, state, index: scriptedIndex(answers), joinSeq: 1, stories: DEFAULT_STORIES, storyBatchMs: 2_000, now: () => clock });
    for (const id of ['a', 'b', 'c']) await c.commit(pending(id));
    await expect(c.commit(pending('d'))).rejects.toThrow('killed');
    expect(await stories()).toEqual({});
    expect(await recoverInterruptedCommits(sink, state, silentLogger, DEFAULT_STORIES)).toBe(1);
    expect(await stories()).toEqual({ 's-a': ['a', 'b', 'c'] });
    expect(await sink.readArticle('d', '2017-03-08')).toBeNull();
  });
});
