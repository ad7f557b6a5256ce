import { describe, expect, it } from 'vitest';
import { HostScheduler } from '../../src/fetch/host-scheduler.js';
import { WiredeskError } from '../../src/errors/index.js';

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `count` jobs of `holdMs` each on `key`, recording start times and peak concurrency. */
async function run(scheduler: HostScheduler, key: string, count: number, holdMs: number): Promise<{ starts: number[]; peak: number }> {
  const starts: number[] = [];
  let active = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      const release = await scheduler.acquire(key);
      starts.push(performance.now());
      active += 1;
      peak = Math.max(peak, active);
      await wait(holdMs);
      active -= 1;
      release();
    }),
  );
  return { starts, peak };
}

describe('HostScheduler', () => {
  it('keeps at most perHostConcurrency requests in flight per host', async () => {
    const scheduler = new HostScheduler({ perHostConcurrency: 2, globalConcurrency: 10, minHostGapMs: 0 });
    const { peak } = await run(scheduler, 'a:80', 6, 20);
    expect(peak).toBe(2);
  });

  it('spaces request starts to one host by the gap while another host runs freely', async () => {
    const scheduler = new HostScheduler({ perHostConcurrency: 2, globalConcurrency: 10, minHostGapMs: 100 });
    const began = performance.now();
    const [slow, other] = await Promise.all([run(scheduler, 'a:80', 4, 1), run(scheduler, 'b:80', 1, 1)]);
    const gaps = slow.starts.slice(1).map((t, i) => t - slow.starts[i]!);
    // Starts are seen when each job's continuation runs, not when the scheduler grants: on a loaded machine one
    // can be seen a few ms late and the next on time (CI read 96.95 ms against a 98 ms bound). 90 still tells a
    // 100 ms gap from none (jobs here hold 1 ms) or from half of it.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
    expect(other.starts[0]! - began).toBeLessThan(80);
  });

  it('applies the global cap across hosts', async () => {
    const scheduler = new HostScheduler({ perHostConcurrency: 2, globalConcurrency: 3, minHostGapMs: 0 });
    let active = 0;
    let peak = 0;
    await Promise.all(
      ['a', 'b', 'c', 'd'].flatMap((host) =>
        [1, 2].map(async () => {
          const release = await scheduler.acquire(`${host}:80`);
          active += 1;
          peak = Math.max(peak, active);
          await wait(15);
          active -= 1;
          release();
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it('holds a paused host back without touching others', async () => {
    const scheduler = new HostScheduler({ perHostConcurrency: 2, globalConcurrency: 10, minHostGapMs: 0 });
    scheduler.pauseHost('a:80', 300);
    const began = performance.now();
    const [paused, free] = await Promise.all([run(scheduler, 'a:80', 1, 1), run(scheduler, 'b:80', 1, 1)]);
    expect(paused.starts[0]! - began).toBeGreaterThanOrEqual(295);
    expect(free.starts[0]! - began).toBeLessThan(100);
  });

  it('rejects queued requests with ABORTED on abort and on close', async () => {
    const scheduler = new HostScheduler({ perHostConcurrency: 1, globalConcurrency: 10, minHostGapMs: 0 });
    const release = await scheduler.acquire('a:80');
    const controller = new AbortController();
    const aborted = scheduler.acquire('a:80', controller.signal);
    const closed = scheduler.acquire('a:80');
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    scheduler.close();
    await expect(closed).rejects.toBeInstanceOf(WiredeskError);
    release();
  });
});
