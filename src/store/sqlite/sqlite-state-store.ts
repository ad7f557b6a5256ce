import Database from 'better-sqlite3';
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WiredeskError } from '../../errors/index.js';
import type { StoryIndexImage, StoryIndexSnapshot } from '../../fingerprint/index.js';
import type { StoryRecord } from '../../types/index.js';
import { entryOfCatalogRow, type CatalogRow } from '../catalog-row.js';
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
import { migrate } from './sqlite-schema.js';
import { SqliteStoryIndex } from './sqlite-story-index.js';

/** File name of the state database inside the state directory. */
export const STATE_DB_FILE = 'state.db';
/** Pages the WAL grows to before SQLite checkpoints it into the database. */
const WAL_CHECKPOINT_PAGES = 16_000;
/** Page size of a new state database (bytes); see `openSqliteStateStore`. */
const PAGE_SIZE = 512;
/** SQLite's limit on bound parameters is far higher; chunks keep statements small. */
const CHUNK = 500;

/** Options of `openSqliteStateStore`. */
export interface SqliteStateStoreOptions {
  stateDir: string;
  /** Read-only: for status and other views beside a running crawler (WAL lets them read while it writes). */
  readonly?: boolean;
}

/**
 * Opens (creating when needed) the state database `state.db` in `stateDir`: SQLite in WAL mode, so
 * readers never wait for the crawler and a commit appends to the log instead of rewriting files.
 * `synchronous = NORMAL`: a process killed at any moment loses nothing committed (the WAL is in the
 * OS's hands); a power cut may lose the last commits, whose items are then fetched again.
 * Null for a read-only open when there is no database yet.
 */
export function openSqliteStateStore(options: SqliteStateStoreOptions): SqliteStateStore | null {
  const dir = resolve(options.stateDir);
  const path = join(dir, STATE_DB_FILE);
  let db: Database.Database;
  try {
    if (options.readonly) {
      if (!exists(path)) return null;
      db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5_000 });
    } else {
      mkdirSync(dir, { recursive: true });
      db = new Database(path, { timeout: 5_000 });
      // Small pages: a commit touches a handful of B-tree leaves in as many tables, and each is
      // written whole to the WAL (and again at checkpoint). 512 against 1,024 bytes: 8.8 against
      // 11.2 KB of WAL per commit, 1.7 KB less written per article by the whole crawl
      // (bench:growth). Only takes effect on a new file.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // A longer WAL between checkpoints: pages that several commits touch (recent stories, a
      // feed's seen keys, the log's tail) are then written back once.
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    }
  } catch (cause) {
    throw stateError(path, cause);
  }
  try {
    if (!options.readonly) migrate(db, path);
    return new SqliteStateStore(db, path, dir);
  } catch (cause) {
    db.close();
    throw cause instanceof WiredeskError ? cause : stateError(path, cause);
  }
}

/** The SQLite state store; see `openSqliteStateStore`. */
export class SqliteStateStore implements StateStore {
  readonly location: string;
  private readonly index: SqliteStoryIndex;
  /** Largest join sequence number committed (see nextJoinSeq). */
  private lastJoinSeq: number | null = null;
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    /** The state directory (where an older state.json is looked for). */
    readonly dir: string,
  ) {
    this.location = `sqlite ${path}`;
    this.index = new SqliteStoryIndex(db, dir);
    this.q = {
      source: db.prepare('SELECT data FROM sources WHERE url = ?'),
      sources: db.prepare('SELECT data FROM sources ORDER BY url'),
      putSource: db.prepare('INSERT INTO sources (url, data) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET data = excluded.data'),
      seen: db.prepare('SELECT 1 FROM seen WHERE feed_url = ? AND key = ?'),
      putSeen: db.prepare('INSERT OR IGNORE INTO seen (feed_url, key, article_id, at) VALUES (?, ?, ?, ?)'),
      validators: db.prepare('SELECT etag, last_modified FROM url_validators WHERE url = ?'),
      putValidators: db.prepare('INSERT OR REPLACE INTO url_validators (url, etag, last_modified, at) VALUES (?, ?, ?, ?)'),
      article: db.prepare('SELECT * FROM articles WHERE id = ?'),
      // An upsert, not INSERT OR REPLACE: a moved article keeps its rowid and its row is updated where
      // it is. REPLACE deleted the row (its leaf and an entry in each index) and appended it anew, so a
      // move also rewrote the id index's leaf, which an update of other columns leaves alone.
      putArticle: db.prepare(
        'INSERT INTO articles (id, filed_day, feed_url, source, title, duplicate_of, story_id, joined_seq, seen_at, also_in) VALUES (@id, @filedDay, @feedUrl, @source, @title, @duplicateOf, @storyId, @joinedSeq, @seenAt, @alsoIn) ' +
          'ON CONFLICT (id) DO UPDATE SET filed_day = excluded.filed_day, feed_url = excluded.feed_url, source = excluded.source, title = excluded.title, duplicate_of = excluded.duplicate_of, ' +
          'story_id = excluded.story_id, joined_seq = excluded.joined_seq, seen_at = excluded.seen_at, also_in = excluded.also_in',
      ),
      delArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
      delSeenOf: db.prepare('DELETE FROM seen WHERE article_id = ?'),
      members: db.prepare('SELECT * FROM articles WHERE story_id = ? ORDER BY joined_seq'),
      maxJoin: db.prepare('SELECT max(joined_seq) AS n FROM articles'),
      lastIntent: db.prepare('SELECT data FROM intent'),
      merges: db.prepare('SELECT merged FROM story_merges WHERE story_id = ?'),
      putMerges: db.prepare('INSERT OR REPLACE INTO story_merges (story_id, merged) VALUES (?, ?)'),
      delMerges: db.prepare('DELETE FROM story_merges WHERE story_id = ?'),
      // Updated in place (see the v2 migration): one WAL frame per intent.
      putIntent: db.prepare('INSERT INTO intent (id, article_id, data) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET article_id = excluded.article_id, data = excluded.data'),
      intents: db.prepare('SELECT data FROM intent WHERE article_id NOT IN (SELECT id FROM articles)'),
      delIntent: db.prepare('DELETE FROM intent WHERE article_id = ?'),
      // A scan of the catalog: only a start after a kill in the middle of a story batch runs it.
      storiesJoinedAfter: db.prepare('SELECT DISTINCT story_id AS id FROM articles WHERE joined_seq > ?'),
      storiesSince: db.prepare(
        'SELECT story_id AS storyId, max(seen_at) AS lastSeenAt, (SELECT count(*) FROM articles m WHERE m.story_id = a.story_id) AS size FROM articles a WHERE seen_at >= ? GROUP BY story_id',
      ),
      countsSince: db.prepare('SELECT feed_url AS url, count(*) AS n FROM articles WHERE seen_at >= ? GROUP BY feed_url'),
      filedBefore: db.prepare('SELECT * FROM articles WHERE filed_day < ?'),
      pruneSeen: db.prepare('DELETE FROM seen WHERE at < ?'),
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async sources(): Promise<SourceState[]> {
    return (this.q.sources.all() as { data: string }[]).map((r) => JSON.parse(r.data) as SourceState);
  }

  async source(url: string): Promise<SourceState | null> {
    const row = this.q.source.get(url) as { data: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.data) as SourceState);
  }

  async saveSource(state: SourceState): Promise<void> {
    this.q.putSource.run(state.url, JSON.stringify(state));
  }

  async savePlan(plan: { url: string; name: string; nextDueAt: string }[]): Promise<void> {
    this.db.transaction(() => {
      for (const p of plan) {
        const row = this.q.source.get(p.url) as { data: string } | undefined;
        const state: SourceState = row === undefined ? emptySourceState(p.url, p.name) : (JSON.parse(row.data) as SourceState);
        if (state.nextDueAt === p.nextDueAt) continue;
        state.nextDueAt = p.nextDueAt;
        this.q.putSource.run(p.url, JSON.stringify(state));
      }
    })();
  }

  async seenKeys(feedUrl: string, keys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const key of keys) if (this.q.seen.get(feedUrl, key) !== undefined) out.add(key);
    return out;
  }

  async markSeen(entries: readonly SeenEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.db.transaction(() => {
      for (const e of entries) this.q.putSeen.run(e.feedUrl, e.key, e.articleId, e.at);
    })();
  }

  async urlValidators(url: string): Promise<StoredValidators | null> {
    const row = this.q.validators.get(url) as { etag: string | null; last_modified: string | null } | undefined;
    return row === undefined ? null : { etag: row.etag, lastModified: row.last_modified };
  }

  async articles(ids: readonly string[]): Promise<Map<string, ArticleEntry>> {
    const out = new Map<string, ArticleEntry>();
    for (const id of ids) {
      const row = this.q.article.get(id) as ArticleRow | undefined;
      if (row !== undefined) out.set(id, entryOfRow(row));
    }
    return out;
  }

  async storyMembers(storyId: string): Promise<ArticleEntry[]> {
    return (this.q.members.all(storyId) as ArticleRow[]).map(entryOfRow);
  }

  async storyMerges(storyIds: readonly string[]): Promise<Map<string, StoryRecord['merged']>> {
    const out = new Map<string, StoryRecord['merged']>();
    for (const id of storyIds) {
      const row = this.q.merges.get(id) as { merged: string } | undefined;
      if (row !== undefined) out.set(id, JSON.parse(row.merged) as StoryRecord['merged']);
    }
    return out;
  }

  /**
   * Without scanning the catalog: the last intent records the largest sequence number committed
   * before it, and its own commit (if it completed) wrote only its article and the moved ones.
   * Only a state without intents (fresh, imported or rebuilt) scans.
   */
  async nextJoinSeq(): Promise<number> {
    const intent = this.lastIntent();
    if (intent === null || typeof intent.joinSeqBefore !== 'number') {
      this.lastJoinSeq = (this.q.maxJoin.get() as { n: number | null }).n ?? 0;
    } else {
      const own = [...(await this.articles([intent.articleId, ...intent.moved])).values()].map((a) => a.joinedSeq);
      this.lastJoinSeq = Math.max(intent.joinSeqBefore, ...own);
    }
    return this.lastJoinSeq + 1;
  }

  /**
   * Commits run one at a time, so one intent row is enough: it is overwritten by the next, and an
   * intent whose article is in the catalog was committed (`commit` need not touch it: one page
   * write less per article).
   */
  async beginCommit(intent: CommitIntent): Promise<void> {
    if (this.lastJoinSeq === null) await this.nextJoinSeq();
    this.q.putIntent.run(intent.articleId, JSON.stringify({ ...intent, joinSeqBefore: this.lastJoinSeq }));
  }

  async commit(c: ArticleCommit): Promise<void> {
    if (this.lastJoinSeq === null) await this.nextJoinSeq();
    for (const a of c.articles) this.lastJoinSeq = Math.max(this.lastJoinSeq ?? 0, a.joinedSeq);
    this.db.transaction(() => {
      for (const a of c.articles) this.putArticle(a);
      for (const e of c.seen) this.q.putSeen.run(e.feedUrl, e.key, e.articleId, e.at);
      if (c.urlValidators !== null) this.q.putValidators.run(c.urlValidators.url, c.urlValidators.validators.etag, c.urlValidators.validators.lastModified, c.seen[0]?.at ?? new Date(0).toISOString());
      for (const m of c.merges) this.q.putMerges.run(m.storyId, JSON.stringify(m.merged));
      for (const id of c.endedStories) this.q.delMerges.run(id);
      if (c.index !== null) this.index.append(c.index);
    })();
  }

  async pendingIntents(): Promise<CommitIntent[]> {
    return (this.q.intents.all() as { data: string }[]).map((r) => {
      const { joinSeqBefore: _, ...intent } = JSON.parse(r.data) as CommitIntent & { joinSeqBefore?: number };
      return intent;
    });
  }

  async clearIntent(articleId: string): Promise<void> {
    this.q.delIntent.run(articleId);
  }

  async storiesBehind(): Promise<string[]> {
    const intent = this.lastIntent();
    const behind = intent?.storiesBehind;
    if (intent === null || behind === undefined) return [];
    const joined = (this.q.storiesJoinedAfter.all(behind.sinceJoinSeq) as { id: string }[]).map((r) => r.id);
    return [...new Set([...intent.stories, ...behind.stories, ...joined])];
  }

  async storiesWritten(): Promise<void> {
    const intent = this.lastIntent();
    if (intent === null || intent.storiesBehind === undefined) return;
    const { storiesBehind: _, ...rest } = intent;
    this.q.putIntent.run(rest.articleId, JSON.stringify(rest));
  }

  async loadStoryIndex(): Promise<StoryIndexLoad | null> {
    return this.index.load();
  }

  storyIndexCheckpointDue(): Promise<boolean> {
    return this.index.checkpointDue();
  }

  checkpointStoryIndex(snapshot: StoryIndexSnapshot | StoryIndexImage): Promise<void> {
    return this.index.checkpoint(snapshot);
  }

  async storiesSeenSince(since: string): Promise<{ storyId: string; lastSeenAt: string; size: number }[]> {
    return this.q.storiesSince.all(since) as { storyId: string; lastSeenAt: string; size: number }[];
  }

  async articleCountsSince(since: string): Promise<Map<string, number>> {
    return new Map((this.q.countsSince.all(since) as { url: string; n: number }[]).map((r) => [r.url, r.n]));
  }

  async articlesFiledBefore(day: string): Promise<ArticleEntry[]> {
    return (this.q.filedBefore.all(day) as ArticleRow[]).map(entryOfRow);
  }

  async removeArticles(ids: readonly string[], emptiedStories: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      this.db.transaction(() => {
        for (const id of ids.slice(i, i + CHUNK)) {
          this.q.delArticle.run(id);
          this.q.delSeenOf.run(id);
        }
      })();
    }
    this.db.transaction(() => {
      for (const id of emptiedStories) this.q.delMerges.run(id);
    })();
  }

  async pruneSeenKeys(at: string): Promise<number> {
    return this.q.pruneSeen.run(at).changes;
  }

  async replaceAll(contents: StateContents): Promise<void> {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM sources; DELETE FROM seen; DELETE FROM url_validators; DELETE FROM articles; DELETE FROM story_merges; DELETE FROM intent;');
      for (const s of contents.sources) this.q.putSource.run(s.url, JSON.stringify(s));
      for (const e of contents.seen) this.q.putSeen.run(e.feedUrl, e.key, e.articleId, e.at);
      for (const a of contents.articles) this.putArticle(a);
      for (const m of contents.merges) this.q.putMerges.run(m.storyId, JSON.stringify(m.merged));
      for (const v of contents.urlValidators) this.q.putValidators.run(v.url, v.validators.etag, v.validators.lastModified, new Date(0).toISOString());
    })();
    this.lastJoinSeq = null;
    await this.index.replace(contents.storyIndex);
  }

  async stats(): Promise<StateStats> {
    const count = (table: string): number => (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    let bytes = await this.index.bytes();
    for (const suffix of ['', '-wal']) bytes += fileSize(this.path + suffix);
    return { sources: count('sources'), seenKeys: count('seen'), articles: count('articles'), windowArticles: await this.index.windowSize(), bytes };
  }

  /** The intent row as stored (with `joinSeqBefore`), or null. */
  private lastIntent(): (CommitIntent & { joinSeqBefore?: number }) | null {
    const row = this.q.lastIntent.get() as { data: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.data) as CommitIntent & { joinSeqBefore?: number });
  }

  private putArticle(a: ArticleEntry): void {
    this.q.putArticle.run({ ...a, alsoIn: a.alsoIn.length === 0 ? null : JSON.stringify(a.alsoIn) });
  }
}

type ArticleRow = CatalogRow<string>;

/** SQLite keeps `also_in` as JSON text. */
const entryOfRow = (r: ArticleRow): ArticleEntry => entryOfCatalogRow(r, (alsoIn) => JSON.parse(alsoIn) as ArticleEntry['alsoIn']);

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function stateError(path: string, cause: unknown): WiredeskError {
  const code = (cause as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new WiredeskError('STATE_CORRUPT', `store: state database ${path} is unusable (${(cause as Error).message}). Run "wiredesk state rebuild" to recreate it from the article files.`, {
      cause,
      details: { path, hint: 'wiredesk state rebuild' },
    });
  }
  return new WiredeskError('STORE_WRITE', `store: cannot open the state database ${path}: ${(cause as Error).message}`, { cause, details: { path } });
}

/**
 * Moves an unusable state database aside (with its WAL files), so `state rebuild` can start a new
 * one; returns where it went, or null when there was none.
 */
export function setAsideSqliteState(stateDir: string, now: Date): string | null {
  const path = join(resolve(stateDir), STATE_DB_FILE);
  if (!exists(path)) return null;
  const aside = `${path}.broken-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (exists(path + suffix)) renameSync(path + suffix, aside + suffix);
  return aside;
}
