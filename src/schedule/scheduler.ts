import { setMaxListeners } from 'node:events';
import type { SourceConfig, WiredeskConfig } from '../config/index.js';
import { isFatalCode, toWiredeskError } from '../errors/index.js';
import type { Clock, Logger, SourceRunReport } from '../types/index.js';
import type { NextDue, SourceTiming } from './compute-next-due.js';
import { SourceTimings } from './source-timings.js';

/** Crawls one source (the CLI wires the crawler's continuous session in here). */
export type RunSource = (source: SourceConfig, signal: AbortSignal) => Promise<SourceRunReport>;

/** The part of the crawler state the scheduler reads (structurally a `CrawlerState`). */
export interface SchedulerStateView {
  sources: Record<string, Partial<SourceTiming>>;
}

/** Options of `createScheduler`. */
export interface SchedulerOptions {
  config: WiredeskConfig;
  clock: Clock;
  logger: Logger;
  runSource: RunSource;
  /** Waits `ms` or until `signal` aborts (default: a real timer). Tests advance a fake clock here. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Uniform [0,1) for jitter (default Math.random). */
  random?: () => number;
  /** Reads the saved state of every source: at start and after a reload. */
  readState?: () => Promise<SchedulerStateView | null>;
  /** Reads one source's saved state after it ran (notBefore, failures, item times the pipeline recorded). */
  readSource?: (url: string) => Promise<Partial<SourceTiming> | null>;
  /** Longest single wait, so a clock step (suspend, NTP) is noticed (default 60 s). */
  maxSleepMs?: number;
  /**
   * Called with the plan at most every `planEveryMs` while it changes, and once when stopping (the
   * CLI saves the due times into the state here, so `wiredesk status` shows the daemon's own plan).
   */
  onPlan?: (plan: PlannedSource[]) => Promise<void>;
  /** Default 5 s. */
  planEveryMs?: number;
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
   * Stops at once: no source starts any more and the ones in flight are told to stop (their signal
   * aborts: requests are cut, what was extracted is committed). Resolves when `run()` has returned.
   */
  stop(): Promise<void>;
  /**
   * Takes a new config: added sources are planned (a new cron source from its first slot after
   * now), removed or disabled ones are no longer started; one in flight finishes its crawl.
   */
  reload(config: WiredeskConfig): void;
  /** The next due time of every enabled source, soonest first. */
  plan(): Promise<PlannedSource[]>;
  /** Source crawls finished so far. */
  readonly runs: number;
  /** Source crawls in flight now. */
  readonly running: number;
}

/**
 * Creates the scheduler. Each source is started on its own as soon as it is due, whatever else is
 * still in flight (a feed that hangs until its timeout holds back nobody), and never twice at once.
 * How many crawl at the same time is the crawler's business (its admission gate and pacer).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, logger } = options;
  const sleep = options.sleep ?? abortableSleep;
  const maxSleepMs = options.maxSleepMs ?? 60_000;
  const planEveryMs = options.planEveryMs ?? 5_000;
  let config = options.config;
  const timings = new SourceTimings(options.random ?? Math.random);
  const running = new Map<string, Promise<void>>();
  let stopping = false;
  let fatal: unknown = null;
  let runs = 0;
  let wake = new AbortController();
  // Every source in flight listens to this one signal (bounded by the source concurrency, not a leak).
  const stopController = (): AbortController => {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  };
  let stopAll = stopController();
  let loop: Promise<void> | null = null;
  // Without an onPlan there is nothing to record, so the plan is never waiting to be handed over.
  let planDirty = options.onPlan !== undefined;
  let lastPlanAt = -Infinity;
  let stateToLoad = true;

  const enabled = (): SourceConfig[] => config.sources.filter((s) => s.enabled);

  const loadState = async (): Promise<void> => {
    stateToLoad = false;
    try {
      const state = (await options.readState?.()) ?? null;
      if (state !== null) for (const [url, saved] of Object.entries(state.sources)) timings.saved(url, saved);
    } catch (error) {
      const e = toWiredeskError(error);
      if (isFatalCode(e.code)) throw e;
      logger.warn('could not read state for scheduling; using what this process saw', { error_code: e.code, error: e.message });
    }
  };

  const planAt = (now: Date): PlannedSource[] =>
    enabled()
      .map((source) => ({ source, next: timings.nextDue(source, config.schedule, now), running: running.has(source.url) }))
      .sort((a, b) => a.next.dueAt.getTime() - b.next.dueAt.getTime());

  const start = (source: SourceConfig): void => {
    const startedAt = clock.now().toISOString();
    logger.debug('source starting', { source: source.name, feed_url: source.url });
    const crawl = options
      .runSource(source, stopAll.signal)
      .then(
        (report) => timings.ran(source.url, startedAt, report.status === 'failed', report.notBefore),
        (error: unknown) => {
          const e = toWiredeskError(error);
          if (isFatalCode(e.code)) {
            fatal ??= e;
            stopping = true;
            stopAll.abort();
            return;
          }
          logger.error('source crawl failed', { source: source.name, feed_url: source.url, error_code: e.code, error: e.message });
          timings.ran(source.url, startedAt, true, null);
        },
      )
      .then(async () => {
        if (options.readSource === undefined || fatal !== null) return;
        try {
          const saved = await options.readSource(source.url);
          if (saved !== null) timings.saved(source.url, saved);
        } catch (error) {
          logger.warn('could not read a source state for scheduling', { source: source.name, error_code: toWiredeskError(error).code });
        }
      })
      .finally(() => {
        running.delete(source.url);
        runs++;
        planDirty = options.onPlan !== undefined;
        wake.abort();
      });
    running.set(source.url, crawl);
  };

  const recordPlan = async (): Promise<void> => {
    if (options.onPlan === undefined) return;
    planDirty = false;
    lastPlanAt = clock.now().getTime();
    try {
      await options.onPlan(planAt(clock.now()));
    } catch (error) {
      const e = toWiredeskError(error);
      if (isFatalCode(e.code)) throw e;
      logger.warn('could not record the schedule', { error_code: e.code, error: e.message });
    }
  };

  const mainLoop = async (): Promise<void> => {
    try {
      while (!stopping) {
        if (wake.signal.aborted) wake = new AbortController();
        if (stateToLoad) await loadState();
        const now = clock.now();
        const plan = planAt(now);
        for (const p of plan) if (!p.running && p.next.dueAt.getTime() <= now.getTime() && !stopping) start(p.source);
        if (planDirty && now.getTime() - lastPlanAt >= planEveryMs) await recordPlan();
        const waiting = plan.filter((p) => !running.has(p.source.url));
        const soonest = waiting[0]?.next.dueAt.getTime() ?? now.getTime() + maxSleepMs;
        const untilPlan = planDirty ? Math.max(lastPlanAt + planEveryMs - now.getTime(), 1) : maxSleepMs;
        const waitMs = Math.min(Math.max(soonest - now.getTime(), 0), maxSleepMs, untilPlan);
        logger.debug('scheduler waiting', { wait_ms: waitMs, next_source: waiting[0]?.source.name ?? null, in_flight: running.size });
        if (!stopping) await sleep(Math.max(waitMs, 1), wake.signal).catch(() => undefined);
      }
    } finally {
      stopAll.abort();
      await Promise.all(running.values());
    }
    if (fatal !== null) throw fatal;
    if (planDirty) await recordPlan();
  };

  return {
    run() {
      if (loop === null) {
        stopping = false;
        fatal = null;
        stateToLoad = true;
        wake = new AbortController();
        stopAll = stopController();
        const now = clock.now();
        for (const source of enabled()) timings.added(source.url, now);
        loop = mainLoop().finally(() => (loop = null));
      }
      return loop;
    },
    async stop() {
      stopping = true;
      stopAll.abort();
      wake.abort();
      await loop?.catch(() => undefined);
    },
    reload(next) {
      const before = new Set(enabled().map((s) => s.url));
      config = next;
      const now = clock.now();
      for (const source of enabled()) if (!before.has(source.url)) timings.added(source.url, now);
      stateToLoad = true;
      planDirty = options.onPlan !== undefined;
      wake.abort();
    },
    plan: async () => {
      if (stateToLoad && loop === null) await loadState();
      return planAt(clock.now());
    },
    get runs() {
      return runs;
    },
    get running() {
      return running.size;
    },
  };
}

/** A real timer that ends early when `signal` aborts (stop, a finished source, a reload). */
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
