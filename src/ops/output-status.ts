import type { ScheduleConfig, SourceConfig } from '../config/index.js';
import { WiredeskError } from '../errors/index.js';
import { computeNextDue, type SourceTiming } from '../schedule/index.js';
import type { LatestRunPointer, OutputSink, SourceState, StateStore } from '../store/index.js';

const DAY_MS = 86_400_000;

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

/** What `wiredesk status` shows. */
export interface OutputStatus {
  output: string;
  state: string | null;
  crawler: { pid: number; hostname: string; startedAt: string } | null;
  latestRun: LatestRunPointer | null;
  sources: SourceStatus[];
}

/**
 * The status of an output directory: the crawler holding it (if any), the latest run, and per
 * source its last success, current error, next due time and articles of the last 24 hours.
 * Reads only the state's per-source rows and its catalog of the last day: the cost does not grow
 * with history. NOT_FOUND when there is neither output nor state.
 */
export async function outputStatus(deps: { sink: OutputSink; state: StateStore | null; configured: SourceConfig[]; schedule: ScheduleConfig; now: Date }): Promise<OutputStatus> {
  const { sink, state, now } = deps;
  const latestRun = await sink.readLatestRun().catch(() => null);
  if (state === null && latestRun === null) {
    throw new WiredeskError('NOT_FOUND', `ops: no wiredesk output at ${sink.location} (no state and no run yet); check --out, or run a crawl first`, { details: { path: sink.location } });
  }
  const crawler = await sink.lockHolder();
  const saved = new Map((await state?.sources())?.map((s) => [s.url, s]) ?? []);
  const counts = (await state?.articleCountsSince(new Date(now.getTime() - DAY_MS).toISOString())) ?? new Map<string, number>();
  const rows: SourceStatus[] = [];
  const listed = new Set<string>();
  for (const source of deps.configured) {
    listed.add(source.url);
    const s = saved.get(source.url);
    rows.push(statusRow(source.name, source.url, true, s, counts, nextDueOf(source, s, deps.schedule, now, crawler !== null)));
  }
  for (const [url, s] of saved) if (!listed.has(url)) rows.push(statusRow(s.name ?? url, url, false, s, counts, { dueAt: null, reason: null }));
  return { output: sink.location, state: state?.location ?? null, crawler, latestRun, sources: rows };
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
    // Without a daemon's saved plan: as a daemon started now would see it.
    due = computeNextDue({ source, timing, schedule, now, since: now, random: 0.5 });
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
