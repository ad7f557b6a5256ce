import { DEFAULT_SCHEDULE } from '../../config/index.js';
import { clusterStatus, openSink, openStateReadonly, outputStatus, renderClusterStatus, type OutputStatus } from '../../ops/index.js';
import { systemClock } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { renderTable } from '../render-table.js';
import { createCliLogger } from '../runtime.js';
import { addOutputOptions, reportCommandError, resolveOutput, type OutputFlags } from '../command-options.js';

const DAY_MS = 86_400_000;

interface StatusFlags extends OutputFlags {
  json?: boolean;
  database?: string;
}

/** `wiredesk status`: per source last success, last error, next due and articles of the last 24 h. */
export function registerStatusCommand(ctx: CommandContext): void {
  addOutputOptions(ctx.program.command('status').description('per source: last success, last error, next due time, articles in the last 24 h'))
    .option('--json', 'print JSON instead of a table')
    .option('--database <url>', 'show the cluster on this PostgreSQL database (workers, grouper, due sources, hosts in back-off, queue)')
    .action(async (flags: StatusFlags) => {
      ctx.setExitCode(await statusCommand(ctx, flags));
    });
}

async function statusCommand(ctx: CommandContext, flags: StatusFlags): Promise<number> {
  try {
    const now = systemClock.now();
    if (flags.database !== undefined) {
      const cluster = await clusterStatus(flags.database, createCliLogger({ ...flags, quiet: true }, ctx));
      ctx.out(flags.json ? JSON.stringify(cluster, null, 2) + '\n' : renderClusterStatus(cluster, now));
      return EXIT.OK;
    }
    const output = await resolveOutput(flags);
    const sink = await openSink(output, { clock: systemClock, logger: createCliLogger({ ...flags, quiet: true }, ctx) });
    const state = openStateReadonly(output);
    try {
      const status = await outputStatus({ sink, state, configured: output.config?.sources.filter((s) => s.enabled) ?? [], schedule: output.config?.schedule ?? DEFAULT_SCHEDULE, now });
      ctx.out(flags.json ? JSON.stringify(status, null, 2) + '\n' : renderStatus(status, now));
      return EXIT.OK;
    } finally {
      await state?.close();
    }
  } catch (error) {
    return reportCommandError(ctx, 'status', error);
  }
}

function renderStatus(status: OutputStatus, now: Date): string {
  const lines = [`output ${status.output}; state ${status.state ?? 'none yet'}`];
  // The lock says whether a crawler (run or schedule) is working on this directory right now.
  const crawler = status.crawler;
  lines.push(crawler ? `crawler running: pid ${crawler.pid} on ${crawler.hostname}, since ${relative(crawler.startedAt, now)}` : 'no crawler running');
  const latest = status.latestRun;
  lines.push(latest ? `latest run ${latest.runId}: ${latest.status}, finished ${relative(latest.finishedAt, now)}` : 'no completed run yet');
  if (status.sources.length === 0) return lines.join('\n') + '\nno sources configured or remembered\n';
  const rows = status.sources.map((s) => [
    s.name + (s.inConfig ? '' : ' (not in config)'),
    s.lastSuccessAt ? relative(s.lastSuccessAt, now) : 'never',
    s.lastError ? `${s.lastError.code}: ${s.lastError.message}${s.consecutiveFailures > 1 ? ` (${s.consecutiveFailures}× in a row)` : ''}` : '',
    s.nextDueAt ? `${relative(s.nextDueAt, now)}${s.nextDueReason === 'backoff' || s.nextDueReason === 'not-before' ? ` (${s.nextDueReason})` : ''}` : '-',
    String(s.articlesLast24h),
  ]);
  return lines.join('\n') + '\n\n' + renderTable(['source', 'last success', 'last error', 'next due', 'articles 24h'], rows, 60);
}

/** "5 min ago", "in 2 h", "now": operators read relative times faster than ISO stamps. */
function relative(iso: string, now: Date): string {
  const diff = Date.parse(iso) - now.getTime();
  if (!Number.isFinite(diff)) return iso;
  const abs = Math.abs(diff);
  if (abs < 60_000) return 'now';
  const text = abs < 3_600_000 ? `${Math.round(abs / 60_000)} min` : abs < 2 * DAY_MS ? `${(abs / 3_600_000).toFixed(1)} h` : `${Math.round(abs / DAY_MS)} d`;
  return diff < 0 ? `${text} ago` : `in ${text}`;
}
