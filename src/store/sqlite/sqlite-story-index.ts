import type Database from 'better-sqlite3';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  applyStoryIndexChanges,
  emptyStoryRows,
  snapshotOfRows,
  type FingerprintSnapshot,
  type GraphNodeSnapshot,
  type StoryIndexChanges,
  type StoryIndexRows,
  type StoryIndexSnapshot,
} from '../../fingerprint/index.js';

/** Index counters kept in `meta` under this key. */
const META_KEY = 'story_index';

interface IndexMeta {
  windowHours: number;
  now: string | null;
  nextSeq: number;
  nextNode: number;
  dfDocs: number;
  /** Insertion counters of fingerprints and df terms (restore keeps both orders). */
  fpOrd: number;
  dfOrd: number;
}

/**
 * The story index in SQLite: a checkpoint in the ix_* tables plus the per-article changes logged
 * since (ix_log). Appending a change costs one small row; folding the log into the tables costs
 * what changed since the last fold. Restoring reads the checkpoint (the live window, nothing
 * older: evicted entries are deleted) and replays the log.
 */
export class SqliteStoryIndex {
  private readonly stmts;
  private logged: number;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      log: db.prepare('INSERT INTO ix_log (changes) VALUES (?)'),
      count: db.prepare('SELECT count(*) AS n FROM ix_log'),
      meta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      delNode: db.prepare('DELETE FROM ix_nodes WHERE id = ?'),
      putNode: db.prepare('INSERT OR REPLACE INTO ix_nodes (id, story_id, knn, data) VALUES (?, ?, ?, ?)'),
      updNode: db.prepare('UPDATE ix_nodes SET story_id = ?, knn = ? WHERE id = ?'),
      delFp: db.prepare('DELETE FROM ix_fingerprints WHERE id = ?'),
      putFp: db.prepare('INSERT INTO ix_fingerprints (id, ord, story_id, data) VALUES (?, ?, ?, ?)'),
      updFp: db.prepare('UPDATE ix_fingerprints SET story_id = ? WHERE id = ?'),
      delStory: db.prepare('DELETE FROM ix_stories WHERE id = ?'),
      putStory: db.prepare('INSERT OR REPLACE INTO ix_stories (id, seq) VALUES (?, ?)'),
      delTerm: db.prepare('DELETE FROM ix_df WHERE term = ?'),
      putTerm: db.prepare('INSERT INTO ix_df (term, ord, count) VALUES (?, ?, ?) ON CONFLICT (term) DO UPDATE SET count = excluded.count'),
      incTerm: db.prepare('INSERT INTO ix_df (term, ord, count) VALUES (?, ?, 1) ON CONFLICT (term) DO UPDATE SET count = count + 1'),
      logRows: db.prepare('SELECT changes FROM ix_log ORDER BY seq'),
      clearLog: db.prepare('DELETE FROM ix_log'),
      nodes: db.prepare('SELECT id, story_id, knn, data FROM ix_nodes'),
      fingerprints: db.prepare('SELECT id, story_id, data FROM ix_fingerprints ORDER BY ord'),
      stories: db.prepare('SELECT id, seq FROM ix_stories ORDER BY seq'),
      terms: db.prepare('SELECT term, count FROM ix_df ORDER BY ord'),
      windowSize: db.prepare('SELECT count(*) AS n FROM ix_fingerprints'),
    };
    this.logged = (this.stmts.count.get() as { n: number }).n;
  }

  /** Appends one article's changes (call inside the commit's transaction). */
  append(changes: StoryIndexChanges): void {
    // Deflated: a change is mostly repeated JSON keys and terms, and its bytes are what every commit writes.
    this.stmts.log.run(deflateRawSync(JSON.stringify(changes)));
    this.logged += 1;
  }

  /** Log rows not folded yet. */
  get pending(): number {
    return this.logged;
  }

  /** Folds the log into the checkpoint tables (one transaction; cost: what changed since the last fold). */
  fold(): void {
    if (this.logged === 0) return;
    this.db.transaction(() => {
      const meta = this.readMeta();
      for (const row of this.stmts.logRows.all() as { changes: Buffer }[]) this.applyToTables(decodeChanges(row.changes), meta);
      this.stmts.clearLog.run();
      this.stmts.setMeta.run(META_KEY, JSON.stringify(meta));
    })();
    this.logged = 0;
  }

  /** The index as the last commit left it: checkpoint plus replayed log; null when never written. */
  load(): StoryIndexSnapshot | null {
    const meta = this.readMeta();
    if (meta.now === null && this.logged === 0 && meta.nextSeq === 0) return null;
    const rows: StoryIndexRows = emptyStoryRows(meta.windowHours);
    Object.assign(rows, { now: meta.now, nextSeq: meta.nextSeq, nextNode: meta.nextNode, dfDocs: meta.dfDocs });
    for (const r of this.stmts.nodes.iterate() as Iterable<{ id: string; story_id: string; knn: string; data: string }>) {
      const data = JSON.parse(r.data) as Omit<GraphNodeSnapshot, 'id' | 'storyId' | 'knn'>;
      rows.nodes.set(r.id, { id: r.id, storyId: r.story_id, knn: JSON.parse(r.knn) as [string, number][], ...data });
    }
    for (const r of this.stmts.fingerprints.iterate() as Iterable<{ id: string; story_id: string; data: string }>) {
      rows.fingerprints.set(r.id, { ...(JSON.parse(r.data) as FingerprintSnapshot), id: r.id, storyId: r.story_id });
    }
    for (const r of this.stmts.stories.iterate() as Iterable<{ id: string; seq: number }>) rows.stories.set(r.id, { id: r.id, seq: r.seq });
    for (const r of this.stmts.terms.iterate() as Iterable<{ term: string; count: number }>) rows.dfTerms.set(r.term, r.count);
    for (const r of this.stmts.logRows.iterate() as Iterable<{ changes: Buffer }>) applyStoryIndexChanges(rows, decodeChanges(r.changes));
    return snapshotOfRows(rows);
  }

  /** Replaces the checkpoint with a whole snapshot (import, rebuild) and empties the log. */
  replace(snapshot: StoryIndexSnapshot | null): void {
    this.db.exec('DELETE FROM ix_nodes; DELETE FROM ix_fingerprints; DELETE FROM ix_stories; DELETE FROM ix_df; DELETE FROM ix_log;');
    this.logged = 0;
    const meta: IndexMeta = { windowHours: snapshot?.windowHours ?? 72, now: null, nextSeq: 0, nextNode: 0, dfDocs: 0, fpOrd: 0, dfOrd: 0 };
    if (snapshot !== null) {
      this.applyToTables(
        {
          now: snapshot.now,
          nextSeq: snapshot.nextSeq,
          nextNode: snapshot.nextNode ?? 0,
          removedNodes: [],
          addedNodes: snapshot.nodes ?? [],
          nodeUpdates: [],
          removedFingerprints: [],
          addedFingerprints: snapshot.fingerprints,
          fingerprintStories: [],
          removedStories: [],
          addedStories: snapshot.stories,
          dfDocs: snapshot.df.docs,
          dfOps: snapshot.df.terms,
        },
        meta,
      );
    }
    this.stmts.setMeta.run(META_KEY, JSON.stringify(meta));
  }

  /** Graph articles and copies in the checkpoint (the window, as of the last fold). */
  windowSize(): number {
    return (this.stmts.windowSize.get() as { n: number }).n;
  }

  private readMeta(): IndexMeta {
    const row = this.stmts.meta.get(META_KEY) as { value: string } | undefined;
    return row === undefined ? { windowHours: 72, now: null, nextSeq: 0, nextNode: 0, dfDocs: 0, fpOrd: 0, dfOrd: 0 } : (JSON.parse(row.value) as IndexMeta);
  }

  /** The same order as `applyStoryIndexChanges`: removals, additions, updates, df operations. */
  private applyToTables(c: StoryIndexChanges, meta: IndexMeta): void {
    const s = this.stmts;
    for (const id of c.removedNodes) s.delNode.run(id);
    for (const id of c.removedFingerprints) s.delFp.run(id);
    for (const id of c.removedStories) s.delStory.run(id);
    for (const { id, storyId, knn, ...data } of c.addedNodes) s.putNode.run(id, storyId, JSON.stringify(knn), JSON.stringify(data));
    for (const { id, storyId, ...data } of c.addedFingerprints) {
      s.delFp.run(id);
      s.putFp.run(id, ++meta.fpOrd, storyId, JSON.stringify(data));
    }
    for (const story of c.addedStories) s.putStory.run(story.id, story.seq);
    for (const [id, storyId, knn] of c.nodeUpdates) s.updNode.run(storyId, JSON.stringify(knn), id);
    for (const [id, storyId] of c.fingerprintStories) s.updFp.run(storyId, id);
    for (const op of c.dfOps) {
      if (typeof op === 'string') s.incTerm.run(op, ++meta.dfOrd);
      else if (op[1] === null) s.delTerm.run(op[0]);
      else s.putTerm.run(op[0], ++meta.dfOrd, op[1]);
    }
    Object.assign(meta, { now: c.now, nextSeq: c.nextSeq, nextNode: c.nextNode, dfDocs: c.dfDocs });
  }
}

function decodeChanges(bytes: Buffer): StoryIndexChanges {
  return JSON.parse(inflateRawSync(bytes).toString('utf8')) as StoryIndexChanges;
}
