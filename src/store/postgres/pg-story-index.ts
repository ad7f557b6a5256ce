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

/** Runs one statement and returns its rows. */
type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

interface IndexMeta {
  windowHours: number;
  now: string | null;
  nextSeq: number;
  nextNode: number;
  dfDocs: number;
  fpOrd: number;
  dfOrd: number;
}

const EMPTY_META: IndexMeta = { windowHours: 72, now: null, nextSeq: 0, nextNode: 0, dfDocs: 0, fpOrd: 0, dfOrd: 0 };

/**
 * The story index in PostgreSQL, laid out as in SQLite (sqlite-story-index.ts): a checkpoint in the
 * wd_ix_* tables plus the per-article changes logged since (wd_ix_log, appended by `wd_commit`).
 * Folding runs inside the database (`wd_ix_fold`), so it costs one round trip whatever it folds.
 * A new grouper restores the index from checkpoint plus log: exactly where the last one stopped.
 */
export class PgStoryIndex {
  /** Log rows appended since the last fold, as far as this process knows (counted from the table on load). */
  logged = 0;

  constructor(private readonly query: Query) {}

  /** Folds the log into the checkpoint tables. */
  async fold(fence: number | null): Promise<void> {
    await this.query('SELECT wd_ix_fold($1)', [fence]);
    this.logged = 0;
  }

  /** The index as the last commit left it; null when never written. */
  async load(): Promise<StoryIndexSnapshot | null> {
    const meta = ((await this.query('SELECT meta FROM wd_ix_meta WHERE id = 1', []))[0]?.['meta'] as IndexMeta | undefined) ?? EMPTY_META;
    const log = (await this.query('SELECT changes FROM wd_ix_log ORDER BY seq', [])).map((r) => r['changes'] as StoryIndexChanges);
    this.logged = log.length;
    if (meta.now === null && log.length === 0 && meta.nextSeq === 0) return null;
    const rows: StoryIndexRows = emptyStoryRows(meta.windowHours);
    Object.assign(rows, { now: meta.now, nextSeq: meta.nextSeq, nextNode: meta.nextNode, dfDocs: meta.dfDocs });
    for (const r of await this.query('SELECT id, story_id, knn, data FROM wd_ix_nodes', [])) {
      const data = r['data'] as Omit<GraphNodeSnapshot, 'id' | 'storyId' | 'knn'>;
      const id = r['id'] as string;
      rows.nodes.set(id, { id, storyId: r['story_id'] as string, knn: r['knn'] as [string, number][], ...data });
    }
    for (const r of await this.query('SELECT id, story_id, data FROM wd_ix_fingerprints ORDER BY ord', [])) {
      const id = r['id'] as string;
      rows.fingerprints.set(id, { ...(r['data'] as FingerprintSnapshot), id, storyId: r['story_id'] as string });
    }
    for (const r of await this.query('SELECT id, seq FROM wd_ix_stories ORDER BY seq', [])) rows.stories.set(r['id'] as string, { id: r['id'] as string, seq: r['seq'] as number });
    for (const r of await this.query('SELECT term, count FROM wd_ix_df ORDER BY ord', [])) rows.dfTerms.set(r['term'] as string, r['count'] as number);
    for (const changes of log) applyStoryIndexChanges(rows, changes);
    return snapshotOfRows(rows);
  }

  /** Replaces the checkpoint with a whole snapshot (import, rebuild) and empties the log; `query` runs inside the caller's transaction. */
  async replace(snapshot: StoryIndexSnapshot | null, query: Query): Promise<void> {
    await query('TRUNCATE wd_ix_nodes, wd_ix_fingerprints, wd_ix_stories, wd_ix_df, wd_ix_log', []);
    let meta: IndexMeta = { ...EMPTY_META, windowHours: snapshot?.windowHours ?? 72 };
    if (snapshot !== null) {
      const changes: StoryIndexChanges = {
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
      };
      meta = (await query('SELECT wd_ix_apply($1::jsonb, $2::jsonb) AS m', [JSON.stringify(changes), JSON.stringify(meta)]))[0]?.['m'] as IndexMeta;
    }
    await query('INSERT INTO wd_ix_meta (id, meta) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET meta = excluded.meta', [JSON.stringify(meta)]);
    this.logged = 0;
  }
}
