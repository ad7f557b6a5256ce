import type Database from 'better-sqlite3';
import { WiredeskError } from '../../errors/index.js';

/** Version of the state database's schema; migrations below bring older files up to it. */
export const STATE_SCHEMA_VERSION = 2;

/**
 * Tables of the state database. Keys that are looked up per item (seen keys, the article
 * catalog) are primary keys, and every other index costs a page write per article, so there are
 * few (pruning old seen keys scans the table: only prune may touch everything). The catalog is a
 * rowid table, so rows are appended in commit order and only the small id index takes a random
 * page per article: keyed by the (random) article id, each commit dirtied a random 1 KB leaf of
 * the whole table, 7.1 against 6.2 KB of WAL per commit and 1.7× the pages written back at
 * checkpoint (measured on a 6,000-article catalog). The story index is
 * a log of per-article changes (ix_log) on top of a snapshot file (sqlite-story-index.ts), so a
 * commit appends a row instead of rewriting the index.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE sources (url TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE seen (feed_url TEXT NOT NULL, key TEXT NOT NULL, article_id TEXT, at TEXT NOT NULL, PRIMARY KEY (feed_url, key)) WITHOUT ROWID;
  CREATE TABLE url_validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, at TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE articles (
    id TEXT NOT NULL UNIQUE, filed_day TEXT NOT NULL, feed_url TEXT NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL,
    duplicate_of TEXT, story_id TEXT NOT NULL, joined_seq INTEGER NOT NULL, seen_at TEXT NOT NULL, also_in TEXT
  );
  CREATE INDEX articles_by_story ON articles (story_id, joined_seq);
  CREATE INDEX articles_by_time ON articles (seen_at);
  CREATE TABLE story_merges (story_id TEXT PRIMARY KEY, merged TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE intents (article_id TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE ix_log (seq INTEGER PRIMARY KEY, changes BLOB NOT NULL);
  `,
  // v2: the commit intent is one row of a rowid table, updated in place. In the WITHOUT ROWID
  // table of v1, with 512-byte pages, a row holds at most ~100 bytes before spilling to an
  // overflow page, so each intent (~200 bytes of JSON) was a delete that freed an overflow page
  // and an insert that took it back: the leaf, the overflow page and page 1 (the free-list count)
  // went to the WAL, three frames per article. Here it is the leaf alone (477 bytes fit in it).
  `
  CREATE TABLE IF NOT EXISTS intent (id INTEGER PRIMARY KEY CHECK (id = 1), article_id TEXT NOT NULL, data TEXT NOT NULL);
  INSERT OR IGNORE INTO intent (id, article_id, data) SELECT 1, article_id, data FROM intents LIMIT 1;
  DROP TABLE IF EXISTS intents;
  `,
];

/**
 * Creates or migrates the schema in one transaction. A file written by a newer wiredesk is
 * refused (STATE_CORRUPT naming the versions) rather than guessed at.
 */
export function migrate(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > STATE_SCHEMA_VERSION) {
    throw new WiredeskError('STATE_CORRUPT', `store: ${path} has schema version ${version}, newer than this wiredesk understands (${STATE_SCHEMA_VERSION}); upgrade wiredesk`, {
      details: { path, version },
    });
  }
  if (version === STATE_SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = version; v < STATE_SCHEMA_VERSION; v += 1) db.exec(MIGRATIONS[v] as string);
    db.pragma(`user_version = ${STATE_SCHEMA_VERSION}`);
  })();
}
