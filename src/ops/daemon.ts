import type { WiredeskConfig } from '../config/index.js';
import { toWiredeskError, type WiredeskError } from '../errors/index.js';
import type { Fetcher } from '../fetch/index.js';
import { createScheduler } from '../schedule/index.js';
import { systemClock, type Clock, type Logger, type RunSummary } from '../types/index.js';
import { createDaemonMetrics, type DaemonMetrics } from './daemon-metrics.js';
import { startMetricsServer, type ListenAddress, type MetricsServer } from './metrics-server.js';
import { openCrawler, type Crawler } from './open-crawler.js';
import type { StoreLocation } from './open-stores.js';
import { pruneOutput } from './prune-output.js';
import { createBoardRewriter } from './rewrite-board.js';

/** How often `pruneOlderThanMs` prunes. */
const PRUNE_EVERY_MS = 24 * 3_600_000;

/** Options of `startDaemon`. */
export interface DaemonOptions extends StoreLocation {
  config: WiredeskConfig;
  logger: Logger;
  clock?: Clock;
  /** Reads the config again for `reload()` (SIGHUP); without it a reload is refused. */
  reloadConfig?: () => Promise<WiredeskConfig>;
  /** Once a day, prune what is older than this (the daemon holds the lock, so this is how it prunes). */
  pruneOlderThanMs?: number | null;
  /** Serve `/metrics` and `/healthz` here. */
  metrics?: ListenAddress | null;
  /** Reporting period of the continuous mode (default one minute). */
  reportEveryMs?: number;
  /** Told of each run report once written (e.g. to rewrite a board); failures are logged, not fatal. */
  onReport?: (summary: RunSummary) => Promise<void> | void;
  /** Injected fetcher (tests). */
  fetcher?: Fetcher;
}

/** What a reload did. */
export type ReloadResult =
  | { ok: true; added: string[]; removed: string[]; restartNeeded: string[] }
  | { ok: false; error: WiredeskError };

/** A running daemon. */
export interface Daemon {
  /** Resolves once stopped and closed (report written, lock released); rejects with a fatal error. */
  readonly done: Promise<void>;
  /** Where `/metrics` and `/healthz` are served (`host:port`), when asked for. */
  readonly metricsAddress: string | null;
  /** Stops at once: nothing new starts, requests in flight are aborted, what is complete is written. */
  stop(): Promise<void>;
  /** Reads the config again; an invalid one is refused and the running one kept. */
  reload(): Promise<ReloadResult>;
}

/**
 * Starts the daemon on an output directory: opens the crawler (taking its lock), the metrics
 * endpoint if asked for, and the scheduler, which crawls each source on its own as it falls due
 * through the crawler's continuous session (a run report per reporting period).
 */
export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  let metrics: DaemonMetrics | null = null;
  let scheduled: { running: number } = { running: 0 };
  let crawlerRef: Crawler | null = null;
  if (options.metrics) {
    metrics = await createDaemonMetrics(() => ({ ...(crawlerRef?.load() ?? { sourcesActive: 0, sourcesWaiting: 0, requestsQueued: 0 }), sourcesRunning: scheduled.running }));
  }
  const crawler = await openCrawler(options.config, {
    outDir: options.outDir,
    stateDir: options.stateDir ?? null,
    database: options.database ?? null,
    logger,
    clock,
    ...(options.fetcher ? { fetcher: options.fetcher } : {}),
    ...(metrics ? { onFetch: (kind: 'feed' | 'article', seconds: number) => metrics?.fetched(kind, seconds) } : {}),
  });
  crawlerRef = crawler;
  let server: MetricsServer | null = null;
  let state: 'running' | 'stopping' | 'failed' = 'running';
  try {
    metrics?.sourcesLoaded(await crawler.state.sources());
    if (options.metrics && metrics) {
      const m = metrics;
      server = await startMetricsServer(options.metrics, m.registry, () => ({
        healthy: state === 'running',
        detail: { state, sources: crawler.config.sources.filter((s) => s.enabled).length, running: scheduled.running, ...crawler.load() },
      }));
      logger.info('metrics listening', { metrics_address: server.address });
    }
  } catch (error) {
    await crawler.close();
    throw error;
  }

  // After each report the board and story feeds are rewritten (output.board), unless the caller says otherwise.
  const board = createBoardRewriter(crawler);
  const session = crawler.openSession({
    ...(options.reportEveryMs === undefined ? {} : { reportEveryMs: options.reportEveryMs }),
    onReport: options.onReport ?? ((summary) => board.afterRun(summary)),
  });
  const scheduler = createScheduler({
    config: crawler.config,
    clock,
    logger,
    runSource: async (source, signal) => {
      const report = await session.crawl(source, signal);
      metrics?.sourceDone(report, clock.now());
      return report;
    },
    readState: async () => ({ sources: Object.fromEntries((await crawler.state.sources()).map((s) => [s.url, s])) }),
    readSource: (url) => crawler.state.source(url),
    onPlan: (plan) => crawler.state.savePlan(plan.map(({ source, next }) => ({ url: source.url, name: source.name, nextDueAt: next.dueAt.toISOString() }))),
  });
  scheduled = scheduler;
  const prune = schedulePrune(crawler, options.pruneOlderThanMs ?? null, logger);
  logger.info('scheduler started', { sources: crawler.config.sources.filter((s) => s.enabled).length, out_dir: crawler.sink.location, pid: process.pid });

  const done = (async () => {
    try {
      await scheduler.run();
    } catch (error) {
      state = 'failed';
      throw error;
    } finally {
      state = state === 'failed' ? 'failed' : 'stopping';
      prune.stop();
      // The last report, then the endpoint, then sockets, workers, state and lock.
      await session.close().catch((error: unknown) => logger.error('could not write the last run report', { error_code: toWiredeskError(error).code }));
      await board.close().catch((error: unknown) => logger.error('could not write the board', { error_code: toWiredeskError(error).code }));
      await server?.close();
      await crawler.close();
      logger.info('scheduler stopped', { runs: scheduler.runs });
    }
  })();

  return {
    done,
    metricsAddress: server?.address ?? null,
    async stop() {
      if (state === 'running') state = 'stopping';
      await scheduler.stop();
      await done.catch(() => undefined);
    },
    async reload() {
      let next: WiredeskConfig;
      try {
        if (!options.reloadConfig) throw new Error('this daemon has no config file to read again');
        next = await options.reloadConfig();
      } catch (error) {
        const e = toWiredeskError(error, 'CONFIG_INVALID');
        metrics?.reloaded(false);
        logger.error('config reload refused; the running config is kept', { error_code: e.code, error: e.message });
        return { ok: false, error: e };
      }
      const before = new Set(crawler.config.sources.filter((s) => s.enabled).map((s) => s.url));
      const after = new Set(next.sources.filter((s) => s.enabled).map((s) => s.url));
      const added = [...after].filter((url) => !before.has(url));
      const removed = [...before].filter((url) => !after.has(url));
      const restartNeeded = crawler.reconfigure(next);
      scheduler.reload(next);
      metrics?.reloaded(true);
      logger.info('config reloaded', { sources: after.size, sources_added: added.length, sources_removed: removed.length, ...(restartNeeded.length > 0 ? { restart_needed_for: restartNeeded } : {}) });
      return { ok: true, added, removed, restartNeeded };
    },
  };
}

/** Prunes soon after start, then once a day, each time between commits (the committer waits). */
function schedulePrune(crawler: Crawler, ageMs: number | null, logger: Logger): { stop(): void } {
  if (ageMs === null) return { stop: () => undefined };
  const prune = async (): Promise<void> => {
    try {
      const cutoff = new Date(crawler.clock.now().getTime() - ageMs);
      const result = await crawler.exclusive(() => pruneOutput({ sink: crawler.sink, state: crawler.state, stories: crawler.config.stories }, cutoff));
      logger.info('pruned old output', { articles_removed: result.articlesRemoved, stories_removed: result.storiesRemoved, runs_removed: result.runsRemoved, seen_keys_removed: result.seenKeysRemoved });
    } catch (error) {
      const e = toWiredeskError(error);
      logger.error('prune failed', { error_code: e.code, error: e.message });
    }
  };
  const first = setTimeout(() => void prune(), 60_000);
  const daily = setInterval(() => void prune(), PRUNE_EVERY_MS);
  first.unref();
  daily.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
