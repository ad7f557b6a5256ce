import type { Logger } from '../../types/index.js';
import { ClusterDb } from './pg-cluster.js';
import { openPgPool, pgError, QueryTally, redactPgUrl, withPgRetry, type PgPool } from './pg-connect.js';
import { migratePg } from './pg-schema.js';
import { PgStateStore } from './pg-state-store.js';

/** A PostgreSQL database opened for wiredesk: its pool, the state store and the cluster tables over it. */
export interface PgStores {
  /** The URL without its password (for messages). */
  location: string;
  url: string;
  pool: PgPool;
  state: PgStateStore;
  cluster: ClusterDb;
  /** Statements sent on this pool, and on any other pool opened with it (the grouper's). */
  tally: QueryTally;
  /** Ends the pool (the state store's `close` does the same). */
  close(): Promise<void>;
}

/** Options of `openPgStores`. */
export interface OpenPgOptions {
  url: string;
  logger: Logger;
  /** Connections at most. */
  max?: number;
  /** Wait for an unreachable database (at start-up) at most this long (default 60 s). */
  waitMs?: number;
}

/**
 * Connects to the database, creating or migrating wiredesk's schema (versioned; a newer schema is
 * refused), and opens the state store and cluster tables on one pool. A database that is restarting
 * or not up yet is waited for (backing off), up to `waitMs`.
 */
export async function openPgStores(options: OpenPgOptions): Promise<PgStores> {
  const location = `postgres ${redactPgUrl(options.url)}`;
  const tally = new QueryTally();
  const pool = openPgPool({ url: options.url, logger: options.logger, tally, ...(options.max ? { max: options.max } : {}) });
  let ended = false;
  const end = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    await pool.end().catch(() => undefined);
  };
  try {
    await withPgRetry(
      async () => {
        const client = await pool.connect();
        try {
          await migratePg(client, location);
        } finally {
          client.release();
        }
      },
      { logger: options.logger, what: 'open the database', giveUpAfterMs: options.waitMs ?? 60_000 },
    );
  } catch (cause) {
    await end();
    throw pgError(location, 'cannot open the database', cause);
  }
  const state = new PgStateStore(pool, location, end);
  return { location, url: options.url, pool, state, cluster: new ClusterDb(pool, location), tally, close: end };
}
