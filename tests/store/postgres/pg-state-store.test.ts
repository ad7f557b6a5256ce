import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStoryIndex, replayStoryIndex, type StoryDoc, type StoryIndex } from '../../../src/fingerprint/index.js';
import { silentLogger } from '../../../src/log/index.js';
import { emptySourceState, openPgStores, PG_SCHEMA_VERSION, PgStateStore, type ArticleEntry, type PgStores } from '../../../src/store/index.js';
import { makeVocabulary, randomWords, seededRandom, shippedAliases } from '../../fingerprint/helpers.js';
import { createTestDatabase } from '../../support/pg.js';

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

/** The PostgreSQL state store keeps what the SQLite one keeps (same interface, same tests), across processes. */
describe('PostgreSQL state store', () => {
  let db: { url: string; drop(): Promise<void> };
  let stores: PgStores;
  const open = () => openPgStores({ url: db.url, logger: silentLogger });
  beforeAll(async () => {
    db = await createTestDatabase('wdstate');
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    stores = await open();
    await stores.pool.query('TRUNCATE wd_sources, wd_seen, wd_url_validators, wd_catalog, wd_story_merges, wd_intents, wd_ix_snapshot, wd_ix_log');
  });
  afterEach(async () => {
    await stores.state.close();
  });

  it('keeps sources, seen keys, page validators and the catalog across a reopen', async () => {
    const { state } = stores;
    const source = { ...emptySourceState('https://a.example/rss', 'A'), validators: { etag: '"x"', lastModified: null }, consecutiveFailures: 2 };
    await state.saveSource(source);
    await state.savePlan([{ url: 'https://a.example/rss', name: 'A', nextDueAt: '2026-11-21T00:00:00.000Z' }, { url: 'https://b.example/rss', name: 'B', nextDueAt: '2026-11-22T00:00:00.000Z' }]);
    await state.commit({ ...commitOf(entry('a1', 's1', 1)), urlValidators: { url: 'https://a.example/a1', validators: { etag: '"p"', lastModified: 'Tue, 01 Mar 2017 10:00:00 GMT' } } });
    await state.markSeen([{ feedUrl: 'https://a.example/rss', key: 'failed-for-good', articleId: null, at: '2026-11-20T10:00:00.000Z' }]);
    await state.close();

    stores = await open();
    const again = stores.state;
    expect(await again.source('https://a.example/rss')).toEqual({ ...source, nextDueAt: '2026-11-21T00:00:00.000Z' });
    expect((await again.sources()).map((s) => s.url)).toEqual(['https://a.example/rss', 'https://b.example/rss']);
    expect(await again.seenKeys('https://a.example/rss', ['a1', 'failed-for-good', 'new'])).toEqual(new Set(['a1', 'failed-for-good']));
    expect(await again.urlValidators('https://a.example/a1')).toEqual({ etag: '"p"', lastModified: 'Tue, 01 Mar 2017 10:00:00 GMT' });
    expect((await again.articles(['a1', 'zz'])).get('a1')).toEqual(entry('a1', 's1', 1));
    expect(await again.nextJoinSeq()).toBe(2);
  });

  it('lists a story’s members in joining order, moves an article with an upsert, and prunes', async () => {
    const { state } = stores;
    for (const [i, id] of ['a', 'b', 'c'].entries()) await state.commit(commitOf(entry(id, 's1', i + 1)));
    await state.commit({ ...commitOf(entry('d', 's2', 4)), articles: [entry('d', 's2', 4), entry('b', 's2', 5, { alsoIn: [{ url: 'https://b.example/rss', name: 'B' }] })] });
    expect((await state.storyMembers('s1')).map((m) => m.id)).toEqual(['a', 'c']);
    expect((await state.storyMembers('s2')).map((m) => m.id)).toEqual(['d', 'b']);
    expect((await state.articles(['b'])).get('b')?.alsoIn).toEqual([{ url: 'https://b.example/rss', name: 'B' }]);
    expect(await state.storiesSeenSince('2026-11-20T00:00:00.000Z')).toEqual(
      expect.arrayContaining([
        { storyId: 's1', lastSeenAt: '2026-11-20T10:00:00.000Z', size: 2 },
        { storyId: 's2', lastSeenAt: '2026-11-20T10:00:00.000Z', size: 2 },
      ]),
    );
    expect(await state.articleCountsSince('2026-11-20T00:00:00.000Z')).toEqual(new Map([['https://a.example/rss', 4]]));
    await state.commit({ ...commitOf(entry('old', 's3', 6, { filedDay: '2026-10-01', seenAt: '2026-10-01T00:00:00.000Z' })), merges: [{ storyId: 's3', merged: [{ storyId: 's0', at: '2026-10-01T00:00:00.000Z' }] }] });
    expect((await state.articlesFiledBefore('2026-11-01')).map((a) => a.id)).toEqual(['old']);
    await state.removeArticles(['old'], ['s3']);
    expect(await state.articles(['old'])).toEqual(new Map());
    expect(await state.storyMerges(['s3'])).toEqual(new Map());
    expect(await state.pruneSeenKeys('2026-11-20T12:00:00.000Z')).toBe(4);
  });

  it('keeps an intent until its commit, and a commit retried after a lost answer changes nothing', async () => {
    const { state } = stores;
    const intent = { articleId: 'x', filedDay: '2026-11-20', isNew: true, moved: ['a'], stories: ['s1'], at: '2026-11-20T10:00:00.000Z' };
    await state.beginCommit(intent);
    expect(await state.pendingIntents()).toEqual([intent]);
    const doc = { id: 'x', title: 'A title', text: 'Some words of text for the index.', publishedAt: null, seenAt: '2026-11-20T10:00:00.000Z', source: null };
    const commit = { ...commitOf(entry('x', 's1', 1)), index: { doc, placement: null } };
    await state.commit(commit);
    await state.commit(commit);
    expect(await state.pendingIntents()).toEqual([]);
    expect((await stores.pool.query('SELECT count(*)::int AS n FROM wd_ix_log')).rows[0].n).toBe(1);
  });

  it('fences a grouper that lost its role: its intents and commits fail, nothing of them lands', async () => {
    const { state, cluster } = stores;
    const epoch = await cluster.takeGrouperRole('w1');
    state.setFence(epoch);
    await state.beginCommit({ articleId: 'y', filedDay: '2026-11-20', isNew: true, moved: [], stories: ['s1'], at: '2026-11-20T10:00:00.000Z' });
    await cluster.takeGrouperRole('w2');
    await expect(state.commit(commitOf(entry('y', 's1', 1)))).rejects.toMatchObject({ code: 'STORE_WRITE', message: expect.stringContaining('lost its role') });
    await expect(state.beginCommit({ articleId: 'z', filedDay: '2026-11-20', isNew: true, moved: [], stories: [], at: '2026-11-20T10:00:00.000Z' })).rejects.toMatchObject({ code: 'STORE_WRITE' });
    expect(await state.articles(['y'])).toEqual(new Map());
  });

  it('persists the story index as a checkpoint plus a log, restoring exactly what the live index holds', async () => {
    const { state } = stores;
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
      await state.beginCommit({ articleId: doc.id, filedDay: '2026-02-01', isNew: true, moved: [], stories: [], at: doc.seenAt });
      // Every other input with what its searches found (jsonb must give back its similarities exactly), the others as logs from before traces.
      const trace = i % 2 === 1 ? live.lastTrace() : null;
      await state.commit({ ...commitOf(entry(doc.id, 'x', i + 1)), index: trace === null ? { doc, placement: null } : { doc, placement: null, trace } });
      if (i === 60) await state.checkpointStoryIndex(live.snapshot());
    }
    await state.close();
    stores = await open();
    const restore = async (): Promise<StoryIndex> => {
      const load = await stores.state.loadStoryIndex();
      const index = createStoryIndex({ windowHours: 24, aliases: shippedAliases() }, load?.snapshot ?? null);
      replayStoryIndex(index, load?.replay ?? []);
      return index;
    };
    expect([...((await stores.state.loadStoryIndex())?.replay ?? [])].filter((input) => input.trace !== undefined)).toHaveLength(45);
    const restored = await restore();
    expect(restored.snapshot()).toEqual(live.snapshot());
    // The first checkpoint was a JSON snapshot (the form of rows from before the image), this one an image.
    await stores.state.checkpointStoryIndex(restored.image());
    expect((await stores.pool.query('SELECT count(*)::int AS n FROM wd_ix_log')).rows[0].n).toBe(0);
    expect((await restore()).snapshot()).toEqual(live.snapshot());
    expect((await stores.state.stats()).windowArticles).toBeLessThan(60);
  });

  it('answers story members and merges from its cache as a fresh read would, after commits that add, move, merge and end stories', async () => {
    const { state } = stores;
    await state.commit(commitOf(entry('a1', 's1', 1)));
    await state.commit({ ...commitOf(entry('a2', 's2', 2)), merges: [{ storyId: 's2', merged: [{ storyId: 's0', at: '2026-11-20T09:00:00.000Z' }] }] });
    const cached = new PgStateStore(stores.pool, 'cached', async () => undefined);
    cached.cacheStories();
    const stories = ['s1', 's2', 's3'];
    const same = async () => {
      const other = new PgStateStore(stores.pool, 'fresh', async () => undefined);
      for (const id of stories) expect(await cached.storyMembers(id)).toEqual(await other.storyMembers(id));
      const merges = await cached.storyMerges(stories);
      expect(merges).toEqual(await other.storyMerges(stories));
      // Key for key as jsonb gives them back: files written from either serialise alike.
      expect(JSON.stringify([...merges])).toBe(JSON.stringify([...(await other.storyMerges(stories))]));
    };
    await same();
    // Cached now: each commit below changes what the cache holds.
    await cached.commit({ ...commitOf(entry('a3', 's1', 3, { alsoIn: [{ url: 'https://b.example/rss', name: 'B' }] })) });
    await same();
    // a2 moves into s1, s2 ends into s1 (its merges go; s1 records them).
    await cached.commit({
      ...commitOf(entry('a4', 's1', 5)),
      articles: [entry('a4', 's1', 5), entry('a2', 's1', 4)],
      merges: [{ storyId: 's1', merged: [{ storyId: 's0', at: '2026-11-20T09:00:00.000Z' }, { storyId: 's2', at: '2026-11-20T11:00:00.000Z' }] }],
      endedStories: ['s2'],
    });
    await same();
    // A story not cached when it is committed to is read whole the next time.
    await cached.commit(commitOf(entry('a5', 's3', 6)));
    await same();
    expect((await cached.storyMembers('s1')).map((m) => m.id)).toEqual(['a1', 'a3', 'a2', 'a4']);
  });

  it('gives SQL readers each story\'s expiry as a column, from its record; a value that would not cast is null, not a failed commit', async () => {
    const story = (id: string, expiresAt: unknown): object => ({ t: 'story', id, title: id, size: 1, firstSeenAt: '2026-11-20T10:00:00.000Z', lastSeenAt: '2026-11-20T10:00:00.000Z', record: { id, ...(expiresAt === undefined ? {} : { expiresAt }) } });
    await stores.pool.query('SELECT wd_reader_rows($1::jsonb)', [JSON.stringify([story('x-open', '2026-12-23T10:00:00.000Z'), story('x-old', undefined), story('x-bad', 'next month')])]);
    const rows = (await stores.pool.query<{ id: string; expires: string | null }>("SELECT id, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI') AS expires FROM stories WHERE id LIKE 'x-%' ORDER BY id")).rows;
    expect(rows).toEqual([
      { id: 'x-bad', expires: null },
      { id: 'x-old', expires: null },
      { id: 'x-open', expires: '2026-12-23T10:00' },
    ]);
    // A rewrite of the story moves it on.
    await stores.pool.query('SELECT wd_reader_rows($1::jsonb)', [JSON.stringify([story('x-old', '2027-01-05T08:30:00.000Z')])]);
    expect((await stores.pool.query("SELECT count(*)::int AS n FROM stories WHERE expires_at > '2027-01-01'")).rows).toEqual([{ n: 1 }]);
  });

  it('brings a version 2 database up: the stories it holds get their expiry column from their records', async () => {
    const old = await createTestDatabase('wdmig2');
    try {
      const first = await openPgStores({ url: old.url, logger: silentLogger });
      await first.pool.query('SELECT wd_reader_rows($1::jsonb)', [JSON.stringify([{ t: 'story', id: 'kept', title: 'kept', size: 1, firstSeenAt: null, lastSeenAt: null, record: { id: 'kept', expiresAt: '2027-02-01T00:00:00.000Z' } }])]);
      // Back to what version 2 was: no column, no trigger.
      await first.pool.query('DROP TRIGGER stories_expiry ON stories; DROP FUNCTION wd_story_expiry(); ALTER TABLE stories DROP COLUMN expires_at');
      await first.pool.query("UPDATE wd_meta SET value = '2' WHERE key = 'schema_version'");
      await first.close();
      const again = await openPgStores({ url: old.url, logger: silentLogger });
      try {
        expect((await again.pool.query("SELECT value FROM wd_meta WHERE key = 'schema_version'")).rows).toEqual([{ value: String(PG_SCHEMA_VERSION) }]);
        expect((await again.pool.query("SELECT id, expires_at = '2027-02-01T00:00:00Z' AS kept FROM stories")).rows).toEqual([{ id: 'kept', kept: true }]);
      } finally {
        await again.close();
      }
    } finally {
      await old.drop();
    }
  });

  it('refuses a database whose schema is newer than this wiredesk', async () => {
    await stores.pool.query("UPDATE wd_meta SET value = '99' WHERE key = 'schema_version'");
    try {
      await expect(openPgStores({ url: db.url, logger: silentLogger, waitMs: 1_000 })).rejects.toThrow(/newer than this wiredesk/);
    } finally {
      await stores.pool.query("UPDATE wd_meta SET value = $1 WHERE key = 'schema_version'", [String(PG_SCHEMA_VERSION)]);
    }
  });

  it('creates the schema once when many processes start together', async () => {
    const fresh = await createTestDatabase('wdmig');
    try {
      const opened = await Promise.all(Array.from({ length: 4 }, () => openPgStores({ url: fresh.url, logger: silentLogger })));
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      expect((await client.query("SELECT value FROM wd_meta WHERE key = 'schema_version'")).rows).toEqual([{ value: String(PG_SCHEMA_VERSION) }]);
      await client.end();
      await Promise.all(opened.map((o) => o.close()));
    } finally {
      await fresh.drop();
    }
  });
});
