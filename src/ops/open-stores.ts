import { join, resolve } from 'node:path';
import { WiredeskError } from '../errors/index.js';
import { hostname } from 'node:os';
import { LAYOUT, openFileSink, openPgClient, openPgStores, openSqliteStateStore, PgStateStore, setAsideSqliteState, type OutputSink, type StateStore } from '../store/index.js';
import type { Clock, Logger } from '../types/index.js';

/** Where a crawler's output and state live. */
export interface StoreLocation {
  outDir: string;
  /** Default: `<outDir>/.wiredesk-state`. */
  stateDir?: string | null;
  /** postgres:// URL: the state in PostgreSQL instead of SQLite (the one switch between backends). */
  database?: string | null;
}

/** The state directory of a location. */
export function stateDirOf(location: StoreLocation): string {
  return location.stateDir ? resolve(location.stateDir) : join(resolve(location.outDir), LAYOUT.defaultStateDir);
}

/** Opens the output sink of a location (nothing is created until the first write). */
export function openSink(location: StoreLocation, deps: { clock: Clock; logger: Logger }): Promise<OutputSink> {
  return openFileSink({ outDir: location.outDir, clock: deps.clock, logger: deps.logger });
}

/** Opens the state store for writing (created when missing). */
export function openState(location: StoreLocation): StateStore {
  return openSqliteStateStore({ stateDir: stateDirOf(location) }) as StateStore;
}

/** Opens the state store read-only, beside a running crawler; null when there is no state yet. */
export function openStateReadonly(location: StoreLocation): StateStore | null {
  return openSqliteStateStore({ stateDir: stateDirOf(location), readonly: true });
}

/**
 * Opens the state store for `state rebuild`: an unusable one (STATE_CORRUPT) is moved aside first
 * and a new one started. Returns the store and where the old one went.
 */
export function openStateForRebuild(location: StoreLocation, now: Date): { state: StateStore; movedAside: string | null } {
  try {
    return { state: openState(location), movedAside: null };
  } catch (error) {
    if (!(error instanceof WiredeskError) || error.code !== 'STATE_CORRUPT') throw error;
    const movedAside = setAsideSqliteState(stateDirOf(location), now);
    return { state: openState(location), movedAside };
  }
}

/**
 * Opens the state a crawler writes: SQLite in the state directory, or PostgreSQL when the location
 * names a database. On PostgreSQL the crawler takes the grouper role (its advisory lock, and a new
 * epoch that fences out any earlier grouper), so a `run` or `schedule` never groups beside a cluster's
 * grouper on the same database: while one holds it, this fails with LOCKED.
 */
export async function openCrawlerState(location: StoreLocation, logger: Logger): Promise<StateStore> {
  if (!location.database) return openState(location);
  // worker/index brings the whole crawl machinery with it: loaded only for a PostgreSQL state.
  const { GROUPER_LOCK } = await import('../worker/index.js');
  const stores = await openPgStores({ url: location.database, logger });
  const lock = openPgClient(location.database);
  // The session holding the advisory lock may drop (server restart); the epoch still fences this run's commits, so a lost lock is logged, not fatal.
  lock.on('error', (error) => logger.warn('grouper lock connection dropped', { error: error.message }));
  try {
    await lock.connect();
    const ok = (await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [GROUPER_LOCK])).rows[0]?.ok === true;
    if (!ok) throw new WiredeskError('LOCKED', `store: ${stores.location}: another crawler groups on this database (a cluster's grouper, or another run); try again when it is done`, { details: { path: stores.location } });
    const epoch = await stores.cluster.takeGrouperRole(`${hostname()}:${process.pid}:run`);
    const state = new PgStateStore(stores.pool, stores.location, async () => {
      await stores.cluster.leaveGrouperRole(epoch).catch(() => undefined);
      await lock.end().catch(() => undefined);
      await stores.close();
    });
    state.setFence(epoch);
    return state;
  } catch (error) {
    await lock.end().catch(() => undefined);
    await stores.close();
    throw error;
  }
}
