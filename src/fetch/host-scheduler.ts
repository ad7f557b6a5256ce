import { WiredeskError } from '../errors/index.js';
import { onAbort } from './abort-hub.js';
import type { PolitenessGate } from './fetch-types.js';

/** Limits the scheduler enforces. */
export interface HostSchedulerOptions {
  perHostConcurrency: number;
  globalConcurrency: number;
  /** Minimum time between two request starts to one host. */
  minHostGapMs: number;
  now?: () => number;
}

/** Returned by `acquire`; call exactly once when the HTTP exchange is over. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  fail: (error: unknown) => void;
  cleanup: () => void;
}

interface HostState {
  active: number;
  nextStartAt: number;
  pausedUntil: number;
  gapMs: number;
  queue: Waiter[];
  timer: NodeJS.Timeout | null;
}

/**
 * Politeness per host key (origin host:port): at most N requests in flight, request starts at least
 * `gap` apart, and a pause window set by Retry-After. A global cap bounds total sockets.
 * Each host has its own queue and timer, so a slow or paused host never delays another one; a
 * request only takes a global slot once its host lets it start, so waiting on a gap costs nothing.
 */
export class HostScheduler implements PolitenessGate {
  readonly #hosts = new Map<string, HostState>();
  readonly #globalWaiters: Array<() => void> = [];
  #globalActive = 0;
  #closed = false;
  readonly #options: HostSchedulerOptions;
  readonly #now: () => number;

  constructor(options: HostSchedulerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Waits for a slot for `key` (host gap, host concurrency, global cap); rejects with ABORTED on abort/close. */
  async acquire(key: string, signal?: AbortSignal): Promise<ReleaseSlot> {
    const releaseHost = await this.#acquireHost(key, signal);
    try {
      await this.#acquireGlobal(signal);
    } catch (error) {
      releaseHost();
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#releaseGlobal();
      releaseHost();
    };
  }

  /** Raises the minimum gap for a host (robots.txt Crawl-delay); never lowers it below the configured gap. */
  setHostGap(key: string, gapMs: number): void {
    const host = this.#host(key);
    host.gapMs = Math.max(this.#options.minHostGapMs, gapMs);
  }

  /** Keeps every new request to `key` from starting for `ms` (Retry-After); pauses only ever extend. */
  pauseHost(key: string, ms: number): void {
    const host = this.#host(key);
    host.pausedUntil = Math.max(host.pausedUntil, this.#now() + ms);
    this.#pump(key, host);
  }

  /** Rejects every queued request and cancels timers; requests in flight keep their slots until released. */
  close(): void {
    this.#closed = true;
    for (const host of this.#hosts.values()) {
      if (host.timer !== null) clearTimeout(host.timer);
      host.timer = null;
      for (const waiter of host.queue.splice(0)) waiter.fail(closedError());
    }
    for (const wake of this.#globalWaiters.splice(0)) wake();
  }

  #host(key: string): HostState {
    let host = this.#hosts.get(key);
    if (host === undefined) {
      host = { active: 0, nextStartAt: 0, pausedUntil: 0, gapMs: this.#options.minHostGapMs, queue: [], timer: null };
      this.#hosts.set(key, host);
    }
    return host;
  }

  #acquireHost(key: string, signal?: AbortSignal): Promise<ReleaseSlot> {
    if (this.#closed) return Promise.reject(closedError());
    if (signal?.aborted === true) return Promise.reject(abortedError(signal));
    const host = this.#host(key);
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          waiter.cleanup();
          resolve(release);
        },
        fail: (error) => {
          waiter.cleanup();
          reject(error);
        },
        cleanup: () => unsubscribe(),
      };
      const unsubscribe = onAbort(signal, () => {
        const index = host.queue.indexOf(waiter);
        if (index >= 0) host.queue.splice(index, 1);
        reject(abortedError(signal));
      });
      host.queue.push(waiter);
      this.#pump(key, host);
    });
  }

  #pump(key: string, host: HostState): void {
    if (this.#closed) return;
    while (host.queue.length > 0 && host.active < this.#options.perHostConcurrency) {
      const now = this.#now();
      const startAt = Math.max(host.nextStartAt, host.pausedUntil);
      if (startAt > now) {
        this.#wakeAt(key, host, startAt - now);
        return;
      }
      const waiter = host.queue.shift()!;
      host.active += 1;
      host.nextStartAt = now + host.gapMs;
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        host.active -= 1;
        this.#pump(key, host);
        if (host.active === 0 && host.queue.length === 0 && host.timer === null && host.nextStartAt <= this.#now()) {
          // Forget idle hosts so a long-running daemon does not grow a map of every host ever seen;
          // hosts with a raised gap or a pause are kept because that state still matters.
          if (host.gapMs === this.#options.minHostGapMs && host.pausedUntil <= this.#now()) this.#hosts.delete(key);
        }
      });
    }
  }

  #wakeAt(key: string, host: HostState, delayMs: number): void {
    if (host.timer !== null) return;
    host.timer = setTimeout(() => {
      host.timer = null;
      this.#pump(key, host);
    }, Math.ceil(delayMs));
  }

  #acquireGlobal(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(abortedError(signal));
    if (this.#globalActive < this.#options.globalConcurrency) {
      this.#globalActive += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const wake = (): void => {
        unsubscribe();
        if (this.#closed) return reject(closedError());
        this.#globalActive += 1;
        resolve();
      };
      const unsubscribe = onAbort(signal, () => {
        const index = this.#globalWaiters.indexOf(wake);
        if (index >= 0) this.#globalWaiters.splice(index, 1);
        reject(abortedError(signal));
      });
      this.#globalWaiters.push(wake);
    });
  }

  #releaseGlobal(): void {
    this.#globalActive -= 1;
    const next = this.#globalWaiters.shift();
    if (next !== undefined) next();
  }
}

function closedError(): WiredeskError {
  return new WiredeskError('ABORTED', 'fetch: fetcher closed while the request was queued', { retryable: true });
}

function abortedError(signal: AbortSignal | undefined): WiredeskError {
  return new WiredeskError('ABORTED', 'fetch: request aborted while queued', { cause: signal?.reason, retryable: true });
}
