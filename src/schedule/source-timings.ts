import type { ScheduleConfig, SourceConfig } from '../config/index.js';
import { computeNextDue, type NextDue, type SourceTiming } from './compute-next-due.js';

/**
 * What the scheduler knows about each source's timing: the saved state (what the pipeline recorded:
 * notBefore, failures, item times) merged with what this process saw itself (for when the state is
 * unavailable or behind), one jitter draw per source and last run (so a due time does not move on
 * every look), and when the daemon started planning the source (a cron source's first slot).
 */
export class SourceTimings {
  readonly #saved = new Map<string, Partial<SourceTiming>>();
  readonly #seen = new Map<string, SourceTiming>();
  readonly #draws = new Map<string, { forRun: string | null; value: number }>();
  readonly #addedAt = new Map<string, Date>();

  constructor(private readonly random: () => number) {}

  /** The daemon starts planning `url` at `at` (start-up, or a reload that added it). */
  added(url: string, at: Date): void {
    this.#addedAt.set(url, at);
  }

  /** The saved state of a source, as last read. */
  saved(url: string, timing: Partial<SourceTiming>): void {
    this.#saved.set(url, timing);
  }

  /** This process ran the source (started at `startedAt`). */
  ran(url: string, startedAt: string, failed: boolean, notBefore: string | null): void {
    const before = this.timing(url);
    this.#seen.set(url, {
      lastRunAt: startedAt,
      notBefore,
      consecutiveFailures: failed ? before.consecutiveFailures + 1 : 0,
      recentItemTimes: before.recentItemTimes,
    });
  }

  /** The merged timing of a source. */
  timing(url: string): SourceTiming {
    const saved = this.#saved.get(url);
    const seen = this.#seen.get(url);
    // The pipeline saves a source's state after the run this process saw start, so a saved run at
    // or after it carries the current failure count; an older (or unreadable) state does not.
    const savedIsCurrent = seen === undefined || (saved?.lastRunAt != null && Date.parse(saved.lastRunAt) >= Date.parse(seen.lastRunAt ?? ''));
    return {
      lastRunAt: later(saved?.lastRunAt ?? null, seen?.lastRunAt ?? null),
      notBefore: later(saved?.notBefore ?? null, seen?.notBefore ?? null),
      consecutiveFailures: savedIsCurrent ? (saved?.consecutiveFailures ?? 0) : seen.consecutiveFailures,
      recentItemTimes: saved?.recentItemTimes ?? seen?.recentItemTimes ?? [],
    };
  }

  /** When `source` is due next. */
  nextDue(source: SourceConfig, schedule: ScheduleConfig, now: Date): NextDue {
    const timing = this.timing(source.url);
    return computeNextDue({ source, timing, schedule, now, since: this.#addedAt.get(source.url) ?? now, random: this.#draw(source.url, timing.lastRunAt) });
  }

  #draw(url: string, lastRunAt: string | null): number {
    const draw = this.#draws.get(url);
    if (draw !== undefined && draw.forRun === lastRunAt) return draw.value;
    const value = this.random();
    this.#draws.set(url, { forRun: lastRunAt, value });
    return value;
  }
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
