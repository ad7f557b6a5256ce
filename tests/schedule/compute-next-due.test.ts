import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE } from '../../src/config/index.js';
import { adaptiveIntervalMs, applyJitter, backoffIntervalMs, computeNextDue, parseDuration, type SourceTiming } from '../../src/schedule/index.js';

// Cron slots are local wall-clock time; pin the zone so the expected UTC slots hold anywhere.
process.env.TZ = 'UTC';

const MIN = 60_000;
const NOW = new Date('2026-11-21T12:00:00.000Z');
const schedule = { ...DEFAULT_SCHEDULE }; // 15 min default, 5..120 min, ±10 % jitter
const plain = { intervalMinutes: null, cron: null };

function timing(overrides: Partial<SourceTiming> = {}): SourceTiming {
  return { lastRunAt: '2026-11-21T11:50:00.000Z', notBefore: null, consecutiveFailures: 0, recentItemTimes: [], ...overrides };
}
/** `count` item times `gapMin` minutes apart, the newest `ageMin` minutes before NOW. */
function items(count: number, gapMin: number, ageMin = 0): string[] {
  return Array.from({ length: count }, (_, i) => new Date(NOW.getTime() - (ageMin + i * gapMin) * MIN).toISOString());
}
const due = (source: { intervalMinutes: number | null; cron: string | null }, t: SourceTiming, random = 0.5) => computeNextDue({ source, timing: t, schedule, now: NOW, since: NOW, random });

describe('computeNextDue', () => {
  it('runs a new source at once, but not before the fetch layer allows', () => {
    expect(due(plain, timing({ lastRunAt: null }))).toEqual({ dueAt: NOW, reason: 'first-run', intervalMs: null });
    const later = '2026-11-21T12:20:00.000Z';
    expect(due(plain, timing({ lastRunAt: null, notBefore: later }))).toMatchObject({ dueAt: new Date(later), reason: 'not-before' });
  });

  it('uses the source interval, else the default, from the last run, with bounded jitter', () => {
    expect(due(plain, timing()).dueAt.toISOString()).toBe('2026-11-21T12:05:00.000Z');
    expect(due({ intervalMinutes: 30, cron: null }, timing()).dueAt.toISOString()).toBe('2026-11-21T12:20:00.000Z');
    const low = due(plain, timing(), 0).dueAt.getTime() - Date.parse('2026-11-21T11:50:00Z');
    const high = due(plain, timing(), 0.999999).dueAt.getTime() - Date.parse('2026-11-21T11:50:00Z');
    expect(low).toBe(13.5 * MIN);
    expect(high).toBeGreaterThan(16.4 * MIN);
    expect(high).toBeLessThanOrEqual(16.5 * MIN);
  });

  it('never schedules before notBefore (TTL, Cache-Control, Retry-After)', () => {
    const notBefore = '2026-11-21T13:00:00.000Z';
    expect(due(plain, timing({ notBefore }))).toMatchObject({ dueAt: new Date(notBefore), reason: 'not-before' });
    // A notBefore in the past changes nothing.
    expect(due(plain, timing({ notBefore: '2026-11-21T10:00:00.000Z' })).reason).toBe('interval');
  });

  it('polls busy feeds sooner and quiet ones later, within min and max', () => {
    const base = 15 * MIN;
    const busy = adaptiveIntervalMs({ baseMs: base, schedule, recentItemTimes: items(30, 1), now: NOW });
    const hourly = adaptiveIntervalMs({ baseMs: base, schedule, recentItemTimes: items(10, 60), now: NOW });
    const quiet = adaptiveIntervalMs({ baseMs: base, schedule, recentItemTimes: items(5, 12 * 60), now: NOW });
    const silent = adaptiveIntervalMs({ baseMs: base, schedule, recentItemTimes: items(30, 1, 3 * 24 * 60), now: NOW });
    expect(busy).toBeLessThan(base);
    expect(busy).toBeGreaterThanOrEqual(5 * MIN);
    expect(hourly).toBeGreaterThan(base);
    expect(quiet).toBeGreaterThan(hourly);
    expect(quiet).toBeLessThanOrEqual(120 * MIN);
    expect(silent).toBeGreaterThan(busy); // the open gap since the last item counts
    expect(adaptiveIntervalMs({ baseMs: base, schedule, recentItemTimes: ['not a date'], now: NOW })).toBe(base);
    // The decision uses the adapted interval.
    expect(due(plain, timing({ recentItemTimes: items(30, 1) })).intervalMs).toBe(busy);
  });

  it('backs a failing source off exponentially, with a cap', () => {
    const intervals = [1, 2, 3, 10, 30].map((n) => due(plain, timing({ consecutiveFailures: n })));
    expect(intervals.every((d) => d.reason === 'backoff')).toBe(true);
    const ms = intervals.map((d) => d.intervalMs ?? 0);
    expect(ms[0]).toBe(30 * MIN);
    expect(ms[1]).toBe(60 * MIN);
    expect(ms[2]).toBe(120 * MIN);
    expect(ms[3]).toBe(6 * 60 * MIN);
    expect(ms[4]).toBe(6 * 60 * MIN);
    expect(backoffIntervalMs(10 * MIN, 1, { ...schedule, maxIntervalMinutes: 24 * 60 })).toBe(20 * MIN);
  });

  it('follows a cron expression, skipping slots inside a failing source\'s back-off', () => {
    const cron = { intervalMinutes: null, cron: '*/20 * * * *' };
    expect(due(cron, timing({ lastRunAt: '2026-11-21T11:40:00.000Z' }))).toMatchObject({ dueAt: new Date('2026-11-21T12:00:00.000Z'), reason: 'cron' });
    expect(due(cron, timing({ lastRunAt: null })).dueAt.toISOString()).toBe('2026-11-21T12:20:00.000Z');
    // Two failures: back-off 60 min from 11:40 → first slot at or after 12:40.
    expect(due(cron, timing({ lastRunAt: '2026-11-21T11:40:00.000Z', consecutiveFailures: 2 }))).toMatchObject({ dueAt: new Date('2026-11-21T12:40:00.000Z'), reason: 'backoff' });
    expect(() => due({ intervalMinutes: null, cron: 'every day' }, timing())).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('runs a cron source that never ran at its first slot after the daemon started, not one slot ahead of every look', () => {
    const cron = { intervalMinutes: null, cron: '* * * * *' };
    const since = new Date('2026-11-21T11:59:30.000Z');
    // At 12:00:00 (and any moment after) the 12:00 slot has come: due, not "one minute from now".
    for (const now of ['2026-11-21T12:00:00.000Z', '2026-11-21T12:00:00.500Z', '2026-11-21T12:01:10.000Z']) {
      const next = computeNextDue({ source: cron, timing: timing({ lastRunAt: null }), schedule, now: new Date(now), since, random: 0.5 });
      expect(next).toMatchObject({ dueAt: new Date('2026-11-21T12:00:00.000Z'), reason: 'cron' });
      expect(next.dueAt.getTime()).toBeLessThanOrEqual(Date.parse(now));
    }
  });

  it('jitter stays within ±ratio and is never negative', () => {
    for (const r of [0, 0.25, 0.5, 0.75, 0.9999]) {
      const v = applyJitter(1000, 0.2, r);
      expect(v).toBeGreaterThanOrEqual(800);
      expect(v).toBeLessThanOrEqual(1200);
    }
    expect(applyJitter(1000, 2, 0)).toBe(0);
  });
});

describe('parseDuration', () => {
  it('reads operator durations and refuses ambiguous ones', () => {
    expect(parseDuration('24h')).toBe(24 * 60 * MIN);
    expect(parseDuration('30d')).toBe(30 * 24 * 60 * MIN);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('2w')).toBe(14 * 24 * 60 * MIN);
    expect(parseDuration('1.5h')).toBe(90 * MIN);
    for (const bad of ['30', '-1d', '0h', 'abc', '']) expect(() => parseDuration(bad)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
