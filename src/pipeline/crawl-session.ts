import { setMaxListeners } from 'node:events';
import type { SourceConfig } from '../config/index.js';
import { isFatalCode, toWiredeskError } from '../errors/index.js';
import type { RunSummary, SourceRunReport } from '../types/index.js';
import { CommitQueue } from './commit-queue.js';
import { crawlSource, type SourceCrawlContext } from './crawl-source.js';
import type { RunDeps } from './pipeline-types.js';
import { stateView } from './run-once.js';
import { RunWindow } from './run-window.js';
import type { SourceGate } from './source-gate.js';

/** What a session needs: a crawler's run dependencies, with its shared admission gate. */
export type CrawlSessionDeps = Omit<RunDeps, 'sources' | 'signal' | 'onProgress' | 'gate'> & { gate: SourceGate };

/** Options of a crawl session. */
export interface CrawlSessionOptions {
  /** A run report covers the sources finished in this period (default one minute). */
  reportEveryMs?: number;
  /** Told of each report once it is written (the board is rewritten here); its failures are logged, not fatal. */
  onReport?: (summary: RunSummary) => Promise<void> | void;
}

/** The daemon's default reporting period: one report a minute at most, whatever the number of sources. */
export const DEFAULT_REPORT_EVERY_MS = 60_000;

/**
 * The daemon's continuous mode: each source is crawled on its own as soon as it is due, next to the
 * ones still in flight (no batches, so a slow feed holds nobody back), through the crawler's shared
 * admission gate, pacer and committer. Run reports cover periods: the sources finished since the
 * last report, with the files their commits wrote, go into one report when the session falls idle
 * (nothing in flight) and the last report is at least `reportEveryMs` old, else at the latest every
 * `reportEveryMs` while it stays busy; none when nothing finished. `close` writes the last one. So
 * the first crawl after start-up is reported as soon as it is done, and a thousand sources polled
 * all day give at most one report a minute.
 */
export class CrawlSession {
  #deps: CrawlSessionDeps;
  readonly #queue: CommitQueue;
  readonly #context: SourceCrawlContext;
  readonly #timer: NodeJS.Timeout;
  readonly #inFlight = new Set<Promise<unknown>>();
  #window: RunWindow;
  #fetching = 0;
  #order = 0;
  /** Report writes, one after the other. */
  #writing: Promise<unknown> = Promise.resolve();
  /** A fatal error (storage) seen by a crawl or a report write: the session refuses further work. */
  #fatal: unknown = null;
  #closed = false;
  readonly #reportEveryMs: number;
  readonly #onReport: CrawlSessionOptions['onReport'];
  #lastReportAt = -Infinity;

  constructor(deps: CrawlSessionDeps, options: CrawlSessionOptions = {}) {
    this.#deps = deps;
    this.#window = new RunWindow(deps.clock.now());
    this.#queue = new CommitQueue(deps.committer, deps.config.stories.commitHoldMs, (result) => this.#window.addWritten(result));
    this.#context = {
      queue: this.#queue,
      view: stateView(deps.state),
      onWritten: (result) => this.#window.addWritten(result),
      fetched: () => {
        // Nothing of any source in flight is still fetching: commit what waits now.
        if (--this.#fetching === 0) this.#queue.flush();
      },
    };
    this.#reportEveryMs = options.reportEveryMs ?? DEFAULT_REPORT_EVERY_MS;
    this.#onReport = options.onReport;
    this.#timer = setInterval(() => void this.report().catch(() => undefined), this.#reportEveryMs);
    this.#timer.unref();
  }

  /** Takes a reloaded config for the crawls that start from now on (sources, site rules). */
  configure(config: CrawlSessionDeps['config']): void {
    this.#deps = { ...this.#deps, config };
  }

  /** Sources being crawled (admitted or waiting for admission). */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /**
   * Crawls one source now (once the gate admits it). `signal` stops it: no new request starts, the
   * ones in flight are aborted, what was extracted is committed. Rejects only with a fatal error.
   */
  crawl(source: SourceConfig, signal?: AbortSignal): Promise<SourceRunReport> {
    if (this.#fatal !== null) return Promise.reject(this.#fatal);
    const order = this.#order++;
    this.#fetching++;
    const onAbort = (): void => this.#queue.flush();
    // Each source in flight and each of its extractions listen to the stop signal while they run (and
    // let go after): bounded by the configured concurrency, not a leak, so Node's warning past 10 is off.
    if (signal !== undefined) setMaxListeners(0, signal);
    signal?.addEventListener('abort', onAbort, { once: true });
    const deps: RunDeps = { ...this.#deps, ...(signal ? { signal } : {}) };
    const crawl = this.#deps.gate
      .run(source.url, () => crawlSource(deps, source, order, this.#context))
      .then(
        (report) => {
          this.#window.addSource(order, report);
          return report;
        },
        (error: unknown) => {
          if (isFatalCode(toWiredeskError(error).code)) this.#fatal ??= error;
          throw error;
        },
      )
      .finally(() => signal?.removeEventListener('abort', onAbort));
    const tracked = crawl.catch(() => undefined);
    this.#inFlight.add(tracked);
    void tracked.finally(() => {
      this.#inFlight.delete(tracked);
      const idle = this.#inFlight.size === 0 && !this.#closed;
      if (idle && this.#deps.clock.now().getTime() - this.#lastReportAt >= this.#reportEveryMs) void this.report().catch(() => undefined);
    });
    return crawl;
  }

  /**
   * Writes the report of the sources finished since the last one and starts the next period;
   * null (and nothing written) when none finished. Rejects with a storage error.
   */
  report(): Promise<RunSummary | null> {
    const next = this.#writing.then(async () => {
      if (this.#window.size === 0) return null;
      const window = this.#window;
      const now = this.#deps.clock.now();
      this.#window = new RunWindow(now);
      this.#lastReportAt = now.getTime();
      const summary = window.summary(now);
      try {
        // The report names the story files of its commits: those a batch holds are written first.
        await this.#deps.committer.flushStories();
        await this.#deps.sink.writeRunReport(summary);
      } catch (error) {
        this.#fatal ??= error;
        throw error;
      }
      this.#deps.logger.info('run report written', { run_id: summary.runId, status: summary.status, sources: summary.totals.sources, articles_written: summary.totals.articlesWritten, failures: summary.totals.failures });
      try {
        await this.#onReport?.(summary);
      } catch (error) {
        this.#deps.logger.warn('after-report hook failed', { run_id: summary.runId, error_code: toWiredeskError(error).code, error: (error as Error).message });
      }
      return summary;
    });
    this.#writing = next.catch(() => undefined);
    return next;
  }

  /**
   * Waits for the crawls in flight (stop them first with their signals), then writes the last
   * report. Safe to call twice.
   */
  async close(): Promise<RunSummary | null> {
    if (!this.#closed) {
      this.#closed = true;
      clearInterval(this.#timer);
    }
    this.#queue.flush();
    await Promise.all([...this.#inFlight]);
    return this.report();
  }
}
