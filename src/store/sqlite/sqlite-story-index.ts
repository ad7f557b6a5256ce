import type Database from 'better-sqlite3';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { WiredeskError } from '../../errors/index.js';
import type { StoryIndexImage, StoryIndexInput, StoryIndexSnapshot } from '../../fingerprint/index.js';
import type { StoryIndexLoad } from '../state-store.js';
import { errnoOf, writeTextAtomic } from '../file/atomic-write.js';
import { loggedInputs } from './logged-inputs.js';
import { decodeStoryIndex, encodeStoryIndexInTurns, liveArticles, META_BYTES, readImageMeta, type StoredStoryIndex, type StoryIndexMeta } from '../story-index-bytes.js';

/** File, in the state directory, holding the story index as of its last checkpoint (story-index-bytes.ts). */
export const STORY_INDEX_FILE = 'story-index.snapshot';
/** Fewest logged inputs before a checkpoint is due (a small window checkpoints about this often). */
const MIN_LOG_FOR_CHECKPOINT = 1_000;
/**
 * Most logged inputs before a checkpoint is due, so a restart never replays more than this. The
 * replay is about half of a restart at 100,000 live; 4,000 until a checkpoint cost ~1.7x less
 * (story-index-bytes.ts, termIn), which paid for checkpointing a third more often there.
 */
const MAX_LOG_FOR_CHECKPOINT = 3_000;

/**
 * The story index of a state directory: a snapshot file written at checkpoints, plus a log of the
 * inputs the index took since (the ix_log table, one deflated row per commit, in the commit's
 * transaction). A commit appends a row, never rewrites the index; a checkpoint writes the live
 * window once, sequentially, to its own file (not through the WAL, which would write it twice),
 * then drops the log rows it covers. It is due once the log holds as many inputs as the window
 * holds articles (between 1,000 and 3,000), so its cost per article follows the window, not
 * history (about one image byte per logged input: ~0.85 KB per article, half of what a checkpoint
 * at half the window cost), and a restart reads one snapshot and replays at most 3,000 inputs.
 */
export class SqliteStoryIndex {
  private readonly stmts;
  private readonly path: string;
  private live: number | null = null;
  /**
   * Rows in ix_log, counted once and then kept here: `count(*)` reads every row of the log (the
   * deflated inputs themselves, up to a window's worth), and it was asked after every commit, so
   * its cost grew with the window (0.26 -> 0.40 s of main-thread CPU per 1,000 articles in
   * bench:growth's round 4 -> 10). An append whose transaction rolls back leaves it one too high,
   * which only brings the next checkpoint one input early. Null: count again.
   */
  private logged: number | null = null;

  constructor(db: Database.Database, stateDir: string) {
    this.path = join(stateDir, STORY_INDEX_FILE);
    this.stmts = {
      log: db.prepare('INSERT INTO ix_log (changes) VALUES (?)'),
      count: db.prepare('SELECT count(*) AS n FROM ix_log'),
      last: db.prepare('SELECT max(seq) AS last FROM ix_log'),
      after: db.prepare('SELECT seq, changes FROM ix_log WHERE seq > ? ORDER BY seq'),
      // The row at `upTo` stays: SQLite hands out the next rowid after the largest one left, and an
      // empty table would start again at 1, below `upTo`.
      dropUpTo: db.prepare('DELETE FROM ix_log WHERE seq < ?'),
      clear: db.prepare('DELETE FROM ix_log'),
    };
  }

  /** Appends one input of the index (call inside the commit's transaction). */
  append(input: StoryIndexInput): void {
    // Deflated: its bytes are what every commit writes.
    this.stmts.log.run(deflateRawSync(JSON.stringify(input)));
    if (this.logged !== null) this.logged += 1;
  }

  /** True when enough changes are logged that the next checkpoint should be taken. */
  async checkpointDue(): Promise<boolean> {
    if (this.live === null) this.live = (await this.readMeta())?.live ?? 0;
    this.logged ??= (this.stmts.count.get() as { n: number }).n;
    return this.logged - 1 >= Math.min(MAX_LOG_FOR_CHECKPOINT, Math.max(MIN_LOG_FOR_CHECKPOINT, this.live));
  }

  /**
   * Writes `snapshot` (the live index, which has applied every logged change) as the new
   * checkpoint, then drops the log it covers. Killed in between, the old log rows are simply
   * skipped on restore (they are at or before `upTo`). An image is encoded in turns (the event
   * loop runs between its blocks), so the index takes no input until this settles.
   */
  async checkpoint(snapshot: StoryIndexSnapshot | StoryIndexImage): Promise<void> {
    const { last } = this.stmts.last.get() as { last: number | null };
    const meta: StoryIndexMeta = { upTo: last ?? 0, live: liveArticles(snapshot) };
    await writeTextAtomic(this.path, await encodeStoryIndexInTurns(meta, snapshot, true));
    this.stmts.dropUpTo.run(meta.upTo);
    // Inputs logged while the file was written stay in the log: count them next time.
    this.logged = null;
    this.live = meta.live;
  }

  /** The checkpoint and the inputs logged after it (replayed on it, they give the index as the last commit left it); null when never written. */
  async load(): Promise<StoryIndexLoad | null> {
    const file = await this.readFile();
    const logged = this.stmts.after.all(file?.upTo ?? 0) as { seq: number; changes: Buffer }[];
    if (file === null && logged.length === 0) return null;
    // Inflated by a worker while the snapshot is restored, parsed as the replay reaches them (logged-inputs.ts).
    return { snapshot: file?.snapshot ?? null, replay: loggedInputs(logged.map((row) => row.changes)) };
  }

  /** Replaces the whole index (import, rebuild, cluster state): a new checkpoint and an empty log. */
  async replace(snapshot: StoryIndexSnapshot | StoryIndexImage | null): Promise<void> {
    this.stmts.clear.run();
    this.logged = null;
    if (snapshot === null) {
      await unlink(this.path).catch((cause) => {
        if (errnoOf(cause) !== 'ENOENT') throw cause;
      });
      this.live = 0;
      return;
    }
    await this.checkpoint(snapshot);
  }

  /** Articles in the window at the last checkpoint. */
  async windowSize(): Promise<number> {
    return (await this.readMeta())?.live ?? 0;
  }

  /** Bytes of the snapshot file (for stats). */
  async bytes(): Promise<number> {
    try {
      return (await stat(this.path)).size;
    } catch {
      return 0;
    }
  }

  /** Where the checkpoint stands, from the first bytes of an image file (an old JSON file is read whole). */
  private async readMeta(): Promise<StoryIndexMeta | null> {
    let head: Buffer;
    try {
      const handle = await open(this.path, 'r');
      try {
        const buffer = Buffer.alloc(META_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, META_BYTES, 0);
        head = buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (cause) {
      if (errnoOf(cause) === 'ENOENT') return null;
      throw corrupt(this.path, (cause as Error).message, cause);
    }
    try {
      const meta = readImageMeta(head);
      if (meta !== null) return meta;
    } catch (cause) {
      throw corrupt(this.path, (cause as Error).message, cause);
    }
    return this.readFile();
  }

  private async readFile(): Promise<StoredStoryIndex | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (cause) {
      if (errnoOf(cause) === 'ENOENT') return null;
      throw corrupt(this.path, (cause as Error).message, cause);
    }
    try {
      return decodeStoryIndex(bytes);
    } catch (cause) {
      throw corrupt(this.path, (cause as Error).message, cause);
    }
  }
}

function corrupt(path: string, why: string, cause: unknown): WiredeskError {
  return new WiredeskError('STATE_CORRUPT', `store: story index ${path} is unusable (${why}). Run "wiredesk state rebuild" to recreate it from the article files.`, {
    cause,
    details: { path, hint: 'wiredesk state rebuild' },
  });
}
