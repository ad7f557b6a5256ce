import { WiredeskError } from '../../errors/index.js';
import type { StoryIndexImage, StoryIndexInput, StoryIndexSnapshot } from '../../fingerprint/index.js';
import type { StoryIndexLoad } from '../state-store.js';
import { decodeStoryIndex, encodeStoryIndexInTurns, liveArticles } from '../story-index-bytes.js';

/** Runs one statement and returns its rows. */
type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * A checkpoint is due once the log holds half the window's articles, between these. SQLite's store
 * checkpoints more often (the whole window, at most 3,000: sqlite-story-index.ts) because a cron
 * crawl restarts on every run; here only a grouper's death makes another worker replay the log,
 * while every checkpoint ships the whole image (110 MB at 100,000 live) to the server and leaves a
 * dead copy for vacuum. A takeover at 100,000 live replaying 1,875 inputs took 4.7 s (store notes).
 */
const MIN_LOG_FOR_CHECKPOINT = 1_000;
const MAX_LOG_FOR_CHECKPOINT = 4_000;
/** The log's size is counted here between readings; read again from the database after this many commits. */
const RECOUNT_EVERY = 250;
/**
 * The snapshot is read in pieces of this many bytes. Read whole, a 110 MB snapshot (100,000 live
 * articles) came as one 220 MB hex text through the driver's message buffer before it was
 * decoded: a takeover peaked at 1.1 GB RSS, ~500 MB of it external memory held for that one row
 * (measured at 22 MB: 294 MB peak whole, 164–173 MB in 4 MB pieces; the same CPU).
 */
const READ_PIECE_BYTES = 4 * 2 ** 20;
/** Reads of snapshot and log that a checkpoint landing in between may spoil before the load gives up. */
const LOAD_ATTEMPTS = 5;

/**
 * The story index in PostgreSQL, laid out as in SQLite: a snapshot (wd_ix_snapshot, the bytes of
 * story-index-bytes.ts: an image, or deflated JSON from before it)
 * plus the inputs the index took since (wd_ix_log, appended by `wd_commit` in the commit's
 * transaction). A new grouper restores the snapshot and replays the log: exactly where the last
 * one stopped.
 */
export class PgStoryIndex {
  /** The log's size and the snapshot's live articles as last read, and inputs this process logged since (null: read them). */
  private counted: { logged: number; live: number; since: number } | null = null;

  constructor(
    private readonly query: Query,
    private readonly pieceBytes = READ_PIECE_BYTES,
  ) {}

  /**
   * True when the log holds enough inputs that the grouper should hand in a checkpoint. Asked after
   * every commit, so the size is read from the database only now and then and counted here in
   * between (the one committing process is the log's only writer; the reading keeps it honest).
   */
  async checkpointDue(): Promise<boolean> {
    if (this.counted === null || this.counted.since >= RECOUNT_EVERY) {
      const row = (await this.query('SELECT (SELECT count(*) FROM wd_ix_log)::int AS n, (SELECT live FROM wd_ix_snapshot WHERE id = 1) AS live', []))[0];
      this.counted = { logged: (row?.['n'] as number) ?? 0, live: (row?.['live'] as number | null) ?? 0, since: 0 };
    }
    const { logged, live } = this.counted;
    return logged >= Math.min(MAX_LOG_FOR_CHECKPOINT, Math.max(MIN_LOG_FOR_CHECKPOINT, Math.ceil(live / 2)));
  }

  /** A commit logged one input (counted until the next reading). */
  noteLogged(): void {
    if (this.counted === null) return;
    this.counted.logged += 1;
    this.counted.since += 1;
  }

  /** Stores the live index as the new snapshot and drops the log it includes (refused to a grouper that lost its role). */
  async checkpoint(snapshot: StoryIndexSnapshot | StoryIndexImage, fence: number | null, query: Query = this.query): Promise<void> {
    // Encoded in turns (the grouper's heartbeat and queue reads run between blocks); the grouper's
    // committer gives its index no input until this settles.
    await this.store(await encoded(snapshot), fence, query);
  }

  private async store({ bytes, live }: { bytes: Buffer; live: number }, fence: number | null, query: Query): Promise<void> {
    await query('SELECT wd_ix_checkpoint($1, $2, $3)', [fence, bytes, live]);
    // Inputs logged while the checkpoint was on its way are not in the count: read it again next time.
    this.counted = null;
  }

  /**
   * The snapshot and the inputs logged after it; null when never written. The statements are not
   * one transaction, so a checkpoint (of a grouper, while `status` or a new grouper reads) may land
   * between them: the snapshot row's version (`xmin`, new with every write) is checked by every
   * piece and again after the log, and the read starts over when it changed.
   */
  async load(): Promise<StoryIndexLoad | null> {
    for (let attempt = 1; ; attempt += 1) {
      const read = await this.readOnce();
      if (read !== CHANGED) return read;
      if (attempt === LOAD_ATTEMPTS) {
        throw new WiredeskError('STORE_WRITE', `store: the story index's checkpoint changed under each of ${LOAD_ATTEMPTS} reads`, { retryable: true });
      }
    }
  }

  private async readOnce(): Promise<StoryIndexLoad | null | typeof CHANGED> {
    const head = (await this.query('SELECT up_to, live, octet_length(data) AS size, xmin::text AS version FROM wd_ix_snapshot WHERE id = 1', []))[0];
    const version = (head?.['version'] as string | undefined) ?? null;
    const bytes = head === undefined ? null : await this.readBytes(Number(head['size']), version as string);
    if (bytes === CHANGED) return CHANGED;
    const upTo = (head?.['up_to'] as string | number | undefined) ?? 0;
    const log = (await this.query('SELECT changes FROM wd_ix_log WHERE seq > $1 ORDER BY seq', [upTo])).map((r) => r['changes'] as StoryIndexInput);
    // A checkpoint since the head was read has dropped log rows this snapshot needs.
    const now = (await this.query('SELECT xmin::text AS version FROM wd_ix_snapshot WHERE id = 1', []))[0];
    if (((now?.['version'] as string | undefined) ?? null) !== version) return CHANGED;
    if (head === undefined && log.length === 0) return null;
    const snapshot = bytes === null ? null : decodeStoryIndex(bytes, { upTo: Number(upTo), live: Number(head?.['live'] ?? 0) }).snapshot;
    return { snapshot, replay: log };
  }

  /** The snapshot's bytes, read piece by piece into one buffer; CHANGED when the row was replaced meanwhile. */
  private async readBytes(size: number, version: string): Promise<Buffer | typeof CHANGED> {
    const bytes = Buffer.allocUnsafe(size);
    for (let at = 0; at < size; at += this.pieceBytes) {
      const row = (await this.query('SELECT substring(data FROM $1 FOR $2) AS piece FROM wd_ix_snapshot WHERE id = 1 AND xmin::text = $3', [at + 1, this.pieceBytes, version]))[0];
      const piece = row?.['piece'] as Buffer | undefined;
      if (piece === undefined) return CHANGED;
      piece.copy(bytes, at);
    }
    return bytes;
  }

  /** Replaces the whole index (import, rebuild) and empties the log; `query` runs inside the caller's transaction. */
  async replace(snapshot: StoryIndexSnapshot | StoryIndexImage | null, query: Query): Promise<void> {
    const bytes = snapshot === null ? null : await encoded(snapshot);
    this.counted = null;
    await query('TRUNCATE wd_ix_log', []);
    if (bytes === null) await query('DELETE FROM wd_ix_snapshot', []);
    else await this.store(bytes, null, query);
  }
}

/** What a read returns when a checkpoint replaced the snapshot during it. */
const CHANGED = Symbol('changed');

/** The row's bytes (upTo and live have their own columns), encoded in turns. */
async function encoded(snapshot: StoryIndexSnapshot | StoryIndexImage): Promise<{ bytes: Buffer; live: number }> {
  const live = liveArticles(snapshot);
  return { bytes: await encodeStoryIndexInTurns({ upTo: 0, live }, snapshot, false), live };
}
