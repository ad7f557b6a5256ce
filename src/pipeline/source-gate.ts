import { hostKey } from '../fetch/index.js';

interface Waiting {
  start: () => void;
}

/**
 * Admits at most `limit` sources at once, shared by every run of a crawler. Waiting sources are
 * admitted round-robin over their feed hosts, not in config order: a config that lists a host's
 * feeds together would otherwise fill every place with feeds that must wait on one host's gap.
 */
export class SourceGate {
  readonly #limit: number;
  readonly #byHost = new Map<string, Waiting[]>();
  /** Hosts with waiting sources, in turn. */
  readonly #turns: string[] = [];
  #active = 0;
  #waiting = 0;

  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  /** Sources admitted and not finished. */
  get active(): number {
    return this.#active;
  }

  /** Sources waiting for a place. */
  get waiting(): number {
    return this.#waiting;
  }

  /**
   * Runs `task` for the source at `feedUrl` once it has a place; the place is freed when it settles.
   * Even with places free, admission waits for the current turn of the event loop to end, so sources
   * handed in together (a run's whole list) are admitted round-robin by host from the start.
   */
  async run<T>(feedUrl: string, task: () => Promise<T>): Promise<T> {
    await this.#wait(keyOf(feedUrl));
    try {
      return await task();
    } finally {
      this.#active--;
      this.#admitNext();
    }
  }

  #wait(key: string): Promise<void> {
    return new Promise<void>((resolve) => {
      let queue = this.#byHost.get(key);
      if (queue === undefined) {
        queue = [];
        this.#byHost.set(key, queue);
        this.#turns.push(key);
      }
      queue.push({ start: resolve });
      this.#waiting++;
      if (this.#waiting === 1) queueMicrotask(() => this.#admitNext());
    });
  }

  #admitNext(): void {
    while (this.#active < this.#limit && this.#turns.length > 0) {
      const key = this.#turns.shift()!;
      const queue = this.#byHost.get(key)!;
      const next = queue.shift()!;
      if (queue.length > 0) this.#turns.push(key);
      else this.#byHost.delete(key);
      this.#waiting--;
      this.#active++;
      next.start();
    }
  }
}

function keyOf(url: string): string {
  try {
    return hostKey(new URL(url));
  } catch {
    return url;
  }
}
