import type { SourceConfig, WiredeskConfig } from '../config/index.js';
import { isFatalCode, toWiredeskError } from '../errors/index.js';
import type { Clock, Logger, RunSummary } from '../types/index.js';
import { computeNextDue, type NextDue, type SourceTiming } from './compute-next-due.js';

/** Runs one crawl of the given sources (the CLI wires the pipeline's `runOnce` in here). */
export type RunSources = (sources: SourceConfig[], signal: AbortSignal) => Promise<RunSummary>;

/** The part of the crawler state the scheduler reads (structurally a `CrawlerState`). */
export interface SchedulerStateView {
  sources: Record<string, Partial<SourceTiming>>;
}

/** Options of `createScheduler`. */
export interface SchedulerOptions {
  config: WiredeskConfig;
  clock: Clock;
  logger: Logger;
  runSources: RunSources;
  /** Waits `ms` or until `signal` aborts (default: a real timer). Tests advance a fake clock here. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Uniform [0,1) for jitter (default Math.random). */
  random?: () => number;
  /** Reads the saved crawler state between runs: notBefore, failures and item times the pipeline recorded. */
  readState?: () => Promise<SchedulerStateView | null>;
  /** Longest single wait, so a clock step (suspend, NTP) is noticed (default 60 s). */
  maxSleepMs?: number;
  /**
   * Called after each batch with the new plan, while no run is in flight (the CLI saves the due
   * times into the state here, so `wiredesk status` shows the daemon's own plan, jitter included).
   */
  onPlan?: (plan: PlannedSource[]) => Promise<void>;
}

/** One source's place in the plan. */
export interface PlannedSource {
  source: SourceConfig;
  next: NextDue;
  running: boolean;
}

/** The daemon loop. */
export interface Scheduler {
  /** Runs until `stop()`; rejects only on a fatal error (storage, state, config, lock). */
  run(): Promise<void>;
  /**
   * Stops starting work. A run in flight gets `graceMs` to finish (it writes what it has and saves
   * state), then its signal aborts it. Resolves when `run()` has returned.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** The next due time of every enabled source, soonest first. */
  plan(): Promise<PlannedSource[]>;
  /** Completed batches so far. */
  readonly runs: number;
}

/**
 * Creates the scheduler. Due sources are crawled together in one batch and batches never overlap:
 * each crawl loads and saves the whole state, so two at once would lose each other's updates, and
 * a source is never run twice at once.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, logger } = options;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const maxSleepMs = options.maxSleepMs ?? 60_000;
  const sources = options.config.sources.filter((s) => s.enabled);
  /** What this process saw itself, for when the state is unavailable or behind. */
  const memory = new Map<string, SourceTiming>();
  /** One jitter draw per source and last run, so the due time does not move on every look. */
  const draws = new Map<string, { forRun: string | null; value: number }>();
  const running = new Set<string>();
  let stopping = false;
  let runs = 0;
  let wake = new AbortController();
  let runAbort = new AbortController();
  let loop: Promise<void> | null = null;
  /** When planning started: a cron source that never ran is due at its first slot after this. */
  let since = clock.now();

  const timingOf = async (): Promise<Map<string, SourceTiming>> => {
    let state: SchedulerStateView | null = null;
    try {
      state = (await options.readState?.()) ?? null;
    } catch (error) {
      const e = toWiredeskError(error);
      if (isFatalCode(e.code)) throw e;
      logger.warn('could not read state for scheduling; using what this process saw', { error_code: e.code, error: e.message });
    }
    const timings = new Map<string, SourceTiming>();
    for (const source of sources) timings.set(source.url, mergeTiming(state?.sources[source.url], memory.get(source.url)));
    return timings;
  };

  const planAt = async (now: Date): Promise<PlannedSource[]> => {
    const timings = await timingOf();
    return sources
      .map((source) => {
        const timing = timings.get(source.url) ?? mergeTiming(undefined, undefined);
        return { source, next: computeNextDue({ source, timing, schedule: options.config.schedule, now, since, random: drawFor(source.url, timing.lastRunAt) }), running: running.has(source.url) };
      })
      .sort((a, b) => a.next.dueAt.getTime() - b.next.dueAt.getTime());
  };

  const drawFor = (url: string, lastRunAt: string | null): number => {
    const draw = draws.get(url);
    if (draw !== undefined && draw.forRun === lastRunAt) return draw.value;
    const value = random();
    draws.set(url, { forRun: lastRunAt, value });
    return value;
  };

  const runBatch = async (batch: SourceConfig[]): Promise<void> => {
    const startedAt = clock.now().toISOString();
    for (const s of batch) running.add(s.url);
    logger.info('scheduled run starting', { sources: batch.map((s) => s.name) });
    try {
      const report = await options.runSources(batch, runAbort.signal);
      for (const s of batch) {
        const outcome = report.sources.find((r) => r.url === s.url);
        const before = memory.get(s.url) ?? mergeTiming(undefined, undefined);
        const failed = outcome?.status === 'failed';
        memory.set(s.url, {
          lastRunAt: startedAt,
          notBefore: outcome?.notBefore ?? null,
          consecutiveFailures: failed ? before.consecutiveFailures + 1 : 0,
          recentItemTimes: before.recentItemTimes,
        });
      }
      logger.info('scheduled run finished', { run_id: report.runId, status: report.status, articles_written: report.totals.articlesWritten });
    } catch (error) {
      const e = toWiredeskError(error);
      if (isFatalCode(e.code)) throw e;
      logger.error('scheduled run failed', { error_code: e.code, error: e.message });
      for (const s of batch) {
        const before = memory.get(s.url) ?? mergeTiming(undefined, undefined);
        memory.set(s.url, { ...before, lastRunAt: startedAt, consecutiveFailures: before.consecutiveFailures + 1 });
      }
    } finally {
      for (const s of batch) running.delete(s.url);
      runs++;
    }
  };

  const recordPlan = async (onPlan: (plan: PlannedSource[]) => Promise<void>): Promise<void> => {
    try {
      await onPlan(await planAt(clock.now()));
    } catch (error) {
      const e = toWiredeskError(error);
      if (isFatalCode(e.code)) throw e;
      logger.warn('could not record the schedule', { error_code: e.code, error: e.message });
    }
  };

  const mainLoop = async (): Promise<void> => {
    while (!stopping) {
      const now = clock.now();
      const plan = await planAt(now);
      const due = plan.filter((p) => !p.running && p.next.dueAt.getTime() <= now.getTime()).map((p) => p.source);
      if (due.length > 0) {
        await runBatch(due);
        if (options.onPlan && !stopping) await recordPlan(options.onPlan);
        continue;
      }
      const soonest = plan[0]?.next.dueAt.getTime() ?? now.getTime() + maxSleepMs;
      const waitMs = Math.min(Math.max(soonest - now.getTime(), 0), maxSleepMs);
      logger.debug('scheduler waiting', { wait_ms: waitMs, next_source: plan[0]?.source.name ?? null });
      await sleep(Math.max(waitMs, 1), wake.signal).catch(() => undefined);
    }
  };

  return {
    run() {
      if (loop === null) {
        stopping = false;
        since = clock.now();
        wake = new AbortController();
        runAbort = new AbortController();
        loop = mainLoop().finally(() => (loop = null));
      }
      return loop;
    },
    async stop(stopOptions = {}) {
      stopping = true;
      wake.abort();
      const current = loop;
      if (current === null) return;
      const grace = setTimeout(() => runAbort.abort(), stopOptions.graceMs ?? 7_000);
      grace.unref?.();
      try {
        await current.catch(() => undefined);
      } finally {
        clearTimeout(grace);
      }
    },
    plan: () => planAt(clock.now()),
    get runs() {
      return runs;
    },
  };
}

/** The state's view of a source, with this process's own observations filling gaps or newer facts. */
function mergeTiming(saved: Partial<SourceTiming> | undefined, seen: SourceTiming | undefined): SourceTiming {
  return {
    lastRunAt: later(saved?.lastRunAt ?? null, seen?.lastRunAt ?? null),
    notBefore: later(saved?.notBefore ?? null, seen?.notBefore ?? null),
    consecutiveFailures: saved?.consecutiveFailures ?? seen?.consecutiveFailures ?? 0,
    recentItemTimes: saved?.recentItemTimes ?? seen?.recentItemTimes ?? [],
  };
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** A real timer that ends early when `signal` aborts; unref'd so it never keeps a stopping process alive. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
