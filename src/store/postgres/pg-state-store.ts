import type { QueryResultRow } from 'pg';
import { WiredeskError } from '../../errors/index.js';
import type { StoryIndexImage, StoryIndexSnapshot } from '../../fingerprint/index.js';
import type { StoryRecord } from '../../types/index.js';
import {
  emptySourceState,
  type ArticleCommit,
  type ArticleEntry,
  type CommitIntent,
  type SeenEntry,
  type SourceState,
  type StateContents,
  type StateStats,
  type StateStore,
  type StoredValidators,
  type StoryIndexLoad,
} from '../state-store.js';
import { entryOfCatalogRow, type CatalogRow as StoredCatalogRow } from '../catalog-row.js';
import { codeOf, pgError, type PgPool } from './pg-connect.js';
import { PgStoryCache } from './pg-story-cache.js';
import { PgStoryIndex } from './pg-story-index.js';

/** Stories a grouper keeps in memory (`cacheStories`): far more than one window's active ones, a few MB. */
const STORY_CACHE_LIMIT = 20_000;

/**
 * The crawler state in PostgreSQL, behind the same interface as SQLite: every method is one
 * transaction, and an article's commit is one statement (`wd_commit`), so one round trip. Many
 * processes may share it: workers read and write sources and seen keys; only the grouper (or a
 * single-process crawler) commits articles.
 *
 * A grouper sets `fence` to its epoch: commits, intents and folds of a grouper that lost its role
 * fail (STORE_WRITE) instead of interleaving with the new grouper's. `consume(seq)` names the queue
 * entry the next commit (or markSeen) settles, which the same transaction deletes.
 */
export class PgStateStore implements StateStore {
  readonly location: string;
  private readonly index: PgStoryIndex;
  private fence: number | null = null;
  private keepIntents = false;
  private consumed: number | null = null;
  private closed = false;
  /** Reader rows to write with the next commit (the grouper's reader sink, once it defers them). */
  private rowSource: (() => unknown[]) | null = null;
  /** Catalog entries read for a batch (null: not in the catalog), kept up to date by this store's commits. */
  private primed: Map<string, ArticleEntry | null> | null = null;
  /** Members and merges of stories, kept by this store's commits (the catalog's one writer: `cacheStories`). */
  private stories: PgStoryCache | null = null;

  constructor(
    private readonly pool: PgPool,
    location: string,
    private readonly onClose: () => Promise<void> = () => pool.end(),
  ) {
    this.location = location;
    this.index = new PgStoryIndex((sql, params) => this.q(sql, params, 'story index'));
  }

  /** Commits from now on succeed only while the grouper epoch is `epoch` (null: no fence). */
  setFence(epoch: number | null): void {
    this.fence = epoch;
  }

  /**
   * Group commit: commits keep their intents until `clearIntents` (called once the files of a batch
   * are on disk), so a crash before that finds them and puts the files right from the state.
   */
  setKeepIntents(keep: boolean): void {
    this.keepIntents = keep;
  }

  /** Clears the intents of committed articles, durably (a synchronous commit also flushes every earlier one). */
  async clearIntents(articleIds: readonly string[]): Promise<void> {
    const client = await this.pool.connect().catch((cause: unknown) => {
      throw pgError(this.location, 'connect', cause);
    });
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = on');
      await client.query('DELETE FROM wd_intents WHERE article_id = ANY($1::text[])', [articleIds]);
      await client.query('COMMIT');
    } catch (cause) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw pgError(this.location, 'clear commit intents', cause);
    } finally {
      client.release();
    }
  }

  /** Commits from now on write the rows `take` hands over in the same statement (`PgReaderSink.deferRows`). */
  setRowSource(take: (() => unknown[]) | null): void {
    this.rowSource = take;
  }

  /** The queue entry the next `commit` or `markSeen` settles (deleted in the same transaction). */
  consume(seq: number | null): void {
    this.consumed = seq;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose();
  }

  async sources(): Promise<SourceState[]> {
    return (await this.q<{ data: SourceState }>('SELECT data FROM wd_sources ORDER BY url', [], 'read sources')).map((r) => r.data);
  }

  async source(url: string): Promise<SourceState | null> {
    return (await this.q<{ data: SourceState }>('SELECT data FROM wd_sources WHERE url = $1', [url], 'read a source'))[0]?.data ?? null;
  }

  async saveSource(state: SourceState): Promise<void> {
    await this.q(
      'INSERT INTO wd_sources (url, data, next_due_at) VALUES ($1, $2, $3) ON CONFLICT (url) DO UPDATE SET data = excluded.data, next_due_at = coalesce(excluded.next_due_at, wd_sources.next_due_at)',
      [state.url, JSON.stringify(state), state.nextDueAt],
      'save a source',
    );
  }

  async savePlan(plan: { url: string; name: string; nextDueAt: string }[]): Promise<void> {
    if (plan.length === 0) return;
    const empty = plan.map((p) => JSON.stringify(emptySourceState(p.url, p.name)));
    await this.q(
      `INSERT INTO wd_sources (url, data, next_due_at)
         SELECT u, jsonb_set(e::jsonb, '{nextDueAt}', to_jsonb(d)), d::timestamptz FROM unnest($1::text[], $2::text[], $3::text[]) AS p(u, e, d)
       ON CONFLICT (url) DO UPDATE SET data = jsonb_set(wd_sources.data, '{nextDueAt}', excluded.data->'nextDueAt'), next_due_at = excluded.next_due_at`,
      [plan.map((p) => p.url), empty, plan.map((p) => p.nextDueAt)],
      'save the plan',
    );
  }

  async seenKeys(feedUrl: string, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.q<{ key: string }>('SELECT key FROM wd_seen WHERE feed_url = $1 AND key = ANY($2::text[])', [feedUrl, keys], 'read seen keys');
    return new Set(rows.map((r) => r.key));
  }

  async markSeen(entries: readonly SeenEntry[]): Promise<void> {
    const consumed = this.takeConsumed();
    if (entries.length === 0 && consumed === null) return;
    await this.q(
      `WITH ins AS (
         INSERT INTO wd_seen (feed_url, key, article_id, at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING
       )
       DELETE FROM wd_queue WHERE seq = $5`,
      [entries.map((e) => e.feedUrl), entries.map((e) => e.key), entries.map((e) => e.articleId), entries.map((e) => e.at), consumed],
      'mark items seen',
    );
  }

  async urlValidators(url: string): Promise<StoredValidators | null> {
    const row = (await this.q<{ etag: string | null; last_modified: string | null }>('SELECT etag, last_modified FROM wd_url_validators WHERE url = $1', [url], 'read validators'))[0];
    return row === undefined ? null : { etag: row.etag, lastModified: row.last_modified };
  }

  /**
   * Reads the catalog entries of a batch of articles in one statement; until `unprimeCatalog`,
   * `articles` answers for them from memory. Only for the catalog's one writer (the grouper, or a
   * single-process crawler): its own commits keep the entries current, nobody else's can change them.
   */
  async primeCatalog(ids: readonly string[]): Promise<void> {
    this.primed = null;
    const found = await this.articles(ids);
    this.primed = new Map(ids.map((id) => [id, found.get(id) ?? null]));
  }

  unprimeCatalog(): void {
    this.primed = null;
  }

  /**
   * Keeps the members and merges of every story read in memory from now on, updated by this store's
   * commits: only for the catalog's one writer (a grouper for its term; a new term opens a new store).
   */
  cacheStories(): void {
    this.stories = new PgStoryCache(STORY_CACHE_LIMIT);
  }

  async articles(ids: readonly string[]): Promise<Map<string, ArticleEntry>> {
    if (ids.length === 0) return new Map();
    const primed = this.primed;
    if (primed !== null && ids.every((id) => primed.has(id))) {
      const out = new Map<string, ArticleEntry>();
      for (const id of ids) {
        const entry = primed.get(id);
        if (entry) out.set(id, entry);
      }
      return out;
    }
    const rows = await this.q<CatalogRow>('SELECT * FROM wd_catalog WHERE id = ANY($1::text[])', [ids], 'read the catalog');
    return new Map(rows.map((r) => [r.id, entryOfRow(r)]));
  }

  async storyMembers(storyId: string): Promise<ArticleEntry[]> {
    const cache = this.stories;
    if (cache !== null) {
      await this.loadStories(cache, [storyId]);
      return cache.members(storyId) ?? [];
    }
    return (await this.q<CatalogRow>('SELECT * FROM wd_catalog WHERE story_id = $1 ORDER BY joined_seq', [storyId], 'read a story')).map(entryOfRow);
  }

  async storyMerges(storyIds: readonly string[]): Promise<Map<string, StoryRecord['merged']>> {
    if (storyIds.length === 0) return new Map();
    const cache = this.stories;
    if (cache !== null) {
      // Read with their members: the commit asks for those next.
      await this.loadStories(cache, storyIds);
      const out = new Map<string, StoryRecord['merged']>();
      for (const id of storyIds) {
        const merged = cache.merges(id);
        if (merged != null) out.set(id, merged);
      }
      return out;
    }
    const rows = await this.q<{ story_id: string; merged: StoryRecord['merged'] }>('SELECT story_id, merged FROM wd_story_merges WHERE story_id = ANY($1::text[])', [storyIds], 'read story merges');
    return new Map(rows.map((r) => [r.story_id, r.merged]));
  }

  async nextJoinSeq(): Promise<number> {
    return ((await this.q<{ n: number | null }>('SELECT max(joined_seq) AS n FROM wd_catalog', [], 'read the catalog'))[0]?.n ?? 0) + 1;
  }

  async beginCommit(intent: CommitIntent): Promise<void> {
    const rows = await this.q(
      `INSERT INTO wd_intents (article_id, data) SELECT $1, $2 WHERE $3::bigint IS NULL OR EXISTS (SELECT 1 FROM wd_grouper WHERE id = 1 AND epoch = $3)
       ON CONFLICT (article_id) DO UPDATE SET data = excluded.data RETURNING 1`,
      [intent.articleId, JSON.stringify(intent), this.fence],
      'record a commit intent',
    );
    if (rows.length === 0) throw this.lostRole();
  }

  async commit(c: ArticleCommit): Promise<void> {
    const payload = { ...c, at: c.seen[0]?.at ?? new Date(0).toISOString() };
    const rows = this.rowSource?.() ?? [];
    if (rows.length === 0) await this.q('SELECT wd_commit($1::jsonb, $2, $3, $4)', [JSON.stringify(payload), this.fence, this.takeConsumed(), this.keepIntents], 'commit an article');
    else await this.q('SELECT wd_commit_rows($1::jsonb, $2, $3, $4, $5::jsonb)', [JSON.stringify(payload), this.fence, this.takeConsumed(), this.keepIntents, JSON.stringify(rows)], 'commit an article');
    if (c.index !== null) this.index.noteLogged();
    this.stories?.noteCommit(c);
    if (this.primed !== null) for (const a of c.articles) if (this.primed.has(a.id)) this.primed.set(a.id, a);
  }

  async pendingIntents(): Promise<CommitIntent[]> {
    return (await this.q<{ data: CommitIntent }>('SELECT data FROM wd_intents', [], 'read commit intents')).map((r) => r.data);
  }

  async clearIntent(articleId: string): Promise<void> {
    await this.q('DELETE FROM wd_intents WHERE article_id = $1', [articleId], 'clear a commit intent');
  }

  loadStoryIndex(): Promise<StoryIndexLoad | null> {
    return this.index.load();
  }

  storyIndexCheckpointDue(): Promise<boolean> {
    return this.index.checkpointDue();
  }

  async checkpointStoryIndex(snapshot: StoryIndexSnapshot | StoryIndexImage): Promise<void> {
    try {
      await this.index.checkpoint(snapshot, this.fence);
    } catch (error) {
      throw pgError(this.location, 'store the story index', error);
    }
  }

  async storiesSeenSince(since: string): Promise<{ storyId: string; lastSeenAt: string; size: number }[]> {
    return this.q<{ storyId: string; lastSeenAt: string; size: number }>(
      'SELECT story_id AS "storyId", max(seen_at) AS "lastSeenAt", (SELECT count(*) FROM wd_catalog m WHERE m.story_id = a.story_id)::int AS size FROM wd_catalog a WHERE seen_at >= $1 GROUP BY story_id',
      [since],
      'read stories',
    );
  }

  async articleCountsSince(since: string): Promise<Map<string, number>> {
    const rows = await this.q<{ url: string; n: number }>('SELECT feed_url AS url, count(*) AS n FROM wd_catalog WHERE seen_at >= $1 GROUP BY feed_url', [since], 'count articles');
    return new Map(rows.map((r) => [r.url, r.n]));
  }

  async articlesFiledBefore(day: string): Promise<ArticleEntry[]> {
    return (await this.q<CatalogRow>('SELECT * FROM wd_catalog WHERE filed_day < $1', [day], 'read the catalog')).map(entryOfRow);
  }

  async removeArticles(ids: readonly string[], emptiedStories: readonly string[]): Promise<void> {
    this.primed = null;
    if (this.stories !== null) this.cacheStories();
    await this.q(
      'WITH a AS (DELETE FROM wd_catalog WHERE id = ANY($1::text[])), s AS (DELETE FROM wd_seen WHERE article_id = ANY($1::text[])) DELETE FROM wd_story_merges WHERE story_id = ANY($2::text[])',
      [ids, emptiedStories],
      'remove articles',
    );
  }

  async pruneSeenKeys(at: string): Promise<number> {
    return (await this.q<{ n: number }>('WITH d AS (DELETE FROM wd_seen WHERE at < $1 RETURNING 1) SELECT count(*) AS n FROM d', [at], 'prune seen keys'))[0]?.n ?? 0;
  }

  async replaceAll(contents: StateContents): Promise<void> {
    this.primed = null;
    if (this.stories !== null) this.cacheStories();
    const client = await this.pool.connect().catch((cause: unknown) => {
      throw pgError(this.location, 'connect', cause);
    });
    try {
      await client.query('BEGIN');
      await client.query('TRUNCATE wd_sources, wd_seen, wd_url_validators, wd_catalog, wd_story_merges, wd_intents');
      for (const s of contents.sources) await client.query('INSERT INTO wd_sources (url, data, next_due_at) VALUES ($1, $2, $3)', [s.url, JSON.stringify(s), s.nextDueAt]);
      await client.query('INSERT INTO wd_seen SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING', [
        contents.seen.map((e) => e.feedUrl),
        contents.seen.map((e) => e.key),
        contents.seen.map((e) => e.articleId),
        contents.seen.map((e) => e.at),
      ]);
      for (const v of contents.urlValidators) await client.query('INSERT INTO wd_url_validators VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [v.url, v.validators.etag, v.validators.lastModified, new Date(0).toISOString()]);
      const commit = { articleId: '', articles: contents.articles, seen: [], urlValidators: null, merges: contents.merges, endedStories: [], index: null, at: new Date(0).toISOString() };
      await client.query('SELECT wd_commit($1::jsonb, NULL, NULL)', [JSON.stringify(commit)]);
      await this.index.replace(contents.storyIndex, (sql, params) => client.query(sql, params).then((r) => r.rows));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw pgError(this.location, 'replace the state', error);
    } finally {
      client.release();
    }
  }

  async stats(): Promise<StateStats> {
    const row = (
      await this.q<{ sources: number; seen: number; articles: number; window: number; bytes: number }>(
        `SELECT (SELECT count(*) FROM wd_sources) AS sources, (SELECT count(*) FROM wd_seen) AS seen, (SELECT count(*) FROM wd_catalog) AS articles,
                coalesce((SELECT live FROM wd_ix_snapshot WHERE id = 1), 0) AS window, pg_database_size(current_database()) AS bytes`,
        [],
        'read sizes',
      )
    )[0];
    return { sources: row?.sources ?? 0, seenKeys: row?.seen ?? 0, articles: row?.articles ?? 0, windowArticles: row?.window ?? 0, bytes: row?.bytes ?? 0 };
  }

  /** The queue entry named by `consume` that no commit settled (null when one did); clears it. */
  takeUnconsumed(): number | null {
    return this.takeConsumed();
  }

  private takeConsumed(): number | null {
    const seq = this.consumed;
    this.consumed = null;
    return seq;
  }

  /** Reads the members and merges of the stories not cached yet, in one statement. */
  private async loadStories(cache: PgStoryCache, storyIds: readonly string[]): Promise<void> {
    const missing = cache.missing([...new Set(storyIds)]);
    if (missing.length === 0) return;
    const rows = await this.q<Partial<CatalogRow> & { story: string; merged: StoryRecord['merged'] | null }>(
      `SELECT s.id AS story, m.merged, c.* FROM unnest($1::text[]) AS s(id)
         LEFT JOIN wd_story_merges m ON m.story_id = s.id LEFT JOIN wd_catalog c ON c.story_id = s.id
       ORDER BY s.id, c.joined_seq`,
      [missing],
      'read stories',
    );
    const loaded = new Map(missing.map((id) => [id, { members: [] as ArticleEntry[], merged: null as StoryRecord['merged'] | null }]));
    for (const r of rows) {
      const story = loaded.get(r.story);
      if (story === undefined) continue;
      story.merged = r.merged;
      if (r.id != null) story.members.push(entryOfRow(r as CatalogRow));
    }
    cache.load(loaded);
  }

  private lostRole(): WiredeskError {
    return new WiredeskError('STORE_WRITE', `store: ${this.location}: this grouper lost its role (epoch ${this.fence}); another worker groups now`, { retryable: true, details: { path: this.location, epoch: this.fence } });
  }

  private async q<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[], what: string): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (cause) {
      if (codeOf(cause) === 'WD001') throw this.lostRole();
      throw pgError(this.location, what, cause);
    }
  }
}

type CatalogRow = StoredCatalogRow<ArticleEntry['alsoIn']>;

/** PostgreSQL returns jsonb parsed. */
const entryOfRow = (r: CatalogRow): ArticleEntry => entryOfCatalogRow(r, (alsoIn) => alsoIn);
