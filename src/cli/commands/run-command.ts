import { resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { openCrawler, rewriteBoardAfterRun, type Crawler } from '../../ops/index.js';
import type { RunSummary } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { addLogOptions, reportCommandError } from '../command-options.js';
import { renderTable } from '../render-table.js';
import { createProgress } from '../run-progress.js';
import { createCliLogger, type LogFlags } from '../runtime.js';

interface RunFlags extends LogFlags {
  config: string;
  out?: string;
  state?: string;
  database?: string;
}

/**
 * `wiredesk run`: one crawl of every configured source, then exit (0 ok, 3 partial, 1 fatal, 4 locked).
 * SIGINT/SIGTERM or a closed output stops it cleanly: no new request, the ones in flight aborted,
 * what was extracted committed, the run report written, the lock released (exit 3 when cut short).
 */
export function registerRunCommand(ctx: CommandContext): void {
  const command = ctx.program
    .command('run')
    .description('crawl every configured source once, write articles, stories and a run report, then exit')
    .option('-c, --config <file>', 'config file', 'config/wiredesk.json')
    .option('-o, --out <dir>', 'output directory (default: config outDir, else ./out)')
    .option('--state <dir>', 'state directory (default: <out>/.wiredesk-state)')
    .option('--database <url>', 'keep the state in PostgreSQL (postgres://…) instead of SQLite (default: the config\'s "database")');
  addLogOptions(command).action(async (flags: RunFlags) => {
    ctx.setExitCode(await runCommand(ctx, flags));
  });
}

async function runCommand(ctx: CommandContext, flags: RunFlags): Promise<number> {
  const logger = createCliLogger(flags, ctx);
  let crawler: Crawler | null = null;
  try {
    const config = await loadConfig(flags.config);
    const outDir = resolve(flags.out ?? config.outDir ?? 'out');
    crawler = await openCrawler(config, { outDir, stateDir: flags.state ?? config.stateDir, database: flags.database ?? config.database, logger });
    const progress = flags.quiet ? null : createProgress(config.sources.filter((s) => s.enabled).length, ctx.progress);
    const report = await crawler.run({ signal: ctx.stop, ...(progress ? { onProgress: progress.onProgress } : {}) });
    progress?.done();
    await crawler.endCrawling();
    await rewriteBoardAfterRun(crawler, report);
    if (!flags.quiet && ctx.stdoutIsTTY) ctx.out(renderRunSummary(report));
    return report.status === 'ok' ? EXIT.OK : EXIT.PARTIAL;
  } catch (error) {
    return reportCommandError(ctx, 'run', error);
  } finally {
    await crawler?.close();
  }
}

/** The end-of-run table: one row per source. */
export function renderRunSummary(report: RunSummary): string {
  const rows = report.sources.map((s) => [
    s.name,
    s.status,
    String(s.http.status ?? '-'),
    String(s.itemsSeen),
    String(s.itemsNew),
    String(s.articlesWritten),
    s.error ? s.error.code : s.failures.length > 0 ? `${s.failures.length} failed (${[...new Set(s.failures.map((f) => f.code))].join(',')})` : '',
  ]);
  const t = report.totals;
  return (
    renderTable(['source', 'status', 'http', 'items', 'new', 'written', 'errors'], rows) +
    `\nrun ${report.runId}: ${report.status}, ${t.articlesWritten} articles written, ${t.failures} failures, ${(report.durationMs / 1000).toFixed(1)} s\n`
  );
}
