import { Cron } from 'croner';
import type { ScheduleConfig, SourceConfig } from '../config/index.js';
import { WiredeskError } from '../errors/index.js';

const MINUTE = 60_000;
/** Failing sources back off exponentially up to this (or maxInterval when that is longer). */
const MAX_BACKOFF_MS = 6 * 60 * MINUTE;
/** Items older than this say nothing about how busy a feed is now. */
const RATE_LOOKBACK_MS = 7 * 24 * 60 * MINUTE;

/** What the scheduler knows about one source when deciding its next run (from the crawler state). */
export interface SourceTiming {
  /** When the source last ran (null: never). */
  lastRunAt: string | null;
  /** The fetch layer's "not before" (feed TTL, Cache-Control max-age, Expires, Retry-After). */
  notBefore: string | null;
  consecutiveFailures: number;
  /** Publication times of recent new items, any order. */
  recentItemTimes: string[];
}

/** Why a source is due when it is. */
export type DueReason = 'first-run' | 'interval' | 'backoff' | 'cron' | 'not-before';

/** The decision for one source. */
export interface NextDue {
  dueAt: Date;
  reason: DueReason;
  /** The interval used (after adaptation or back-off, before jitter); null for cron and first runs. */
  intervalMs: number | null;
}

/** Inputs of `computeNextDue`; pure: the time and the random draw are passed in. */
export interface ComputeNextDueInput {
  source: Pick<SourceConfig, 'intervalMinutes' | 'cron'>;
  timing: SourceTiming;
  schedule: ScheduleConfig;
  now: Date;
  /**
   * When the daemon started planning: a cron source that never ran runs at its first slot after
   * this (the next slot after `now` would move ahead on every look and never come).
   */
  since: Date;
  /** A number in [0, 1) for the jitter (0.5 = none). */
  random: number;
}

/**
 * When a source should run next:
 * - never before the fetch layer's `notBefore`;
 * - a cron source at its next wall-clock slot (local time) after the last run (first run: the
 *   first slot after `since`); while failing, the first slot after its back-off;
 * - an interval source right away on its first run, else `lastRunAt` + interval ± jitter, where
 *   the interval adapts to how often the feed publishes and grows exponentially while it fails.
 */
export function computeNextDue(input: ComputeNextDueInput): NextDue {
  const { source, timing, schedule, now } = input;
  const notBefore = parseTime(timing.notBefore);
  const lastRun = parseTime(timing.lastRunAt);
  let decision: NextDue;
  if (source.cron !== null) {
    decision = { dueAt: nextCronRun(source.cron, lastRun ?? input.since), reason: 'cron', intervalMs: null };
    // A failing cron source keeps to its slots but skips those that come before its back-off ends.
    if (lastRun !== null && timing.consecutiveFailures > 0) {
      const backoff = backoffIntervalMs(baseIntervalMs(source, schedule), timing.consecutiveFailures, schedule);
      const earliest = new Date(lastRun.getTime() + backoff);
      if (decision.dueAt < earliest) decision = { dueAt: nextCronRun(source.cron, new Date(earliest.getTime() - 1)), reason: 'backoff', intervalMs: backoff };
    }
  } else if (lastRun === null) {
    decision = { dueAt: now, reason: 'first-run', intervalMs: null };
  } else {
    const base = baseIntervalMs(source, schedule);
    const adapted = adaptiveIntervalMs({ baseMs: base, schedule, recentItemTimes: timing.recentItemTimes, now });
    const failing = timing.consecutiveFailures > 0;
    const interval = failing ? backoffIntervalMs(adapted, timing.consecutiveFailures, schedule) : adapted;
    decision = { dueAt: new Date(lastRun.getTime() + applyJitter(interval, schedule.jitterRatio, input.random)), reason: failing ? 'backoff' : 'interval', intervalMs: interval };
  }
  if (notBefore !== null && notBefore > decision.dueAt) return { ...decision, dueAt: notBefore, reason: 'not-before' };
  return decision;
}

/** The configured interval of a source (its own, else the default), in ms. */
export function baseIntervalMs(source: Pick<SourceConfig, 'intervalMinutes'>, schedule: ScheduleConfig): number {
  return (source.intervalMinutes ?? schedule.defaultIntervalMinutes) * MINUTE;
}

/**
 * Adapts an interval to the feed's publishing rate, within [minInterval, maxInterval]: the geometric
 * mean of the base interval and the typical gap between items (busy feeds are polled sooner, quiet
 * ones later, and one odd burst does not swing it to an extreme). The time since the newest item
 * counts as a gap too, so a feed that went silent drifts towards maxInterval.
 * Fewer than two recent items: the base interval, clamped.
 */
export function adaptiveIntervalMs(input: { baseMs: number; schedule: ScheduleConfig; recentItemTimes: string[]; now: Date }): number {
  const min = input.schedule.minIntervalMinutes * MINUTE;
  const max = Math.max(min, input.schedule.maxIntervalMinutes * MINUTE);
  const now = input.now.getTime();
  const times = input.recentItemTimes
    .map((t) => Date.parse(t))
    .filter((t) => Number.isFinite(t) && t <= now && now - t <= RATE_LOOKBACK_MS)
    .sort((a, b) => a - b);
  if (times.length < 2) return clamp(input.baseMs, min, max);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push((times[i] ?? 0) - (times[i - 1] ?? 0));
  const openGap = now - (times[times.length - 1] ?? now);
  const typical = Math.max(median(gaps), openGap);
  return clamp(Math.sqrt(input.baseMs * Math.max(typical, MINUTE)), min, max);
}

/** Exponential back-off for a failing source: interval × 2^(failures−1)… capped. */
export function backoffIntervalMs(intervalMs: number, consecutiveFailures: number, schedule: ScheduleConfig): number {
  const cap = Math.max(MAX_BACKOFF_MS, schedule.maxIntervalMinutes * MINUTE);
  const factor = 2 ** Math.min(Math.max(consecutiveFailures, 1), 20);
  return Math.min(intervalMs * factor, cap);
}

/** Spreads `ms` by ±ratio (random in [0,1); 0.5 → unchanged) so sources do not fire in lockstep. */
export function applyJitter(ms: number, ratio: number, random: number): number {
  return Math.max(0, Math.round(ms * (1 + ratio * (2 * random - 1))));
}

/** Next slot of a cron expression strictly after `after`; CONFIG_INVALID for a bad expression. */
export function nextCronRun(expression: string, after: Date): Date {
  let next: Date | null;
  try {
    // Local time, as crontab does: these are wall-clock schedules.
    next = new Cron(expression, { paused: true }).nextRun(after);
  } catch (cause) {
    throw new WiredeskError('CONFIG_INVALID', `schedule: invalid cron expression ${JSON.stringify(expression)}: ${(cause as Error).message}`, { cause, details: { cron: expression } });
  }
  // An expression with no future slot (a past fixed date) never runs again.
  return next ?? new Date(8.64e15);
}

function parseTime(value: string | null): Date | null {
  if (value === null) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t) : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
