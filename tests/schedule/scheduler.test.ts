import { describe, expect, it } from 'vitest';
import { parseConfig, type SourceConfig } from '../../src/config/index.js';
import { WiredeskError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createScheduler, type Scheduler, type SchedulerOptions, type SchedulerStateView } from '../../src/schedule/index.js';
import type { SourceRunReport } from '../../src/types/index.js';

const MIN = 60_000;
// Cron slots are local wall-clock time; pin the zone so the expected slots hold anywhere.
process.env.TZ = 'UTC';

function fakeClock(start = '2026-11-21T00:00:00.000Z') {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms), set: (t: number) => (now = t) };
}

function config(sources: object[], schedule: object = {}) {
  return parseConfig({ sources, schedule: { jitterRatio: 0, ...schedule } }, null);
}

function reportOf(source: SourceConfig, status: SourceRunReport['status']): SourceRunReport {
  return {
    name: source.name,
    url: source.url,
    status,
    http: { status: 200, finalUrl: source.url, notModified: false, durationMs: 1, encoding: null },
    itemsSeen: 0,
    itemsNew: 0,
    articlesWritten: 0,
    error: null,
    failures: [],
    warnings: [],
    notBefore: null,
    durationMs: 0,
  };
}

interface Simulation {
  sources: object[];
  untilMs: number;
  status?: (s: SourceConfig) => SourceRunReport['status'];
  /** How long a crawl of each source takes on the fake clock. */
  runMs?: (s: SourceConfig) => number;
  readState?: () => Promise<SchedulerStateView | null>;
  /** Where the clock starts relative to 00:00:00 (the cron slots of the test). */
  startOffsetMs?: number;
  extra?: Partial<SchedulerOptions>;
  /** Called at every wait with the scheduler and the elapsed time (reloads mid-run). */
  onTick?: (scheduler: Scheduler, elapsedMs: number) => void;
}

/**
 * Drives a scheduler on a fake clock: each crawl ends `runMs` after it started, and a wait jumps
 * the clock to the end of the wait or the end of the earliest crawl in flight, whichever comes first.
 */
async function simulate(options: Simulation): Promise<{ runs: { at: number; name: string }[]; maxConcurrent: number; twiceAtOnce: boolean }> {
  const clock = fakeClock();
  clock.advance(options.startOffsetMs ?? 0);
  const start = clock.now().getTime();
  const runs: { at: number; name: string }[] = [];
  const inFlight: { endAt: number; name: string; finish: () => void }[] = [];
  let maxConcurrent = 0;
  let twiceAtOnce = false;
  let scheduler: Scheduler | null = null;
  scheduler = createScheduler({
    config: config(options.sources),
    clock,
    logger: silentLogger,
    random: () => 0.5,
    ...(options.readState ? { readState: options.readState } : {}),
    runSource(source, signal) {
      if (inFlight.some((r) => r.name === source.name)) twiceAtOnce = true;
      runs.push({ at: clock.now().getTime() - start, name: source.name });
      return new Promise<SourceRunReport>((resolve) => {
        const run = { endAt: clock.now().getTime() + (options.runMs?.(source) ?? 0), name: source.name, finish: () => resolve(reportOf(source, options.status?.(source) ?? 'ok')) };
        inFlight.push(run);
        maxConcurrent = Math.max(maxConcurrent, inFlight.length);
        signal.addEventListener('abort', () => run.finish(), { once: true });
      });
    },
    async sleep(ms, wake) {
      await new Promise((r) => setImmediate(r));
      // Woken (a crawl ended, a reload): no time passes.
      if (wake.aborted) return;
      const target = clock.now().getTime() + ms;
      inFlight.sort((a, b) => a.endAt - b.endAt);
      const first = inFlight[0];
      if (first !== undefined && first.endAt <= target) {
        clock.set(Math.max(clock.now().getTime(), first.endAt));
        inFlight.shift();
        first.finish();
      } else clock.set(target);
      options.onTick?.(scheduler!, clock.now().getTime() - start);
      if (clock.now().getTime() - start >= options.untilMs) void scheduler?.stop();
    },
    ...options.extra,
  });
  await scheduler.run();
  return { runs, maxConcurrent, twiceAtOnce };
}

/** Start times of a source's crawls, in minutes (to the second: a wake-up may land a millisecond late). */
const times = (runs: { at: number; name: string }[], name: string) => runs.filter((r) => r.name === name).map((r) => Math.round(r.at / 1000) / 60);

describe('createScheduler', () => {
  it('runs each source on its own interval', async () => {
    const { runs } = await simulate({
      sources: [
        { name: 'A', url: 'https://a.example/rss', intervalMinutes: 10 },
        { name: 'B', url: 'https://b.example/rss', intervalMinutes: 30 },
      ],
      untilMs: 95 * MIN,
      runMs: () => 2 * MIN,
    });
    // Interval counts from the start of the previous run.
    expect(times(runs, 'A')).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(times(runs, 'B')).toEqual([0, 30, 60, 90]);
  });

  it('starts a due source while a slow one is still in flight, and never runs one source twice at once', async () => {
    const { runs, maxConcurrent, twiceAtOnce } = await simulate({
      sources: [
        { name: 'quick', url: 'https://quick.example/rss', intervalMinutes: 10 },
        { name: 'stuck', url: 'https://stuck.example/rss', intervalMinutes: 10 },
      ],
      untilMs: 61 * MIN,
      // One crawl of "stuck" takes 45 minutes (a feed that keeps timing out and retrying).
      runMs: (s) => (s.name === 'stuck' ? 45 * MIN : MIN),
    });
    expect(times(runs, 'quick')).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(times(runs, 'stuck')).toEqual([0, 45]);
    expect(maxConcurrent).toBe(2);
    expect(twiceAtOnce).toBe(false);
  });

  it('runs a cron source that never ran at its first slot after start, then every slot', async () => {
    // The fake clock starts at 00:00:00 sharp; a daemon started 30 s before a slot waits those 30 s.
    const { runs } = await simulate({ sources: [{ name: 'C', url: 'https://c.example/rss', cron: '* * * * *' }], untilMs: 3.6 * MIN, startOffsetMs: -30_000 });
    expect(times(runs, 'C').map((m) => Math.round(m * 60))).toEqual([30, 90, 150, 210]);
  });

  it('backs a failing source off while healthy ones keep their pace', async () => {
    const { runs } = await simulate({
      sources: [
        { name: 'ok', url: 'https://ok.example/rss', intervalMinutes: 10 },
        { name: 'down', url: 'https://down.example/rss', intervalMinutes: 10 },
      ],
      status: (s) => (s.name === 'down' ? 'failed' : 'ok'),
      untilMs: 8 * 60 * MIN,
    });
    const down = times(runs, 'down');
    const gaps = down.slice(1).map((t, i) => t - (down[i] ?? 0));
    expect(gaps.slice(0, 4)).toEqual([20, 40, 80, 160]);
    expect(times(runs, 'ok').length).toBe(48);
  });

  it('waits for the notBefore the state carries', async () => {
    const state: SchedulerStateView = { sources: { 'https://a.example/rss': { lastRunAt: '2026-11-20T23:55:00.000Z', notBefore: '2026-11-21T00:45:00.000Z' } } };
    const { runs } = await simulate({ sources: [{ name: 'A', url: 'https://a.example/rss', intervalMinutes: 10 }], readState: async () => state, untilMs: 60 * MIN });
    expect(times(runs, 'A')[0]).toBe(45);
  });

  it('on stop aborts the crawls in flight at once and returns', async () => {
    const clock = fakeClock();
    let signalSeen: AbortSignal | null = null;
    const scheduler = createScheduler({
      config: config([{ name: 'A', url: 'https://a.example/rss' }]),
      clock,
      logger: silentLogger,
      runSource: async (source, signal) => {
        signalSeen = signal;
        // A crawl that only ends when told to stop (like a feed hanging until its timeout).
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        return reportOf(source, 'failed');
      },
    });
    const running = scheduler.run();
    await new Promise((r) => setTimeout(r, 10));
    expect(signalSeen).not.toBeNull();
    expect(scheduler.running).toBe(1);
    await scheduler.stop();
    await running;
    expect((signalSeen as AbortSignal | null)?.aborted).toBe(true);
    expect(scheduler.runs).toBe(1);
    expect(scheduler.running).toBe(0);
  });

  it('stops promptly when idle and rejects on a fatal storage error', async () => {
    const idle = createScheduler({
      config: config([{ name: 'A', url: 'https://a.example/rss', intervalMinutes: 60 }]),
      clock: fakeClock(),
      logger: silentLogger,
      readState: async () => ({ sources: { 'https://a.example/rss': { lastRunAt: '2026-11-21T00:00:00.000Z' } } }),
      runSource: async () => {
        throw new Error('must not run');
      },
    });
    const loop = idle.run();
    await new Promise((r) => setTimeout(r, 10));
    await idle.stop();
    await loop;
    expect(idle.runs).toBe(0);

    const broken = createScheduler({
      config: config([{ name: 'A', url: 'https://a.example/rss' }]),
      clock: fakeClock(),
      logger: silentLogger,
      runSource: async () => {
        throw new WiredeskError('STORE_WRITE', 'disk full');
      },
    });
    await expect(broken.run()).rejects.toMatchObject({ code: 'STORE_WRITE' });
  });

  it('goes on with its own observations when the state cannot be read, but stops on a corrupt state', async () => {
    const { runs } = await simulate({
      sources: [{ name: 'A', url: 'https://a.example/rss', intervalMinutes: 10 }],
      readState: async () => {
        throw new WiredeskError('INTERNAL', 'transient read failure');
      },
      untilMs: 35 * MIN,
    });
    expect(times(runs, 'A')).toEqual([0, 10, 20, 30]);
    const corrupt = createScheduler({
      config: config([{ name: 'A', url: 'https://a.example/rss' }]),
      clock: fakeClock(),
      logger: silentLogger,
      readState: async () => {
        throw new WiredeskError('STATE_CORRUPT', 'state file is unusable');
      },
      runSource: async () => {
        throw new Error('must not run');
      },
    });
    await expect(corrupt.run()).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
  });

  it('hands its plan over as it changes, with the due times it will use', async () => {
    const plans: string[][] = [];
    await simulate({
      sources: [{ name: 'A', url: 'https://a.example/rss', intervalMinutes: 10 }],
      untilMs: 24 * MIN,
      extra: { random: () => 0.9, config: config([{ name: 'A', url: 'https://a.example/rss', intervalMinutes: 10 }], { jitterRatio: 0.2 }), planEveryMs: 0, onPlan: async (plan) => void plans.push(plan.map((p) => p.next.dueAt.toISOString())) },
    });
    // 10 min × (1 + 0.2 × (2 × 0.9 − 1)) = 11.6 min after each run.
    expect([...new Set(plans.flat())]).toEqual(['2026-11-21T00:00:00.000Z', '2026-11-21T00:11:36.000Z', '2026-11-21T00:23:12.000Z', '2026-11-21T00:34:48.000Z']);
  });

  it('takes a reloaded config: an added source runs at once, a removed one no longer runs', async () => {
    let reloadedAt: number | null = null;
    const { runs } = await simulate({
      sources: [
        { name: 'kept', url: 'https://kept.example/rss', intervalMinutes: 10 },
        { name: 'dropped', url: 'https://dropped.example/rss', intervalMinutes: 10 },
      ],
      untilMs: 41 * MIN,
      onTick(scheduler, elapsed) {
        if (reloadedAt !== null || elapsed < 15 * MIN) return;
        reloadedAt = elapsed / MIN;
        scheduler.reload(
          config([
            { name: 'kept', url: 'https://kept.example/rss', intervalMinutes: 10 },
            { name: 'added', url: 'https://added.example/rss', intervalMinutes: 10 },
          ]),
        );
      },
    });
    const at = reloadedAt ?? NaN;
    expect(times(runs, 'kept')).toEqual([0, 10, 20, 30, 40]);
    expect(times(runs, 'dropped').every((t) => t < at)).toBe(true);
    expect(times(runs, 'added')).toEqual([at, at + 10, at + 20].filter((t) => t <= 41));
  });

  it('plans every enabled source, soonest first', async () => {
    const scheduler = createScheduler({
      config: config([
        { name: 'late', url: 'https://late.example/rss', intervalMinutes: 60 },
        { name: 'new', url: 'https://new.example/rss' },
        { name: 'off', url: 'https://off.example/rss', enabled: false },
      ]),
      clock: fakeClock(),
      logger: silentLogger,
      readState: async () => ({ sources: { 'https://late.example/rss': { lastRunAt: '2026-11-21T00:00:00.000Z' } } }),
      runSource: async () => {
        throw new Error('not used');
      },
    });
    const plan = await scheduler.plan();
    expect(plan.map((p) => [p.source.name, p.next.reason, p.next.dueAt.toISOString()])).toEqual([
      ['new', 'first-run', '2026-11-21T00:00:00.000Z'],
      ['late', 'interval', '2026-11-21T01:00:00.000Z'],
    ]);
  });
});
