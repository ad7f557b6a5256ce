import { loadConfig } from '../../config/index.js';
import { WiredeskError } from '../../errors/index.js';
import { parseListenAddress, startDaemon, type Daemon, type ListenAddress } from '../../ops/index.js';
import { parseDuration } from '../../schedule/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { addLogOptions, addOutputOptions, reportCommandError, resolveOutput, type OutputFlags } from '../command-options.js';
import { createCliLogger } from '../runtime.js';

interface ScheduleFlags extends OutputFlags {
  pruneOlderThan?: string;
  metrics?: string;
  database?: string;
}

/**
 * `wiredesk schedule`: the long-running daemon. SIGINT/SIGTERM (or a closed output) stop it cleanly
 * with exit 0; SIGHUP reloads the config (an invalid one is refused and the running one kept).
 */
export function registerScheduleCommand(ctx: CommandContext): void {
  addLogOptions(addOutputOptions(ctx.program.command('schedule').description('run as a daemon: crawl each source on its interval or cron schedule until SIGINT/SIGTERM; SIGHUP reloads the config')))
    .option('--database <url>', 'keep the state in PostgreSQL (postgres://…) instead of SQLite (default: the config\'s "database")')
    .option('--prune-older-than <duration>', 'once a day prune what is older than this (e.g. 30d); the daemon holds the lock, so this is how a daemon prunes')
    .option('--metrics <host:port>', 'serve Prometheus metrics at /metrics and a health check at /healthz, e.g. 127.0.0.1:9464')
    .action(async (flags: ScheduleFlags) => {
      ctx.setExitCode(await scheduleCommand(ctx, flags));
    });
}

async function scheduleCommand(ctx: CommandContext, flags: ScheduleFlags): Promise<number> {
  const logger = createCliLogger(flags, ctx);
  let pruneOlderThanMs: number | null;
  let metrics: ListenAddress | null;
  try {
    pruneOlderThanMs = flags.pruneOlderThan === undefined ? null : parseDuration(flags.pruneOlderThan, '--prune-older-than');
    metrics = flags.metrics === undefined ? null : parseListenAddress(flags.metrics);
  } catch (error) {
    ctx.err(`wiredesk schedule: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  let daemon: Daemon;
  try {
    const { config, outDir, stateDir } = await resolveOutput(flags);
    if (config === null) throw new WiredeskError('CONFIG_INVALID', 'schedule: no config file (config/wiredesk.json not found; pass --config FILE)');
    const path = config.path;
    daemon = await startDaemon({ config, outDir, stateDir, database: flags.database ?? config.database, logger, pruneOlderThanMs, metrics, ...(path === null ? {} : { reloadConfig: () => loadConfig(path) }) });
  } catch (error) {
    return reportCommandError(ctx, 'schedule', error);
  }
  const onStop = (): void => {
    logger.info('stopping: no new work; requests in flight aborted; writing what is complete', { reason: String(ctx.stop.reason) });
    void daemon.stop();
  };
  const onReload = (): void => void daemon.reload();
  ctx.stop.addEventListener('abort', onStop, { once: true });
  ctx.signals.on('SIGHUP', onReload);
  if (ctx.stop.aborted) onStop();
  try {
    await daemon.done;
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'schedule', error);
  } finally {
    ctx.stop.removeEventListener('abort', onStop);
    ctx.signals.off('SIGHUP', onReload);
  }
}
