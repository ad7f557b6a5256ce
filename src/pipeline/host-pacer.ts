import { WiredeskError } from '../errors/index.js';
import { onAbort } from '../fetch/index.js';

/** Limits the pacer mirrors from the fetch config. */
export interface HostPacerOptions {
  /** Requests in flight per host key. */
  perHost: number;
  /** Minimum time between two request starts to one host. */
  gapMs: number;
  /** Requests in flight overall. */
  maxActive: number;
  /** Article requests wait while this says no (the extraction backlog is full); feeds never wait on it. */
  canStartArticle?: () => boolean;
  now?: () => number;
}

/** What a request waits for: a feed or an article page. */
export type PacedKind = 'feed' | 'article';

interface Waiter {
  grant: () => void;
  fail: (error: WiredeskError) => void;
}

interface Host {
  key: string;
  active: number;
  nextStartAt: number;
  feeds: Waiter[];
  articles: Waiter[];
  /** In the ready list, or waiting on its timer. */
  listed: boolean;
  timer: NodeJS.Timeout | null;
}

/**
 * Hands out request starts in the order hosts become ready, across every run of a crawler: a
 * request waits here, holding nothing, until its host may take it (per-host concurrency and gap,
 * as the fetcher enforces them) and a global slot is free, and an article page also until the
 * extraction backlog has room. So a source whose host is busy never holds a slot another host could
 * use, and pages are only fetched as fast as they can be extracted (memory stays bounded).
 * Feeds go before articles on the same host: they are cheap and they are where new work is found.
 */
export class HostPacer {
  readonly #options: HostPacerOptions;
  readonly #now: () => number;
  readonly #hosts = new Map<string, Host>();
  /** Hosts that may start a request now, in the order they became ready. */
  readonly #ready: Host[] = [];
  /** Hosts whose next request is an article held back by the extraction backlog. */
  readonly #heldByBacklog = new Set<Host>();
  #active = 0;
  #queued = 0;
  #closed = false;
  #sweepAt = 1_000;

  constructor(options: HostPacerOptions) {
    this.#options = { ...options, perHost: Math.max(1, options.perHost), maxActive: Math.max(1, options.maxActive), gapMs: Math.max(0, options.gapMs) };
    this.#now = options.now ?? (() => performance.now());
  }

  /** Requests waiting for their host or a slot. */
  get queued(): number {
    return this.#queued;
  }

  /** Requests started and not yet released. */
  get active(): number {
    return this.#active;
  }

  /**
   * Waits until a request to `key` may start; resolves with the function that ends it (call it once
   * the HTTP exchange is over). Rejects with ABORTED when `signal` aborts first or the pacer closes.
   */
  acquire(key: string, kind: PacedKind, signal?: AbortSignal): Promise<() => void> {
    if (this.#closed) return Promise.reject(stopped('the crawler is closing'));
    if (signal?.aborted === true) return Promise.reject(stopped('the run was stopped'));
    const host = this.#host(key);
    return new Promise<() => void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          unsubscribe();
          resolve(this.#releaser(host));
        },
        fail: (error) => {
          unsubscribe();
          reject(error);
        },
      };
      // One listener per signal however many requests wait on it (abort-hub).
      const unsubscribe = onAbort(signal, () => {
        const queue = kind === 'feed' ? host.feeds : host.articles;
        const index = queue.indexOf(waiter);
        if (index < 0) return;
        queue.splice(index, 1);
        this.#queued--;
        reject(stopped('the run was stopped'));
      });
      (kind === 'feed' ? host.feeds : host.articles).push(waiter);
      this.#queued++;
      this.#consider(host);
      this.#pump();
    });
  }

  /** The extraction backlog has room again: article requests held back may start. */
  backlogEased(): void {
    if (this.#heldByBacklog.size === 0) return;
    const held = [...this.#heldByBacklog];
    this.#heldByBacklog.clear();
    for (const host of held) this.#consider(host);
    this.#pump();
  }

  /** Rejects every waiting request; requests in flight keep their slots until released. */
  close(): void {
    this.#closed = true;
    for (const host of this.#hosts.values()) {
      if (host.timer !== null) clearTimeout(host.timer);
      host.timer = null;
      for (const waiter of [...host.feeds.splice(0), ...host.articles.splice(0)]) waiter.fail(stopped('the crawler is closing'));
    }
    this.#queued = 0;
    this.#ready.length = 0;
  }

  /**
   * Drops hosts with nothing waiting or in flight whose gap has passed, so a daemon does not keep
   * every host it ever saw; swept when the map has doubled, which keeps the cost per request flat.
   */
  #forgetIdleHosts(): void {
    if (this.#hosts.size < this.#sweepAt) return;
    const now = this.#now();
    for (const [key, host] of this.#hosts) {
      if (host.active === 0 && !host.listed && host.feeds.length === 0 && host.articles.length === 0 && host.nextStartAt <= now) this.#hosts.delete(key);
    }
    this.#sweepAt = Math.max(1_000, this.#hosts.size * 2);
  }

  #host(key: string): Host {
    let host = this.#hosts.get(key);
    if (host === undefined) {
      host = { key, active: 0, nextStartAt: 0, feeds: [], articles: [], listed: false, timer: null };
      this.#hosts.set(key, host);
    }
    return host;
  }

  /** Puts a host with waiting requests in the ready list, or on a timer until its gap has passed. */
  #consider(host: Host): void {
    if (host.listed || this.#closed) return;
    if (host.feeds.length === 0 && host.articles.length === 0) return;
    if (host.active >= this.#options.perHost) return; // its release considers it again
    const wait = host.nextStartAt - this.#now();
    host.listed = true;
    if (wait <= 0) {
      this.#ready.push(host);
      return;
    }
    host.timer = setTimeout(() => {
      host.timer = null;
      host.listed = false;
      this.#consider(host);
      this.#pump();
    }, Math.ceil(wait));
  }

  #pump(): void {
    while (this.#active < this.#options.maxActive && this.#ready.length > 0) {
      const host = this.#ready.shift()!;
      host.listed = false;
      let waiter = host.feeds.shift();
      if (waiter === undefined) {
        if (host.articles.length === 0) continue;
        if (this.#options.canStartArticle?.() === false) {
          this.#heldByBacklog.add(host);
          continue;
        }
        waiter = host.articles.shift()!;
      }
      this.#queued--;
      this.#active++;
      host.active++;
      host.nextStartAt = this.#now() + this.#options.gapMs;
      waiter.grant();
      this.#consider(host);
    }
  }

  #releaser(host: Host): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      host.active--;
      this.#consider(host);
      this.#pump();
      this.#forgetIdleHosts();
    };
  }
}

function stopped(why: string): WiredeskError {
  return new WiredeskError('ABORTED', `pipeline: request not started: ${why}`, { retryable: true });
}
