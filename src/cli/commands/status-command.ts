import { join } from 'node:path';
import { DEFAULT_SCHEDULE, type ScheduleConfig, type SourceConfig } from '../../config/index.js';
import { computeNextDue, type SourceTiming } from '../../schedule/index.js';
import { isProcessAlive, LAYOUT, openStore, readLockInfo, readRunReports, type CrawlerState, type LatestRunPointer, type LockInfo, type SourceState } from '../../store/index.js';
import { systemClock } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { renderTable } from '../render-table.js';
import { createCliLogger } from '../runtime.js';
import { addOutputOptions, reportCommandError, resolveOutput, type OutputFlags } from '../command-options.js';

const DAY_MS = 86_400_000;

interface StatusFlags extends OutputFlags {
  json?: boolean;
}

/** One source's line in `wiredesk status`. */
export interface SourceStatus {
  name: string;
  url: string;
  inConfig: boolean;
  lastSuccessAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
  consecutiveFailures: number;
  nextDueAt: string | null;
  nextDueReason: string | null;
  articlesLast24h: number;
}

/** `wiredesk status`: per source last success, last error, next due and articles of the last 24 h. */
export function registerStatusCommand(ctx: CommandContext): void {
  addOutputOptions(ctx.program.command('status').description('per source: last success, last error, next due time, articles in the last 24 h'))
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: StatusFlags) => {
      ctx.setExitCode(await statusCommand(ctx, flags));
    });
}

async function statusCommand(ctx: CommandContext, flags: StatusFlags): Promise<number> {
  try {
    const now = systemClock.now();
    const output = await resolveOutput(flags);
    const store = await openStore({ outDir: output.outDir, stateDir: output.stateDir, clock: systemClock, logger: createCliLogger({ ...flags, quiet: true }) });
    const state = await store.loadState();
    const latest = await store.readLatestRun().catch(() => null);
    const lock = await readLockInfo(join(store.outDir, LAYOUT.lockFile));
    const crawler = lock && isProcessAlive(lock.pid) ? lock : null;
    const counts = await articlesPerSource(output.outDir, new Date(now.getTime() - DAY_MS));
    const configured = output.config?.sources.filter((s) => s.enabled) ?? [];
    // A running daemon saved its own plan (jitter included); otherwise compute what it would be.
    const sources = sourceStatuses(configured, state, counts, output.config?.schedule ?? DEFAULT_SCHEDULE, now, crawler !== null);
    if (flags.json) {
      ctx.out(JSON.stringify({ outDir: store.outDir, stateDir: store.stateDir, stateUpdatedAt: state.updatedAt, crawler, latestRun: latest, sources }, null, 2) + '\n');
      return EXIT.OK;
    }
    ctx.out(renderStatus(store.outDir, state, latest, crawler, sources, now));
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'status', error);
  }
}

/** Configured sources first (in config order), then sources the state still remembers. */
function sourceStatuses(configured: SourceConfig[], state: CrawlerState, counts: Map<string, number>, schedule: ScheduleConfig, now: Date, useSavedPlan: boolean): SourceStatus[] {
  const rows: SourceStatus[] = [];
  const listed = new Set<string>();
  for (const source of configured) {
    listed.add(source.url);
    const saved = state.sources[source.url];
    const next = nextDueOf(source, saved, schedule, now, useSavedPlan);
    rows.push(statusRow(source.name, source.url, true, saved, counts, next));
  }
  for (const [url, saved] of Object.entries(state.sources)) {
    if (!listed.has(url)) rows.push(statusRow(saved.name ?? url, url, false, saved, counts, { dueAt: null, reason: null }));
  }
  return rows;
}

/**
 * The next due time as `computeNextDue` sees it; while a daemon runs, the due time it saved after its
 * last batch (its own jitter draw) wins when it is newer than the source's last run.
 */
function nextDueOf(source: SourceConfig, saved: SourceState | undefined, schedule: ScheduleConfig, now: Date, useSavedPlan: boolean): { dueAt: string | null; reason: string | null } {
  const timing: SourceTiming = {
    lastRunAt: saved?.lastRunAt ?? null,
    notBefore: saved?.notBefore ?? null,
    consecutiveFailures: saved?.consecutiveFailures ?? 0,
    recentItemTimes: saved?.recentItemTimes ?? [],
  };
  let due;
  try {
    due = computeNextDue({ source, timing, schedule, now, random: 0.5 });
  } catch {
    return { dueAt: null, reason: 'invalid cron' };
  }
  const planned = saved?.nextDueAt ?? null;
  const plannedIsCurrent = planned !== null && (timing.lastRunAt === null || Date.parse(planned) > Date.parse(timing.lastRunAt));
  return { dueAt: useSavedPlan && plannedIsCurrent ? planned : due.dueAt.toISOString(), reason: due.reason };
}

function statusRow(name: string, url: string, inConfig: boolean, saved: SourceState | undefined, counts: Map<string, number>, next: { dueAt: string | null; reason: string | null }): SourceStatus {
  return {
    name,
    url,
    inConfig,
    lastSuccessAt: saved?.lastSuccessAt ?? null,
    // An error older than the last success is history, not the current state of the source.
    lastError: saved?.lastError && (saved.lastSuccessAt === null || saved.lastError.at > saved.lastSuccessAt) ? saved.lastError : null,
    consecutiveFailures: saved?.consecutiveFailures ?? 0,
    nextDueAt: next.dueAt,
    nextDueReason: next.reason,
    articlesLast24h: counts.get(url) ?? 0,
  };
}

/** Articles written per source URL by runs that finished after `since` (from the run reports, no article scan). */
async function articlesPerSource(outDir: string, since: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const report of await readRunReports(outDir, since)) {
    if (report.finishedAt < since.toISOString()) continue;
    for (const s of report.sources ?? []) counts.set(s.url, (counts.get(s.url) ?? 0) + (s.articlesWritten ?? 0));
  }
  return counts;
}

function renderStatus(outDir: string, state: CrawlerState, latest: LatestRunPointer | null, crawler: LockInfo | null, sources: SourceStatus[], now: Date): string {
  const lines = [`output ${outDir}; state saved ${state.updatedAt ? relative(state.updatedAt, now) : 'never'}`];
  // The lock says whether a crawler (run or schedule) is working on this directory right now.
  lines.push(crawler ? `crawler running: pid ${crawler.pid} on ${crawler.hostname}, since ${relative(crawler.startedAt, now)}` : 'no crawler running');
  lines.push(latest ? `latest run ${latest.runId}: ${latest.status}, finished ${relative(latest.finishedAt, now)}` : 'no completed run yet');
  if (sources.length === 0) return lines.join('\n') + '\nno sources configured or remembered\n';
  const rows = sources.map((s) => [
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
