import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import type { SourceConfig, WiredeskConfig } from '../config/index.js';
import { toWiredeskError } from '../errors/index.js';
import type { AliasTable } from '../fingerprint/index.js';
import { restoreStoryIndex, storyIndexOptions } from '../ops/restore-story-index.js';
import { Committer, createRunId, recoverInterruptedCommits, type CommitResult } from '../pipeline/index.js';
import { openFileSink, openPgClient, openPgPool, PgReaderSink, PgStateStore, type ClusterDb, type FileSink, type PgPool, type QueryTally, type QueueEntry } from '../store/index.js';
import { DeferredSyncFs } from './deferred-sync-fs.js';
import { SCHEMA_VERSION, type ArticleRecord, type ArticleRef, type Clock, type Logger, type RunSummary, type SourceRunReport } from '../types/index.js';
import { comparePending, pendingOf, sourceConfigOf, type QueuedArticle } from './queue-payload.js';

/** Advisory lock key of the grouper role (one per database; the value spells "wdgr"). */
export const GROUPER_LOCK = 0x77646772;
/** Queue entries read and committed per batch. */
const BATCH = 500;
/** A run report is written at least this often while work flows (and whenever the queue runs dry). */
const REPORT_EVERY_MS = 5_000;

/** Options of `Grouper`. */
export interface GrouperOptions {
  url: string;
  location: string;
  cluster: ClusterDb;
  config: WiredeskConfig;
  aliases: AliasTable;
  outDir: string;
  worker: string;
  clock: Clock;
  logger: Logger;
  /** Counts the statements of the grouper's own pool too. */
  tally?: QueryTally;
  /** Waits for news on the queue, at most `ms`. */
  idle: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** What the grouper measured (bench, status). */
export interface GrouperStats {
  committed: number;
  /** Enqueue → committed (story file written), by the database's clock for the enqueue side. */
  lagMsMax: number;
  lagMsSum: number;
  terms: number;
  takeovers: number;
}

/**
 * The story stage of a cluster. Exactly one worker at a time is the grouper: it holds an advisory
 * lock on a connection of its own (the database drops it the moment that worker dies), takes a new
 * epoch that fences out any write of a previous grouper, and holds the output directory's lock. It
 * then undoes interrupted commits, restores the story index from PostgreSQL, and consumes the queue
 * in commit order with the single-process committer: one article at a time, intent → files and
 * reader rows → one state transaction that also deletes the queue entry. Source reports the workers
 * left are written as run reports. Any failure (lost lock, database gone) ends the term; the worker
 * tries for the role again, and whichever worker wins continues exactly where the state says.
 */
export class Grouper {
  readonly stats: GrouperStats = { committed: 0, lagMsMax: 0, lagMsSum: 0, terms: 0, takeovers: 0 };
  private leading = false;
  /** The session of the tries for the role while another worker holds it. */
  private lock: pg.Client | null = null;
  private markTried: () => void = () => undefined;
  /**
   * Resolves once the first try for the role is over: lost, failed, or won with the story index
   * restored and the queue about to be served. A worker starts crawling after it, so a grouper's
   * start-up (recovery, the index, the language model) does not stall sources it has claimed.
   */
  readonly firstTry: Promise<void> = new Promise((resolve) => (this.markTried = resolve));
  private readonly sources: Map<string, SourceConfig>;

  constructor(private readonly options: GrouperOptions) {
    this.sources = new Map(options.config.sources.map((s) => [s.url, s]));
  }

  /** True while this worker is the grouper. */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Competes for the role and groups while holding it, until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    let backoff = 500;
    while (!signal.aborted) {
      let held = false;
      try {
        held = await this.term(signal);
        this.markTried();
        backoff = 500;
      } catch (error) {
        this.markTried();
        const e = toWiredeskError(error);
        this.options.logger.warn('grouper term ended', { error_code: e.code, error: e.message });
        held = false;
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 5_000);
        continue;
      }
      this.markTried();
      // Not the grouper: try again soon, so a dead grouper is replaced within seconds. A plain timer:
      // queue news woke this on every queued article.
      if (!held) await sleep(1_000, signal);
    }
    this.closeLockConnection();
  }

  /**
   * The session that tries for the role, kept between tries: a connection per try (once a second
   * on every worker but the grouper) cost the server a process start each time. A term ends it,
   * which gives the lock back.
   */
  private async lockConnection(): Promise<pg.Client> {
    if (this.lock !== null) return this.lock;
    const client = openPgClient(this.options.url);
    // An idle session that breaks is only dropped: the next try opens another.
    client.on('error', () => {
      if (this.lock === client) this.lock = null;
    });
    client.on('end', () => {
      if (this.lock === client) this.lock = null;
    });
    try {
      await client.connect();
    } catch (error) {
      void client.end().catch(() => undefined);
      throw error;
    }
    this.lock = client;
    return client;
  }

  private closeLockConnection(): void {
    const client = this.lock;
    this.lock = null;
    // Not awaited: the server's side of a closing connection can take a while under load.
    if (client !== null) void client.end().catch(() => undefined);
  }

  /** One term as the grouper; false when another worker holds the role. */
  private async term(signal: AbortSignal): Promise<boolean> {
    const { logger, cluster } = this.options;
    let got = false;
    const asked = performance.now();
    let lockClient: pg.Client;
    try {
      lockClient = await this.lockConnection();
      const connected = performance.now();
      got = (await lockClient.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [GROUPER_LOCK])).rows[0]?.ok === true;
      logger.debug('grouper role tried', { got, connect_ms: Math.round(connected - asked), duration_ms: Math.round(performance.now() - asked) });
    } catch (error) {
      this.closeLockConnection();
      throw error;
    }
    if (!got) return false;
    // The term owns the session from here: it ends with it (the lock goes with the session).
    this.lock = null;
    const lost = new AbortController();
    lockClient.on('error', () => lost.abort());
    lockClient.on('end', () => lost.abort());
    const ping = setInterval(() => lockClient.query('SELECT 1').catch(() => lost.abort()), 1_000);
    const stop = AbortSignal.any([signal, lost.signal]);
    setMaxListeners(0, stop);
    const deferred = new DeferredSyncFs();
    const files = await openFileSink({ outDir: this.options.outDir, clock: this.options.clock, logger, fs: deferred });
    // The grouper's own connections commit asynchronously; its barriers (`flush`) make batches durable.
    const pool = openPgPool({ url: this.options.url, logger, max: 3, asyncCommit: true, ...(this.options.tally ? { tally: this.options.tally } : {}) });
    let epoch: number | null = null;
    let lockedOutput = false;
    try {
      await files.acquireLock();
      lockedOutput = true;
      epoch = await cluster.takeGrouperRole(this.options.worker);
      this.leading = true;
      this.stats.terms += 1;
      if (epoch > 1) this.stats.takeovers += 1;
      logger.info('grouper role taken', { epoch, worker: this.options.worker });
      await this.serve({ epoch, files, deferred, pool }, stop);
      return true;
    } finally {
      this.leading = false;
      clearInterval(ping);
      if (epoch !== null && !lost.signal.aborted) await cluster.leaveGrouperRole(epoch).catch(() => undefined);
      if (lockedOutput) await files.releaseLock().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await lockClient.end().catch(() => undefined);
    }
  }

  private async serve(term: { epoch: number; files: FileSink; deferred: DeferredSyncFs; pool: PgPool }, stop: AbortSignal): Promise<void> {
    const { location, cluster, config, logger, clock } = this.options;
    const { epoch, files, deferred, pool } = term;
    const sink = new PgReaderSink(files, pool, location);
    const state = new PgStateStore(pool, location, async () => undefined);
    state.setFence(epoch);
    state.setKeepIntents(true);
    await restoreLostArticles(files, state, pool);
    await recoverInterruptedCommits(sink, state, logger, config.stories);
    await this.barrier(deferred, state, (await state.pendingIntents()).map((i) => i.articleId));
    // From here an article's reader rows go with its commit: one statement instead of one per row.
    sink.deferRows();
    state.setRowSource(() => sink.takeRows());
    // The catalog's one writer for this term: its commits keep the stories they touch in memory.
    state.cacheStories();
    const index = restoreStoryIndex(await storyIndexOptions(config, this.options.aliases), await state.loadStoryIndex(), location);
    const committer = new Committer({ sink, state, index, joinSeq: await state.nextJoinSeq(), stories: config.stories });
    const written = { articles: new Map<string, ArticleRef>(), stories: new Set<string>(), since: clock.now() };
    let lastReport = Date.now();
    this.markTried();
    while (!stop.aborted) {
      const readAt = Date.now();
      const entries = await this.readQueue(pool);
      if (entries.length === 0) {
        await this.writeReport(sink, written, deferred);
        lastReport = Date.now();
        await cluster.grouperHeartbeat(epoch, 0, null);
        await this.options.idle(250, stop);
        continue;
      }
      const articles = entries.filter((e) => e.kind === 'article').map((e) => ({ entry: e, pending: pendingOf(e.payload as QueuedArticle, this.sources) }));
      articles.sort((a, b) => comparePending(a.pending, b.pending) || a.entry.seq - b.entry.seq);
      const committedIds: string[] = [];
      let lagMax = 0;
      // One catalog read for the batch instead of one per commit (the grouper is the catalog's only writer).
      await state.primeCatalog([...new Set(entries.map((e) => e.articleId))]);
      for (const { entry, pending } of articles) {
        if (stop.aborted) break;
        state.consume(entry.seq);
        note(written, await committer.commit(pending));
        await this.settle(state, entry);
        committedIds.push(pending.articleId);
        const lag = entry.ageMs + (Date.now() - readAt);
        lagMax = Math.max(lagMax, lag);
        this.stats.lagMsMax = Math.max(this.stats.lagMsMax, lag);
        this.stats.lagMsSum += lag;
        this.stats.committed += 1;
      }
      // Known items (another feed's copy, or the article stored already) after the articles of the batch.
      const queuedArticles = await cluster.queuedArticles(entries.filter((e) => e.kind === 'known').map((e) => e.articleId));
      for (const entry of entries) {
        if (entry.kind !== 'known' || stop.aborted) continue;
        if (queuedArticles.has(entry.articleId)) continue; // its article is still queued: settle it after that
        const source = sourceConfigOf((entry.payload as { source: { url: string; name: string } }).source, this.sources);
        state.consume(entry.seq);
        note(written, await committer.recordKnown({ source, key: entry.itemKey, articleId: entry.articleId, at: clock.now().toISOString() }));
        await this.settle(state, entry);
      }
      state.unprimeCatalog();
      await this.barrier(deferred, state, committedIds, sink);
      await cluster.grouperHeartbeat(epoch, committedIds.length, committedIds.length > 0 ? lagMax : null);
      if (Date.now() - lastReport > REPORT_EVERY_MS) {
        await this.writeReport(sink, written, deferred);
        lastReport = Date.now();
      }
    }
  }

  /** Group commit: the batch's files reach the disk, then its intents go (durably, with every commit before). */
  private async barrier(deferred: DeferredSyncFs, state: PgStateStore, articleIds: string[], sink?: PgReaderSink): Promise<void> {
    await sink?.flushRows();
    await deferred.flush();
    await state.clearIntents(articleIds);
  }

  /** The queue's oldest entries with their age by the database's clock. */
  private async readQueue(pool: PgPool): Promise<(QueueEntry & { ageMs: number })[]> {
    const rows = await pool.query<{ seq: number; kind: 'article' | 'known'; article_id: string; feed_url: string; item_key: string; payload: unknown; enqueued_at: Date; age_ms: number }>(
      'SELECT seq, kind, article_id, feed_url, item_key, payload, enqueued_at, (extract(epoch FROM clock_timestamp() - enqueued_at) * 1000)::float8 AS age_ms FROM wd_queue ORDER BY seq LIMIT $1',
      [BATCH],
    );
    return rows.rows.map((r) => ({ seq: r.seq, kind: r.kind, articleId: r.article_id, feedUrl: r.feed_url, itemKey: r.item_key, payload: r.payload, enqueuedAt: r.enqueued_at, ageMs: r.age_ms }));
  }

  /** A queue entry the commit did not delete (a path that wrote nothing) is dropped here. */
  private async settle(state: PgStateStore, entry: QueueEntry): Promise<void> {
    if (state.takeUnconsumed() === entry.seq) await this.options.cluster.dropQueued(entry.seq);
  }

  /** Writes what was committed since the last report, with the source reports workers left. */
  private async writeReport(sink: PgReaderSink, written: { articles: Map<string, ArticleRef>; stories: Set<string>; since: Date }, deferred: DeferredSyncFs): Promise<void> {
    const { cluster, clock } = this.options;
    const rows = await cluster.takeReports(1_000);
    if (rows.length === 0 && written.articles.size === 0) return;
    const finishedAt = clock.now();
    const summary = buildSummary(createRunId(written.since), written.since, finishedAt, rows.map((r) => r.report as SourceRunReport), {
      articles: [...written.articles.values()],
      stories: [...written.stories],
    });
    await sink.writeRunReport(summary);
    await deferred.flush();
    const last = rows[rows.length - 1];
    if (last !== undefined) await cluster.dropReports(last.seq);
    written.articles.clear();
    written.stories.clear();
    written.since = finishedAt;
  }
}

function note(written: { articles: Map<string, ArticleRef>; stories: Set<string> }, result: CommitResult): void {
  for (const a of result.articles) written.articles.set(a.id, a);
  for (const s of result.stories) written.stories.add(s);
  for (const s of result.removedStories) written.stories.delete(s);
}

/** A run report over source reports from any workers and what the grouper wrote meanwhile. */
export function buildSummary(runId: string, startedAt: Date, finishedAt: Date, sources: SourceRunReport[], written: RunSummary['written']): RunSummary {
  const sum = (f: (s: SourceRunReport) => number): number => sources.reduce((acc, s) => acc + f(s), 0);
  const totals = {
    sources: sources.length,
    sourcesFailed: sources.filter((s) => s.status === 'failed').length,
    itemsSeen: sum((s) => s.itemsSeen),
    itemsNew: sum((s) => s.itemsNew),
    articlesWritten: sum((s) => s.articlesWritten),
    failures: sum((s) => s.failures.length + (s.error === null ? 0 : 1)),
  };
  const status: RunSummary['status'] = totals.failures === 0 ? 'ok' : totals.sourcesFailed === sources.length && sources.length > 0 ? 'failed' : 'partial';
  return { schemaVersion: SCHEMA_VERSION, runId, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime(), status, sources, totals, written };
}

/**
 * After a power cut the state may know an article whose file the disk lost (files reach the disk at
 * the batch's barrier; the state may have been flushed by another's commit). Its intent is still
 * there, and the reader row holds the record: the file is written again from it.
 */
async function restoreLostArticles(files: FileSink, state: PgStateStore, pool: PgPool): Promise<void> {
  const intents = await state.pendingIntents();
  const known = await state.articles(intents.map((i) => i.articleId));
  for (const entry of known.values()) {
    const record = await files.readArticle(entry.id, entry.filedDay).catch(() => null);
    if (record !== null) continue;
    const row = (await pool.query<{ record: ArticleRecord | null }>('SELECT record FROM articles WHERE id = $1 AND NOT removed', [entry.id])).rows[0];
    if (row?.record) await files.writeArticle(row.record, entry.filedDay);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    if (signal.aborted) done();
  });
}
