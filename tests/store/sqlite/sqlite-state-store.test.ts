import Database from 'better-sqlite3';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStoryIndex, replayStoryIndex, type StoryDoc } from '../../../src/fingerprint/index.js';
import { emptySourceState, openSqliteStateStore, type ArticleEntry, type SqliteStateStore } from '../../../src/store/index.js';
import { makeVocabulary, randomWords, seededRandom, shippedAliases } from '../../fingerprint/helpers.js';
import { STATE_SCHEMA_VERSION } from '../../../src/store/sqlite/sqlite-schema.js';
import { tempDir } from '../make-records.js';

function entry(id: string, storyId: string, joinedSeq: number, overrides: Partial<ArticleEntry> = {}): ArticleEntry {
  return { id, filedDay: '2026-11-20', feedUrl: 'https://a.example/rss', source: 'A', title: `Title ${id}`, duplicateOf: null, storyId, joinedSeq, seenAt: '2026-11-20T10:00:00.000Z', alsoIn: [], ...overrides };
}

const commitOf = (a: ArticleEntry, key = a.id) => ({
  articleId: a.id,
  articles: [a],
  seen: [{ feedUrl: a.feedUrl, key, articleId: a.id, at: a.seenAt }],
  urlValidators: null,
  merges: [],
  endedStories: [],
  index: null,
});

describe('SQLite state store', () => {
  let dir: { path: string; remove(): Promise<void> };
  let state: SqliteStateStore;
  beforeEach(async () => {
    dir = await tempDir('wiredesk-state-');
    state = openSqliteStateStore({ stateDir: dir.path }) as SqliteStateStore;
  });
  afterEach(async () => {
    await state.close();
    await dir.remove();
  });

  it('keeps sources, seen keys, page validators and the catalog across a reopen', async () => {
    const source = { ...emptySourceState('https://a.example/rss', 'A'), validators: { etag: '"x"', lastModified: null }, consecutiveFailures: 2 };
    await state.saveSource(source);
    await state.savePlan([{ url: 'https://a.example/rss', name: 'A', nextDueAt: '2026-11-21T00:00:00.000Z' }, { url: 'https://b.example/rss', name: 'B', nextDueAt: '2026-11-22T00:00:00.000Z' }]);
    await state.commit({ ...commitOf(entry('a1', 's1', 1)), urlValidators: { url: 'https://a.example/a1', validators: { etag: '"p"', lastModified: 'Tue, 01 Mar 2017 10:00:00 GMT' } } });
    await state.markSeen([{ feedUrl: 'https://a.example/rss', key: 'failed-for-good', articleId: null, at: '2026-11-20T10:00:00.000Z' }]);
    await state.close();

    state = openSqliteStateStore({ stateDir: dir.path }) as SqliteStateStore;
    expect(await state.source('https://a.example/rss')).toEqual({ ...source, nextDueAt: '2026-11-21T00:00:00.000Z' });
    expect((await state.sources()).map((s) => s.url)).toEqual(['https://a.example/rss', 'https://b.example/rss']);
    expect(await state.seenKeys('https://a.example/rss', ['a1', 'failed-for-good', 'new'])).toEqual(new Set(['a1', 'failed-for-good']));
    expect(await state.urlValidators('https://a.example/a1')).toEqual({ etag: '"p"', lastModified: 'Tue, 01 Mar 2017 10:00:00 GMT' });
    expect((await state.articles(['a1', 'zz'])).get('a1')).toEqual(entry('a1', 's1', 1));
    expect(await state.nextJoinSeq()).toBe(2);
  });

  it('lists a story’s members in joining order, and moves an article with an upsert', async () => {
    for (const [i, id] of ['a', 'b', 'c'].entries()) await state.commit(commitOf(entry(id, 's1', i + 1)));
    await state.commit({ ...commitOf(entry('d', 's2', 4)), articles: [entry('d', 's2', 4), entry('b', 's2', 5)] });
    expect((await state.storyMembers('s1')).map((m) => m.id)).toEqual(['a', 'c']);
    expect((await state.storyMembers('s2')).map((m) => m.id)).toEqual(['d', 'b']);
    expect(await state.storiesSeenSince('2026-11-20T00:00:00.000Z')).toEqual(
      expect.arrayContaining([
        { storyId: 's1', lastSeenAt: '2026-11-20T10:00:00.000Z', size: 2 },
        { storyId: 's2', lastSeenAt: '2026-11-20T10:00:00.000Z', size: 2 },
      ]),
    );
    expect(await state.articleCountsSince('2026-11-20T00:00:00.000Z')).toEqual(new Map([['https://a.example/rss', 4]]));
  });

  it('continues the join sequence after a reopen, past moved articles, without the intent a rebuild drops', async () => {
    const intent = (articleId: string, moved: string[] = []) => ({ articleId, filedDay: '2026-11-20', isNew: true, moved, stories: ['s1'], at: '2026-11-20T10:00:00.000Z' });
    expect(await state.nextJoinSeq()).toBe(1);
    for (const [i, id] of ['a', 'b'].entries()) {
      await state.beginCommit(intent(id));
      await state.commit(commitOf(entry(id, 's1', i + 1)));
    }
    // The last commit moves `a` with a later number than any intent recorded before it.
    await state.beginCommit(intent('c', ['a']));
    await state.commit({ ...commitOf(entry('c', 's2', 3)), articles: [entry('c', 's2', 3), entry('a', 's2', 4)] });
    await state.close();
    state = openSqliteStateStore({ stateDir: dir.path }) as SqliteStateStore;
    expect(await state.nextJoinSeq()).toBe(5);
    // An intent whose commit never happened does not hold numbers back or forward.
    await state.beginCommit(intent('d'));
    await state.close();
    state = openSqliteStateStore({ stateDir: dir.path }) as SqliteStateStore;
    expect(await state.nextJoinSeq()).toBe(5);
    await state.replaceAll({ sources: [], seen: [], articles: [entry('x', 's9', 41)], merges: [], urlValidators: [], storyIndex: null });
    expect(await state.nextJoinSeq()).toBe(42);
  });

  it('keeps an intent until its article is committed, so an interrupted commit is found at the next start', async () => {
    const intent = { articleId: 'x', filedDay: '2026-11-20', isNew: true, moved: ['a'], stories: ['s1'], at: '2026-11-20T10:00:00.000Z' };
    await state.beginCommit(intent);
    await state.close();
    state = openSqliteStateStore({ stateDir: dir.path }) as SqliteStateStore;
    expect(await state.pendingIntents()).toEqual([intent]);
    await state.commit(commitOf(entry('x', 's1', 1)));
    expect(await state.pendingIntents()).toEqual([]);
  });

  it('migrates a version 1 database, keeping the intent of a commit it was interrupted in', async () => {
    const intent = { articleId: 'x', filedDay: '2026-11-20', isNew: true, moved: [], stories: ['s1'], at: '2026-11-20T10:00:00.000Z' };
    await state.close();
    // Back to the v1 shape: the intent in its WITHOUT ROWID table.
    const v1 = new Database(join(dir.path, 'state.db'));
    v1.exec('DROP TABLE intent; CREATE TABLE intents (article_id TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;');
    v1.prepare('INSERT INTO intents (article_id, data) VALUES (?, ?)').run('x', JSON.stringify({ ...intent, joinSeqBefore: 0 }));
    v1.pragma('user_version = 1');
    v1.close();
    state = openSqliteStateStore({ stateDir: dir.path }) as SqliteStateStore;
    expect(await state.pendingIntents()).toEqual([intent]);
    await state.beginCommit({ ...intent, articleId: 'y' });
    expect((await state.pendingIntents()).map((i) => i.articleId)).toEqual(['y']);
  });

  it('prunes by filing day and by seen time, and drops the history of emptied stories', async () => {
    await state.commit(commitOf(entry('old', 's1', 1, { filedDay: '2026-10-01', seenAt: '2026-10-01T00:00:00.000Z' })));
    await state.commit(commitOf(entry('new', 's2', 2)));
    await state.commit({ ...commitOf(entry('n2', 's2', 3)), merges: [{ storyId: 's1', merged: [{ storyId: 's0', at: '2026-10-01T00:00:00.000Z' }] }] });
    expect((await state.articlesFiledBefore('2026-11-01')).map((a) => a.id)).toEqual(['old']);
    await state.removeArticles(['old'], ['s1']);
    expect(await state.articles(['old'])).toEqual(new Map());
    expect(await state.seenKeys('https://a.example/rss', ['old'])).toEqual(new Set());
    expect(await state.storyMerges(['s1'])).toEqual(new Map());
    expect(await state.pruneSeenKeys('2026-11-20T12:00:00.000Z')).toBe(2);
  });

  // An image is what checkpoints write; a JSON snapshot is what states from before it hold (and a v1 import writes).
  // Inputs are logged with what their searches found (as the crawler logs them) or, as logs from before traces hold them, without.
  it.each(['image', 'snapshot', 'image, traced inputs'] as const)('persists the story index as a checkpoint (%s) plus the inputs logged since, restoring exactly what the live index holds', async (form) => {
    const random = seededRandom(3);
    const vocabulary = makeVocabulary(random, 2000);
    const docs: StoryDoc[] = Array.from({ length: 150 }, (_, i) => {
      const at = new Date(Date.parse('2026-02-01T00:00:00Z') + i * 1_800_000).toISOString();
      const words = randomWords(random, vocabulary, 100).map((w, k) => (k % 3 === 0 ? `ev${Math.floor(i / 5)}x${k % 7}` : w));
      return { id: `n${i}`, title: words.slice(0, 6).join(' '), text: words.join(' '), publishedAt: at, seenAt: at, source: null };
    });
    const live = createStoryIndex({ windowHours: 24, aliases: shippedAliases() });
    for (const [i, doc] of docs.entries()) {
      live.assign(doc);
      const trace = form === 'image, traced inputs' ? live.lastTrace() : null;
      await state.commit({ ...commitOf(entry(doc.id, 'x', i + 1)), index: trace === null ? { doc, placement: null } : { doc, placement: null, trace } });
      if (i === 60) await state.checkpointStoryIndex(form === 'snapshot' ? live.snapshot() : live.image());
    }
    await state.close();
    state = openSqliteStateStore({ stateDir: dir.path }) as SqliteStateStore;
    const load = await state.loadStoryIndex();
    expect(load?.replay).toHaveLength(150 - 61);
    expect([...(load?.replay ?? [])].filter((input) => input.trace !== undefined).length).toBe(form === 'image, traced inputs' ? 150 - 61 : 0);
    const restored = createStoryIndex({ windowHours: 24, aliases: shippedAliases() }, load?.snapshot ?? null);
    replayStoryIndex(restored, load?.replay ?? []);
    expect(restored.snapshot()).toEqual(live.snapshot());
    // The checkpoint holds the window only: evicted articles are not carried along.
    expect((await state.stats()).windowArticles).toBeLessThan(60);
    expect(restored.snapshot().fingerprints.length).toBeLessThan(60);
    expect(load?.snapshot != null && 'blocks' in load.snapshot).toBe(form !== 'snapshot');
  });

  // The log's size is counted once and then kept in memory (a count per commit read the whole log); it must still agree
  // with the table across commits, a checkpoint and a reopen.
  it('makes a checkpoint due once 1,000 inputs are logged after the last one, counting across commits, checkpoints and a reopen', async () => {
    const live = createStoryIndex({ windowHours: 24, aliases: shippedAliases() });
    let n = 0;
    const logInputs = async (count: number): Promise<void> => {
      for (let k = 0; k < count; k += 1, n += 1) {
        const at = new Date(Date.parse('2026-02-01T00:00:00Z') + n * 1000).toISOString();
        const doc: StoryDoc = { id: `c${n}`, title: `report ${n}`, text: `report number ${n} of the day`, publishedAt: at, seenAt: at, source: null };
        await state.commit({ ...commitOf(entry(doc.id, 'x', n + 1)), index: { doc, placement: null } });
      }
    };
    // (The log keeps the row a checkpoint covers up to, so the count starts after a logged input.)
    await logInputs(1);
    await state.checkpointStoryIndex(live.image());
    await logInputs(999);
    expect(await state.storyIndexCheckpointDue()).toBe(false);
    await logInputs(1);
    expect(await state.storyIndexCheckpointDue()).toBe(true);
    await state.close();
    state = openSqliteStateStore({ stateDir: dir.path }) as SqliteStateStore;
    expect(await state.storyIndexCheckpointDue()).toBe(true);
    await state.checkpointStoryIndex(live.image());
    expect(await state.storyIndexCheckpointDue()).toBe(false);
    await logInputs(999);
    expect(await state.storyIndexCheckpointDue()).toBe(false);
    await logInputs(1);
    expect(await state.storyIndexCheckpointDue()).toBe(true);
  });

  it('reports a file that is not a database, or one from a newer wiredesk, as STATE_CORRUPT with the rebuild hint', async () => {
    await state.close();
    const other = await tempDir('wiredesk-state-bad-');
    try {
      await mkdir(other.path, { recursive: true });
      await writeFile(join(other.path, 'state.db'), 'this is not a database, it is a text file of some length '.repeat(100));
      const error = (() => {
        try {
          openSqliteStateStore({ stateDir: other.path });
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toMatchObject({ code: 'STATE_CORRUPT' });
      expect((error as Error).message).toContain('wiredesk state rebuild');

      const newer = new Database(join(dir.path, 'state.db'));
      newer.pragma('user_version = 99');
      newer.close();
      expect(() => openSqliteStateStore({ stateDir: dir.path })).toThrow(/newer than this wiredesk/);
      newer.close();
    } finally {
      await other.remove();
      const fix = new Database(join(dir.path, 'state.db'));
      fix.pragma(`user_version = ${STATE_SCHEMA_VERSION}`);
      fix.close();
      state = openSqliteStateStore({ stateDir: dir.path }) as SqliteStateStore;
    }
  });

  it('lets a read-only reader see committed state while the writer keeps writing', async () => {
    await state.commit(commitOf(entry('a', 's1', 1)));
    const reader = openSqliteStateStore({ stateDir: dir.path, readonly: true });
    expect(reader).not.toBeNull();
    expect((await reader!.articles(['a'])).has('a')).toBe(true);
    await state.commit(commitOf(entry('b', 's1', 2)));
    expect((await reader!.articles(['b'])).has('b')).toBe(true);
    await reader!.close();
    expect(openSqliteStateStore({ stateDir: join(dir.path, 'none'), readonly: true })).toBeNull();
  });
});
