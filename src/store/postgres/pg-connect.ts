import type pg from 'pg';
import { WiredeskError } from '../../errors/index.js';
import { requireOnFirstUse, type Logger } from '../../types/index.js';

/**
 * pg, required on first use rather than imported: every CLI process loads the store, and only those
 * that name a database need pg (~40 ms of CPU to load its modules).
 */
const pgModule = requireOnFirstUse<typeof pg>('pg');

/** A pool of connections to one PostgreSQL database, with the bigint and error handling wiredesk wants. */
export type PgPool = pg.Pool;

/** Options of `openPgPool`. */
export interface PgPoolOptions {
  url: string;
  logger: Logger;
  /** Connections at most (default 6: a worker's source lane, host gate, queue and grouper). */
  max?: number;
  /**
   * Commits return before the database has flushed them (synchronous_commit = off): for a writer
   * that makes its work durable at barriers of its own (the grouper's group commit).
   */
  asyncCommit?: boolean;
  /** Counts every statement sent on the pool (round trips), by kind. */
  tally?: QueryTally;
}

/**
 * Round trips to the database by kind of statement (`UPDATE wd_sources`, `SELECT wd_commit`):
 * what a worker reports when it stops, so the cost per article can be read off the log.
 */
export class QueryTally {
  private readonly counts = new Map<string, number>();

  /** Counts one statement (its kind is its verb and the first wiredesk table or function it names). */
  count(sql: string): void {
    const verb = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';
    const name = /\b(wd_\w+|articles|stories)\b/.exec(sql)?.[1] ?? '';
    const kind = `${verb} ${name}`.trim();
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  /** Statements counted so far. */
  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** Counts by kind, most frequent first. */
  byKind(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort((a, b) => b[1] - a[1]));
  }
}

// int8 (bigserial, count(*)) as a JS number: every such value here stays far below 2^53.
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => (oid === 20 ? (v: string) => Number(v) : pgModule().types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

/**
 * Opens a pool on `url` (postgres://user@host:port/db). Nothing connects until the first query.
 * A pooled connection the server drops (restart, failover) is discarded and logged, never thrown:
 * the next query opens a new one.
 */
export function openPgPool(options: PgPoolOptions): PgPool {
  const pool = new (pgModule().Pool)({
    connectionString: options.url,
    max: options.max ?? 6,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types: TYPES,
    application_name: 'wiredesk',
    ...(options.asyncCommit ? { options: '-c synchronous_commit=off' } : {}),
  });
  pool.on('error', (error) => options.logger.warn('database connection dropped', { error: error.message, error_code: codeOf(error) }));
  // pg-pool listens for errors only on idle clients: it drops its listener while a client is checked
  // out (`pool.connect()`), so a server restart during a transaction emitted 'error' with no listener
  // and ended the process. The statement in flight rejects on its own and the pool discards the
  // client on release (it is no longer queryable); this listener only keeps the event from crashing.
  pool.on('connect', (client) => {
    client.on('error', (error) => options.logger.debug('database connection dropped while in use', { error: error.message, error_code: codeOf(error) }));
  });
  const tally = options.tally;
  if (tally !== undefined) {
    // Every statement runs on a pooled connection (pool.query checks one out too): counted there.
    pool.on('connect', (client) => {
      const clientQuery = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        tally.count(typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '?'));
        return clientQuery(...args);
      }) as typeof client.query;
    });
  }
  return pool;
}

/** A new single connection (advisory locks and LISTEN need their own session), with the same types. */
export function openPgClient(url: string): pg.Client {
  return new (pgModule().Client)({ connectionString: url, types: TYPES, connectionTimeoutMillis: 5_000, application_name: 'wiredesk' });
}

/** The `postgres://` URL without its password, for messages and logs. */
export function redactPgUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.href;
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** True for `postgres:` / `postgresql:` URLs (the value of `--database` and the config's `database`). */
export function isPgUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

// Connection-level failures: the server is restarting, shutting down, unreachable or dropped us.
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300', '40001', '40P01']);
const TRANSIENT_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** True when trying again later may succeed: the database is restarting or unreachable, or a connection broke. */
export function isTransientPgError(error: unknown): boolean {
  if (error instanceof WiredeskError) return error.cause !== undefined && isTransientPgError(error.cause);
  const code = codeOf(error);
  if (code !== null && (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_ERRNOS.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Connection ended/i.test(message);
}

/** The SQLSTATE or errno of a pg / socket error. */
export function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** Wraps a database failure as the fatal STORE_WRITE naming the database (transient ones are retryable). */
export function pgError(location: string, what: string, cause: unknown): WiredeskError {
  if (cause instanceof WiredeskError) return cause;
  return new WiredeskError('STORE_WRITE', `store: ${location}: ${what}: ${(cause as Error)?.message ?? String(cause)}`, {
    cause,
    retryable: isTransientPgError(cause),
    details: { path: location, sqlstate: codeOf(cause) },
  });
}

/** Options of `withPgRetry`. */
export interface PgRetryOptions {
  logger: Logger;
  /** What is being done, for the log ("claim a source"). */
  what: string;
  signal?: AbortSignal;
  /** Give up after the database has been unreachable this long (default 10 minutes). */
  giveUpAfterMs?: number;
}

/**
 * Runs `op`, and while it fails because the database is unreachable or restarting, waits (200 ms
 * doubling to 5 s) and tries again, logging the outage once and the reconnection once. For
 * idempotent operations only. Other errors, an abort, or an outage longer than `giveUpAfterMs`
 * reject.
 */
export async function withPgRetry<T>(op: () => Promise<T>, options: PgRetryOptions): Promise<T> {
  const started = Date.now();
  let delay = 200;
  let failures = 0;
  for (;;) {
    try {
      const result = await op();
      if (failures > 0) options.logger.info('database reachable again', { what: options.what, attempts: failures + 1, outage_ms: Date.now() - started });
      return result;
    } catch (error) {
      if (!isTransientPgError(error) || options.signal?.aborted === true) throw error;
      if (Date.now() - started > (options.giveUpAfterMs ?? 600_000)) throw error;
      if (failures === 0) options.logger.warn('database unavailable; backing off and reconnecting', { what: options.what, error: (error as Error).message, error_code: codeOf(error) });
      failures += 1;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
