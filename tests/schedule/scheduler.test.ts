import { describe, expect, it } from 'vitest';
import { parseConfig, type SourceConfig } from '../../src/config/index.js';
import { WiredeskError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createScheduler, type Scheduler, type SchedulerStateView } from '../../src/schedule/index.js';
import { SCHEMA_VERSION, type RunSummary, type SourceRunReport } from '../../src/types/index.js';

const MIN = 60_000;

function fakeClock(start = '2026-11-21T00:00:00.000Z') {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

function config(sources: object[], schedule: object = {}) {
  return parseConfig({ sources, schedule: { jitterRatio: 0, ...schedule } }, null);
}

function reportFor(sources: SourceConfig[], status: (s: SourceConfig) => SourceRunReport['status'], at: Date): RunSummary {
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: `r${at.getTime()}`,
    startedAt: at.toISOString(),
    finishedAt: at.toISOString(),
    durationMs: 0,
    status: 'ok',
    sources: sources.map((s) => ({
      name: s.name,
      url: s.url,
      status: status(s),
      http: { status: 200, finalUrl: s.url, notModified: false, durationMs: 1, encoding: null },
      itemsSeen: 0,
      itemsNew: 0,
      articlesWritten: 0,
      error: null,
      failures: [],
      warnings: [],
      notBefore: null,
      durationMs: 0,
    })),
    totals: { sources: sources.length, sourcesFailed: 0, itemsSeen: 0, itemsNew: 0, articlesWritten: 0, failures: 0 },
    written: { articles: [], stories: [] },
  };
}

/** Drives a scheduler on a fake clock until `untilMs` has passed; returns the (time, source) runs. */
async function simulate(options: {
  sources: object[];
  untilMs: number;
  status?: (s: SourceConfig) => SourceRunReport['status'];
  readState?: () => Promise<SchedulerStateView | null>;
  runMs?: number;
  /** Where the clock starts relative to 00:00:00 (the cron slots of the test). */
  startOffsetMs?: number;
}): Promise<{ runs: { at: number; name: string }[]; maxConcurrent: number }> {
  const clock = fakeClock();
  clock.advance(options.startOffsetMs ?? 0);
  const start = clock.now().getTime();
  const runs: { at: number; name: string }[] = [];
  let active = 0;
  let maxConcurrent = 0;
  let scheduler: Scheduler | null = null;
  scheduler = createScheduler({
    config: config(options.sources),
    clock,
    logger: silentLogger,
    random: () => 0.5,
    ...(options.readState ? { readState: options.readState } : {}),
    async runSources(sources) {
      active++;
      maxConcurrent = Math.max(maxConcurrent, active);
      for (const s of sources) runs.push({ at: clock.now().getTime() - start, name: s.name });
      await Promise.resolve();
      clock.advance(options.runMs ?? 0);
      active--;
      return reportFor(sources, options.status ?? (() => 'ok'), clock.now());
    },
    async sleep(ms) {
      clock.advance(ms);
      if (clock.now().getTime() - start >= options.untilMs) void scheduler?.stop();
    },
  });
  await scheduler.run();
  return { runs, maxConcurrent };
}

const times = (runs: { at: number; name: string }[], name: string) => runs.filter((r) => r.name === name).map((r) => r.at / MIN);

describe('createScheduler', () => {
  it('runs each source on its own interval, one batch at a time', async () => {
    const { runs, maxConcurrent } = await simulate({
      sources: [
        { name: 'A', url: 'https://a.example/rss', intervalMinutes: 10 },
        { name: 'B', url: 'https://b.example/rss', intervalMinutes: 30 },
      ],
      untilMs: 95 * MIN,
      runMs: 2 * MIN,
    });
    expect(maxConcurrent).toBe(1);
    // Interval counts from the start of the previous run.
    expect(times(runs, 'A')).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(times(runs, 'B')).toEqual([0, 30, 60, 90]);
  });

  it('runs a cron source that never ran at its first slot after start, then every slot', async () => {
    process.env.TZ = 'UTC';
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

  it('on stop lets the run in flight finish, then aborts it after the grace period', async () => {
    const clock = fakeClock();
    let signalSeen: AbortSignal | null = null;
    let release: () => void = () => undefined;
    const scheduler = createScheduler({
      config: config([{ name: 'A', url: 'https://a.example/rss' }]),
      clock,
      logger: silentLogger,
      runSources: async (sources, signal) => {
        signalSeen = signal;
        // A run that only ends when told to stop (like runOnce finishing its in-flight writes).
        await new Promise<void>((resolve) => {
          release = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        return reportFor(sources, () => 'ok', clock.now());
      },
    });
    const running = scheduler.run();
    await new Promise((r) => setTimeout(r, 10));
    expect(signalSeen).not.toBeNull();
    const started = Date.now();
    await scheduler.stop({ graceMs: 50 });
    await running;
    expect((signalSeen as AbortSignal | null)?.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(scheduler.runs).toBe(1);
    release();
  });

  it('stops promptly when idle and rejects on a fatal storage error', async () => {
    const idle = createScheduler({
      config: config([{ name: 'A', url: 'https://a.example/rss', intervalMinutes: 60 }]),
      clock: fakeClock(),
      logger: silentLogger,
      readState: async () => ({ sources: { 'https://a.example/rss': { lastRunAt: '2026-11-21T00:00:00.000Z' } } }),
      runSources: async () => {
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
      runSources: async () => {
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
      runSources: async () => {
        throw new Error('must not run');
      },
    });
    await expect(corrupt.run()).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
  });

  it('hands its plan over after every batch, with the due times it will use', async () => {
    const clock = fakeClock();
    const plans: string[][] = [];
    let scheduler: Scheduler | null = null;
    scheduler = createScheduler({
      config: config([{ name: 'A', url: 'https://a.example/rss', intervalMinutes: 10 }], { jitterRatio: 0.2 }),
      clock,
      logger: silentLogger,
      random: () => 0.9,
      runSources: async (sources) => reportFor(sources, () => 'ok', clock.now()),
      onPlan: async (plan) => void plans.push(plan.map((p) => p.next.dueAt.toISOString())),
      async sleep(ms) {
        clock.advance(ms);
        if (plans.length >= 2) void scheduler?.stop();
      },
    });
    await scheduler.run();
    // 10 min × (1 + 0.2 × (2 × 0.9 − 1)) = 11.6 min after each run.
    expect(plans).toEqual([['2026-11-21T00:11:36.000Z'], ['2026-11-21T00:23:12.000Z']]);
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
      runSources: async () => {
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
