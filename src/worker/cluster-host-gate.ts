import { WiredeskError } from '../errors/index.js';
import type { PolitenessGate } from '../fetch/index.js';
import type { ClusterDb } from '../store/index.js';
import type { Logger } from '../types/index.js';
import type { PgNotifier } from './pg-notifier.js';

/** A host lease lasts at least this long, and at least three gaps (a Crawl-delay of 60 s gives 3 min). */
export const MIN_HOST_LEASE_MS = 10_000;
/**
 * A host this worker no longer needs is given back after this idle time, or two of its gaps when
 * longer: the next source of the host (this worker claims sources of the hosts it holds first)
 * usually asks again within a gap, and keeping the lease costs nothing (heartbeats extend it), while
 * giving it back and taking it again costs two statements and a wait for the next fetch time.
 */
const LINGER_MS = 1_000;

/** Options of `ClusterHostGate`. */
export interface ClusterHostGateOptions {
  db: ClusterDb;
  worker: string;
  minHostGapMs: number;
  globalConcurrency: number;
  notifier: PgNotifier;
  logger: Logger;
  /** Runs a database operation, retrying while the database is unreachable. */
  retry: <T>(op: () => Promise<T>, what: string) => Promise<T>;
  now?: () => number;
}

interface GateHost {
  key: string;
  gapMs: number;
  /** One request per host at a time in the whole cluster: this worker's waiters queue here. */
  busy: boolean;
  queue: (() => void)[];
  held: boolean;
  /** Local time (ms) until which the lease is surely ours (measured from before the statement that took it). */
  leaseUntil: number;
  lastStart: number;
  pausedUntil: number;
  /** Local time before which the database says the host must not be asked (the last holder's gap). */
  notBefore: number;
  releasing: Promise<void> | null;
  /** Sources of this worker crawling the host: while any is, an idle lease is kept (the source may be reading the database). */
  pins: number;
  /** Gate time when the lease was last given back (a grant sent before it may be stale). */
  releasedAt: number;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * Politeness across a cluster. A request to a host is made only by the worker holding that host's
 * lease (the frontier row in PostgreSQL), and only at or after the next fetch time the previous
 * holder left: the end of its last request plus the gap, or the end of a Retry-After pause. While it
 * holds the lease a worker paces the host itself (one request at a time, each starting a gap after the
 * previous one ended, pauses
 * honoured) and extends the lease before it can run out, so a worker that dies leaves a lease that
 * expires at least a gap after its last request. Times that cross workers are computed by the
 * database's clock from elapsed times measured here, so skewed machine clocks do not matter.
 */
export class ClusterHostGate implements PolitenessGate {
  private readonly hosts = new Map<string, GateHost>();
  private readonly globalWaiters: (() => void)[] = [];
  private globalActive = 0;
  private closed = false;
  /** The gate's clock (ms, monotonic): lease ends are local times measured before the statement that set them. */
  readonly now: () => number;

  constructor(private readonly options: ClusterHostGateOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    if (this.closed) throw aborted('fetch: the worker is stopping');
    const host = this.host(key);
    await this.lockHost(host, signal);
    try {
      for (;;) {
        await this.ensureLease(host, signal);
        const wait = Math.max(host.lastStart + host.gapMs, host.pausedUntil, host.notBefore) - this.now();
        if (wait <= 0) break;
        await sleep(wait, signal);
        if (signal?.aborted) throw aborted('fetch: request aborted while waiting for its host');
      }
      await this.acquireGlobal(signal);
    } catch (error) {
      this.unlockHost(host);
      throw error;
    }
    host.lastStart = this.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The gap runs from the end of this exchange: whatever delayed the request between the grant
      // and the wire (a busy event loop, a slow connect), the next one still arrives a gap after it.
      host.lastStart = this.now();
      this.releaseGlobal();
      this.unlockHost(host);
    };
  }

  setHostGap(key: string, gapMs: number): void {
    const host = this.host(key);
    const gap = Math.max(this.options.minHostGapMs, gapMs);
    if (gap === host.gapMs) return;
    host.gapMs = gap;
    this.options.db.noteHost(key, gap, null).catch(() => undefined);
  }

  pauseHost(key: string, ms: number): void {
    const host = this.host(key);
    host.pausedUntil = Math.max(host.pausedUntil, this.now() + ms);
    // Recorded at once for status and for whoever holds the host next (the release records it too).
    this.options.db.noteHost(key, null, ms).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    for (const host of this.hosts.values()) {
      if (host.idleTimer !== null) clearTimeout(host.idleTimer);
      for (const wake of host.queue.splice(0)) wake();
    }
    for (const wake of this.globalWaiters.splice(0)) wake();
  }

  /** Gives back every host lease this worker holds (on shutdown). */
  async releaseAll(): Promise<void> {
    await Promise.allSettled([...this.hosts.values()].filter((h) => h.held).map((h) => this.releaseLease(h)));
  }

  /**
   * Leases the heartbeat extended (a statement sent at `sentAt` by this gate's clock): each of
   * those hosts is surely this worker's until `sentAt` plus its lease, without a statement of its own.
   */
  noteExtended(hosts: readonly { host: string; leaseMs: number }[], sentAt: number): void {
    for (const { host: key, leaseMs } of hosts) {
      const host = this.hosts.get(key);
      if (host !== undefined && host.held) host.leaseUntil = Math.max(host.leaseUntil, sentAt + leaseMs);
    }
  }

  /** The terms on which a source claim may take host leases for this gate (`ClusterDb.claimSources`). */
  leaseTerms(): { gapMs: number; leaseMs: number } {
    return { gapMs: this.options.minHostGapMs, leaseMs: MIN_HOST_LEASE_MS };
  }

  /**
   * Host leases a source claim (sent at `sentAt` by this gate's clock) took: each host is this
   * worker's until `sentAt` plus its lease, and a host not held before may be asked `waitMs` after
   * the answer came. A grant that crossed a release of the host is ignored (the release may have
   * reached the database after it); the host's next request then claims it again.
   */
  noteGranted(grants: readonly { host: string; waitMs: number; leaseMs: number }[], sentAt: number): void {
    if (this.closed) return;
    const now = this.now();
    for (const grant of grants) {
      const host = this.host(grant.host);
      if (host.releasing !== null || host.releasedAt >= sentAt) continue;
      if (!host.held) {
        host.held = true;
        host.notBefore = now + grant.waitMs;
        this.options.logger.debug('host lease taken', { host: host.key, wait_ms: Math.round(grant.waitMs), duration_ms: Math.round(now - sentAt), with_sources: true });
      }
      host.leaseUntil = Math.max(host.leaseUntil, sentAt + grant.leaseMs);
      // A source of the host is on its way: the lease is not idle.
      if (!host.busy) this.armIdle(host);
    }
  }

  /**
   * A source of this host starts (`pin`) or ends (`unpin`) on this worker: while one is in flight
   * the lease is not given back for being idle. Between its requests a source reads and writes the
   * database; on a loaded machine that outlasted the linger (200 hosts, 3 workers: about one
   * release and one claim again per source, and those statements queued before everyone else's).
   */
  pin(key: string): void {
    this.host(key).pins += 1;
  }

  unpin(key: string): void {
    const host = this.host(key);
    host.pins = Math.max(0, host.pins - 1);
    if (host.pins === 0 && !host.busy) this.armIdle(host);
  }

  /** Gives back at once the leases of these hosts that no request of this worker is using or waiting for. */
  letGo(keys: readonly string[]): void {
    for (const key of keys) {
      const host = this.hosts.get(key);
      if (host === undefined || !host.held || host.busy || this.closed) continue;
      if (host.idleTimer !== null) clearTimeout(host.idleTimer);
      host.idleTimer = null;
      void this.releaseLease(host);
    }
  }

  /** Hosts whose lease this worker holds now (status, tests). */
  heldHosts(): string[] {
    return [...this.hosts.values()].filter((h) => h.held).map((h) => h.key);
  }

  private host(key: string): GateHost {
    let host = this.hosts.get(key);
    if (host === undefined) {
      host = { key, gapMs: this.options.minHostGapMs, busy: false, queue: [], held: false, leaseUntil: 0, lastStart: -Infinity, pausedUntil: 0, notBefore: 0, releasing: null, pins: 0, releasedAt: -Infinity, idleTimer: null };
      this.hosts.set(key, host);
    }
    return host;
  }

  private leaseMs(host: GateHost): number {
    return Math.max(MIN_HOST_LEASE_MS, 3 * host.gapMs);
  }

  private async ensureLease(host: GateHost, signal?: AbortSignal): Promise<void> {
    if (host.releasing !== null) await host.releasing;
    const leaseMs = this.leaseMs(host);
    if (host.held && host.leaseUntil - this.now() > leaseMs / 2) return;
    const { db, worker, retry, notifier } = this.options;
    if (host.held) {
      const sent = this.now();
      if (await retry(() => db.extendHost(host.key, worker, leaseMs), 'extend a host lease')) {
        host.leaseUntil = sent + leaseMs;
        return;
      }
      host.held = false;
      this.options.logger.warn('host lease lost; claiming it again', { host: host.key });
    }
    for (;;) {
      if (signal?.aborted || this.closed) throw aborted('fetch: request aborted while waiting for its host');
      const sent = this.now();
      const claim = await retry(() => db.claimHost(host.key, worker, leaseMs, host.gapMs), 'claim a host');
      if (claim.granted) {
        host.held = true;
        host.leaseUntil = sent + leaseMs;
        // Measured from when the answer arrived: never earlier than the database's next fetch time.
        host.notBefore = this.now() + claim.waitMs;
        this.options.logger.debug('host lease taken', { host: host.key, wait_ms: Math.round(claim.waitMs), duration_ms: Math.round(this.now() - sent) });
        return;
      }
      this.options.logger.debug('host lease refused', { host: host.key, holder: claim.holder, wait_ms: Math.round(claim.waitMs), duration_ms: Math.round(this.now() - sent) });
      await notifier.wait(`host:${host.key}`, Math.min(claim.waitMs + 20, 2_000), signal);
    }
  }

  private async releaseLease(host: GateHost): Promise<void> {
    if (!host.held) return;
    host.held = false;
    const now = this.now();
    host.releasedAt = now;
    const nextInMs = Math.max(0, host.lastStart + host.gapMs - now);
    const pauseMs = Math.max(0, host.pausedUntil - now);
    this.options.logger.debug('host lease given back', { host: host.key, next_in_ms: Math.round(nextInMs), pause_ms: Math.round(pauseMs) });
    host.releasing = this.options.db
      .releaseHost(host.key, this.options.worker, nextInMs, pauseMs)
      .catch((error: unknown) => this.options.logger.debug('could not give a host back; its lease will expire', { host: host.key, error: (error as Error).message }))
      .finally(() => (host.releasing = null));
    await host.releasing;
  }

  private lockHost(host: GateHost, signal?: AbortSignal): Promise<void> {
    if (host.idleTimer !== null) {
      clearTimeout(host.idleTimer);
      host.idleTimer = null;
    }
    if (!host.busy) {
      host.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const i = host.queue.indexOf(grant);
        if (i >= 0) host.queue.splice(i, 1);
        reject(aborted('fetch: request aborted while queued for its host'));
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        if (this.closed) reject(aborted('fetch: the worker is stopping'));
        else resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      host.queue.push(grant);
    });
  }

  private unlockHost(host: GateHost): void {
    const next = host.queue.shift();
    if (next !== undefined) {
      next();
      return;
    }
    host.busy = false;
    this.armIdle(host);
  }

  /** Gives the lease of an idle host back after a linger (a next request cancels it). */
  private armIdle(host: GateHost): void {
    if (host.idleTimer !== null) clearTimeout(host.idleTimer);
    host.idleTimer = null;
    if (!host.held || this.closed) return;
    host.idleTimer = setTimeout(
      () => {
        host.idleTimer = null;
        if (!host.busy && host.pins === 0) void this.releaseLease(host);
      },
      Math.max(LINGER_MS, 2 * host.gapMs),
    );
    host.idleTimer.unref();
  }

  private acquireGlobal(signal?: AbortSignal): Promise<void> {
    if (this.globalActive < this.options.globalConcurrency) {
      this.globalActive += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.globalWaiters.indexOf(wake);
        if (i >= 0) this.globalWaiters.splice(i, 1);
        reject(aborted('fetch: request aborted while queued'));
      };
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        if (this.closed) return reject(aborted('fetch: the worker is stopping'));
        this.globalActive += 1;
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.globalWaiters.push(wake);
    });
  }

  private releaseGlobal(): void {
    this.globalActive -= 1;
    this.globalWaiters.shift()?.();
  }
}

function aborted(message: string): WiredeskError {
  return new WiredeskError('ABORTED', message, { retryable: true });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
    if (signal?.aborted) done();
  });
}
