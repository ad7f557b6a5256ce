import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStoryIndex, type StoryDoc, type StoryIndex } from '../../../src/fingerprint/index.js';
import { silentLogger } from '../../../src/log/index.js';
import { openPgStores, type PgStores } from '../../../src/store/index.js';
import { PgStoryIndex } from '../../../src/store/postgres/pg-story-index.js';
import { makeVocabulary, randomWords, seededRandom, shippedAliases } from '../../fingerprint/helpers.js';
import { createTestDatabase } from '../../support/pg.js';

/** A few dozen synthetic reports of a few events, half an hour apart. */
function docs(count: number, seed: number): StoryDoc[] {
  const random = seededRandom(seed);
  const vocabulary = makeVocabulary(random, 1500);
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.parse('2026-02-01T00:00:00Z') + i * 1_800_000).toISOString();
    const words = randomWords(random, vocabulary, 80).map((w, k) => (k % 3 === 0 ? `ev${seed}x${Math.floor(i / 4)}y${k % 5}` : w));
    return { id: `s${seed}n${i}`, title: words.slice(0, 6).join(' '), text: words.join(' '), publishedAt: at, seenAt: at, source: null };
  });
}

function indexOf(items: StoryDoc[]): StoryIndex {
  const index = createStoryIndex({ windowHours: 24, aliases: shippedAliases() });
  for (const doc of items) index.assign(doc);
  return index;
}

/** The story index's snapshot row read in pieces (a takeover at 100,000 live reads 110 MB). */
describe('PostgreSQL story index', () => {
  let db: { url: string; drop(): Promise<void> };
  let stores: PgStores;
  beforeAll(async () => {
    db = await createTestDatabase('wdix');
    stores = await openPgStores({ url: db.url, logger: silentLogger });
  });
  afterAll(async () => {
    await stores?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    await stores.pool.query('TRUNCATE wd_ix_snapshot, wd_ix_log');
  });
  const query = async (sql: string, params: unknown[]): Promise<Record<string, unknown>[]> => (await stores.pool.query(sql, params)).rows;

  it('reads a snapshot larger than a piece back byte for byte, whatever the piece size', async () => {
    const live = indexOf(docs(60, 1));
    await new PgStoryIndex(query).checkpoint(live.image(), null);
    const whole = (await stores.pool.query('SELECT octet_length(data) AS n FROM wd_ix_snapshot')).rows[0].n as number;
    expect(whole).toBeGreaterThan(3 * 1000);
    for (const piece of [1000, 4096, whole, 10 * whole]) {
      const load = await new PgStoryIndex(query, piece).load();
      expect(createStoryIndex({ windowHours: 24, aliases: shippedAliases() }, load?.snapshot ?? null).snapshot()).toEqual(live.snapshot());
      expect(load?.replay).toEqual([]);
    }
  });

  it('starts the read over when a checkpoint replaces the snapshot between two pieces, so snapshot and log always match', async () => {
    const first = indexOf(docs(40, 2));
    await new PgStoryIndex(query).checkpoint(first.image(), null);
    await stores.pool.query(`INSERT INTO wd_ix_log (article_id, changes) VALUES ('late', '{"doc": {"id": "late"}}')`);
    const second = indexOf(docs(50, 3));
    let pieces = 0;
    // Another process's checkpoint lands after the first piece of the first read (it also drops the logged input).
    const racing = async (sql: string, params: unknown[]): Promise<Record<string, unknown>[]> => {
      const rows = await query(sql, params);
      if (sql.includes('substring') && (pieces += 1) === 1) await new PgStoryIndex(query).checkpoint(second.image(), null);
      return rows;
    };
    const load = await new PgStoryIndex(racing, 1000).load();
    expect(pieces).toBeGreaterThan(2);
    expect(createStoryIndex({ windowHours: 24, aliases: shippedAliases() }, load?.snapshot ?? null).snapshot()).toEqual(second.snapshot());
    expect(load?.replay).toEqual([]);
  });

  it('gives up with a typed, retryable error when every read is spoiled', async () => {
    const live = indexOf(docs(40, 4));
    const index = new PgStoryIndex(query);
    await index.checkpoint(live.image(), null);
    const alwaysRacing = async (sql: string, params: unknown[]): Promise<Record<string, unknown>[]> => {
      const rows = await query(sql, params);
      if (sql.includes('substring')) await index.checkpoint(live.image(), null);
      return rows;
    };
    await expect(new PgStoryIndex(alwaysRacing, 1000).load()).rejects.toMatchObject({ code: 'STORE_WRITE', retryable: true });
  });

  it('reads no snapshot and the whole log before the first checkpoint, and nothing at all in a new database', async () => {
    expect(await new PgStoryIndex(query).load()).toBeNull();
    await stores.pool.query(`INSERT INTO wd_ix_log (article_id, changes) VALUES ('a', '{"doc": {"id": "a"}}'), ('b', '{"doc": {"id": "b"}}')`);
    expect(await new PgStoryIndex(query).load()).toEqual({ snapshot: null, replay: [{ doc: { id: 'a' } }, { doc: { id: 'b' } }] });
  });
});
