import { WiredeskError } from '../../errors/index.js';
import { createBoardRewriter, openCrawler, pruneOutput, type Crawler } from '../../ops/index.js';
import { createScheduler, nextCronRun, parseDuration, type Scheduler } from '../../schedule/index.js';
import type { Logger } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { createCliLogger } from '../runtime.js';
import { addLogOptions, addOutputOptions, reportCommandError, resolveOutput, type OutputFlags } from '../command-options.js';

/** A run in flight gets this long after SIGINT/SIGTERM to write what it has and save state. */
const STOP_GRACE_MS = 6_000;
/** Past this after the first signal the process stops regardless (the promise: exit within 10 s). */
const STOP_DEADLINE_MS = 9_500;
/** How often `--prune-older-than` prunes. */
const PRUNE_EVERY_MS = 24 * 3_600_000;

interface ScheduleFlags extends OutputFlags {
  pruneOlderThan?: string;
  database?: string;
}

/** `wiredesk schedule`: the long-running daemon; SIGINT/SIGTERM stop it cleanly. */
export function registerScheduleCommand(ctx: CommandContext): void {
  addLogOptions(addOutputOptions(ctx.program.command('schedule').description('run as a daemon: crawl each source on its interval or cron schedule until SIGINT/SIGTERM')))
    .option('--database <url>', 'keep the state in PostgreSQL (postgres://…) instead of SQLite (default: the config\'s "database")')
    .option('--prune-older-than <duration>', 'once a day, between runs, prune what is older than this (e.g. 30d); the daemon holds the lock, so this is how a daemon prunes')
    .action(async (flags: ScheduleFlags) => {
      ctx.setExitCode(await scheduleCommand(ctx, flags));
    });
}

async function scheduleCommand(ctx: CommandContext, flags: ScheduleFlags): Promise<number> {
  const logger = createCliLogger(flags);
  let crawler: Crawler | null = null;
  let detach: () => void = () => undefined;
  try {
    const pruneAgeMs = flags.pruneOlderThan === undefined ? null : parseDuration(flags.pruneOlderThan, '--prune-older-than');
    const { config, outDir, stateDir } = await resolveOutput(flags);
    if (config === null) throw new WiredeskError('CONFIG_INVALID', 'schedule: no config file (config/wiredesk.json not found; pass --config FILE)');
    // Bad cron expressions are config errors: report them now, not at the first due time.
    for (const source of config.sources) if (source.cron !== null) nextCronRun(source.cron, new Date());
    crawler = await openCrawler(config, { outDir, stateDir, database: flags.database ?? config.database, logger });
    const c = crawler;
    const prune = dailyPrune(c, logger);
    const board = createBoardRewriter(c);
    const scheduler = createScheduler({
      config,
      clock: c.clock,
      logger,
      runSources: async (sources, signal) => {
        const report = await c.run({ sources, signal });
        if (!signal.aborted) await board.afterRun(report);
        if (pruneAgeMs !== null && !signal.aborted) await prune.maybe(pruneAgeMs);
        return report;
      },
      readState: async () => ({ sources: Object.fromEntries((await c.state.sources()).map((s) => [s.url, s])) }),
      onPlan: (plan) => c.state.savePlan(plan.map(({ source, next }) => ({ url: source.url, name: source.name, nextDueAt: next.dueAt.toISOString() }))),
    });
    detach = handleSignals(scheduler, logger);
    logger.info('scheduler started', { sources: config.sources.filter((s) => s.enabled).length, out_dir: outDir, pid: process.pid });
    await scheduler.run();
    logger.info('scheduler stopped', { runs: scheduler.runs });
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'schedule', error);
  } finally {
    detach();
    await crawler?.close();
  }
}

/** Prunes at most once a day, between runs (batches never overlap, so nothing is being committed). */
function dailyPrune(crawler: Crawler, logger: Logger): { maybe(ageMs: number): Promise<void> } {
  let lastAt = 0;
  return {
    async maybe(ageMs) {
      const now = crawler.clock.now();
      if (now.getTime() - lastAt < PRUNE_EVERY_MS) return;
      lastAt = now.getTime();
      const result = await pruneOutput(crawler, new Date(now.getTime() - ageMs));
      logger.info('pruned old output', { articles_removed: result.articlesRemoved, stories_removed: result.storiesRemoved, runs_removed: result.runsRemoved, seen_keys_removed: result.seenKeysRemoved });
    },
  };
}

/**
 * First SIGINT/SIGTERM: stop starting work, let the run in flight finish its writes and save the
 * state, and make sure the process is gone within 10 s. A second signal ends it at once: every
 * file is written atomically, so an abrupt end leaves no partial file (the lock is then stale and
 * the next start takes it over).
 */
function handleSignals(scheduler: Scheduler, logger: Logger): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('second signal: exiting at once', { signal });
      terminateWith(signal);
      return;
    }
    stopping = true;
    logger.info('stopping: no new runs; finishing the run in flight', { signal });
    const deadline = setTimeout(() => {
      logger.error('could not stop within the deadline: exiting', { signal, deadline_ms: STOP_DEADLINE_MS });
      terminateWith(signal);
    }, STOP_DEADLINE_MS);
    deadline.unref();
    void scheduler.stop({ graceMs: STOP_GRACE_MS });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

// Restores the default disposition and re-raises: the process ends by the signal, as an
// uncaught SIGTERM would, without this module setting an exit code itself.
function terminateWith(signal: NodeJS.Signals): void {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
}
