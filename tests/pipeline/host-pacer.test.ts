import { describe, expect, it } from 'vitest';
import { HostPacer, type PacedKind } from '../../src/pipeline/index.js';

/** Acquires and records the order of grants; each grant is released after `holdMs`. */
function driver(pacer: HostPacer, holdMs = 0) {
  const order: string[] = [];
  const take = (key: string, label: string, kind: PacedKind = 'feed', signal?: AbortSignal) =>
    pacer.acquire(key, kind, signal).then((release) => {
      order.push(label);
      setTimeout(release, holdMs);
    });
  return { order, take };
}

describe('HostPacer', () => {
  it('hands out starts in the order hosts become ready, not the order requests came in', async () => {
    const pacer = new HostPacer({ perHost: 1, gapMs: 30, maxActive: 10 });
    const { order, take } = driver(pacer);
    // Everything for host A was asked for first; B's requests still go as soon as B is ready.
    await Promise.all([take('a:80', 'a1'), take('a:80', 'a2'), take('a:80', 'a3'), take('b:80', 'b1'), take('b:80', 'b2'), take('b:80', 'b3')]);
    // Each host in its own order; B's second start does not wait for A's third, nor its first for A's second.
    // Which of a2 and b2 goes first is timer jitter (both are ready ~30 ms in), so it is not asserted.
    expect(order.filter((label) => label.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(order.filter((label) => label.startsWith('b'))).toEqual(['b1', 'b2', 'b3']);
    expect(order.indexOf('b1')).toBeLessThan(order.indexOf('a2'));
    expect(order.indexOf('b2')).toBeLessThan(order.indexOf('a3'));
  });

  it('keeps to the global cap and the per-host concurrency; a waiting request holds no slot', async () => {
    const pacer = new HostPacer({ perHost: 1, gapMs: 0, maxActive: 2 });
    const releases: Array<() => void> = [];
    const granted: string[] = [];
    const take = (key: string) => pacer.acquire(key, 'feed').then((r) => (granted.push(key), releases.push(r)));
    void take('slow:80');
    void take('slow:80'); // waits for its host, not for a global slot
    void take('b:80');
    void take('c:80');
    await new Promise((r) => setTimeout(r, 20));
    expect(granted).toEqual(['slow:80', 'b:80']);
    expect(pacer.active).toBe(2);
    expect(pacer.queued).toBe(2);
    releases[1]!(); // b done: c goes, the second request to the busy host still waits
    await new Promise((r) => setTimeout(r, 20));
    expect(granted).toEqual(['slow:80', 'b:80', 'c:80']);
    releases[0]!();
    await new Promise((r) => setTimeout(r, 20));
    expect(granted).toEqual(['slow:80', 'b:80', 'c:80', 'slow:80']);
  });

  it('holds article requests while the extraction backlog is full, never feeds, and lets them go when it eases', async () => {
    let room = false;
    const pacer = new HostPacer({ perHost: 2, gapMs: 0, maxActive: 10, canStartArticle: () => room });
    const { order, take } = driver(pacer);
    const article = take('a:80', 'article', 'article');
    await take('a:80', 'feed', 'feed');
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['feed']);
    room = true;
    pacer.backlogEased();
    await article;
    expect(order).toEqual(['feed', 'article']);
  });

  it('rejects a waiting request with ABORTED when its run stops, and every waiting one when closed', async () => {
    const pacer = new HostPacer({ perHost: 1, gapMs: 10_000, maxActive: 10 });
    await pacer.acquire('a:80', 'feed');
    const stop = new AbortController();
    const waiting = pacer.acquire('a:80', 'feed', stop.signal);
    const other = pacer.acquire('a:80', 'article');
    stop.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED', retryable: true });
    pacer.close();
    await expect(other).rejects.toMatchObject({ code: 'ABORTED' });
    expect(pacer.queued).toBe(0);
  });
});
