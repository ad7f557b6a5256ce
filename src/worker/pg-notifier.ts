import type pg from 'pg';
import { openPgClient } from '../store/index.js';
import type { Logger } from '../types/index.js';

/**
 * LISTENs on the cluster's channels (`wd_host`: a host lease was given back; `wd_queue`: an item
 * was queued) on a connection of its own, and wakes whoever waits for them. Notifications only
 * shorten waits: every wait has a timeout, so a lost connection (reconnected in the background)
 * costs latency, never correctness.
 */
export class PgNotifier {
  private client: pg.Client | null = null;
  private readonly waiters = new Map<string, Set<() => void>>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** Connects and listens (failures are logged and retried in the background). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Resolves when `topic` (`host:<host:port>`, `host` for any, or `queue`) is notified, after `ms`, or on abort. */
  wait(topic: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(topic);
      if (set === undefined) this.waiters.set(topic, (set = new Set()));
      const waiters = set;
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        waiters.delete(done);
        if (waiters.size === 0 && this.waiters.get(topic) === waiters) this.waiters.delete(topic);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
      if (signal?.aborted) done();
      else waiters.add(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    for (const set of this.waiters.values()) for (const wake of [...set]) wake();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = openPgClient(this.url);
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => {
      // A host given back wakes the waiters of that host and those of any host (source claims).
      const topics = n.channel === 'wd_host' ? [`host:${n.payload ?? ''}`, 'host'] : ['queue'];
      for (const topic of topics) {
        const set = this.waiters.get(topic);
        if (set !== undefined) for (const wake of [...set]) wake();
      }
    });
    try {
      await client.connect();
      await client.query('LISTEN wd_host');
      await client.query('LISTEN wd_queue');
      this.client = client;
    } catch (error) {
      this.logger.debug('notifier could not connect; retrying', { error: (error as Error).message });
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== null) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, 1_000);
    this.reconnectTimer.unref();
  }
}
