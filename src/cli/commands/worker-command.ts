import { resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { WiredeskError } from '../../errors/index.js';
import { runClusterWorker } from '../../ops/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { addLogOptions, reportCommandError } from '../command-options.js';
import { createCliLogger, type LogFlags } from '../runtime.js';

interface WorkerFlags extends LogFlags {
  config: string;
  out?: string;
  database?: string;
  once?: boolean;
  sourcesInFlight?: string;
}

/** Past this after the first signal the worker exits regardless. */
const STOP_DEADLINE_MS = 9_500;

/** `wiredesk worker`: one worker of a cluster sharing a PostgreSQL database. */
export function registerWorkerCommand(ctx: CommandContext): void {
  const command = ctx.program
    .command('worker')
    .description('join a cluster of crawlers sharing one PostgreSQL database (any number, on any machines; one alone is a complete crawler)')
    .option('-c, --config <file>', 'config file', 'config/wiredesk.json')
    .option('-o, --out <dir>', 'output directory the grouper writes (default: config outDir, else ./out; shared storage when workers run on several machines)')
    .option('--database <url>', 'postgres://user@host:port/db (default: the config\'s "database")')
    .option('--once', 'crawl every enabled source once across the cluster, then exit when no work is left (default: run as a daemon)')
    .option('--sources-in-flight <n>', 'sources this worker crawls at once (default 128)');
  addLogOptions(command).action(async (flags: WorkerFlags) => {
    ctx.setExitCode(await workerCommand(ctx, flags));
  });
}

async function workerCommand(ctx: CommandContext, flags: WorkerFlags): Promise<number> {
  const logger = createCliLogger(flags, ctx);
  const stop = new AbortController();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    stopping = true;
    logger.info('stopping: no new sources; giving leases back', { signal });
    stop.abort();
    setTimeout(() => {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }, STOP_DEADLINE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const config = await loadConfig(flags.config);
    const database = flags.database ?? config.database;
    if (!database) throw new WiredeskError('CONFIG_INVALID', 'worker: no database: pass --database postgres://… or set "database" in the config');
    const inFlight = flags.sourcesInFlight === undefined ? undefined : Number(flags.sourcesInFlight);
    if (inFlight !== undefined && !(Number.isInteger(inFlight) && inFlight > 0)) throw new WiredeskError('CONFIG_INVALID', `worker: --sources-in-flight must be a positive integer, got ${flags.sourcesInFlight}`);
    const result = await runClusterWorker(config, {
      outDir: resolve(flags.out ?? config.outDir ?? 'out'),
      database,
      once: flags.once === true,
      logger,
      signal: stop.signal,
      ...(inFlight !== undefined ? { sourcesInFlight: inFlight } : {}),
    });
    const failed = result.reports.some((r) => r.status === 'failed' || r.failures.length > 0);
    return failed ? EXIT.PARTIAL : EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'worker', error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
