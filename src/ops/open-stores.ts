import { join, resolve } from 'node:path';
import { WiredeskError } from '../errors/index.js';
import { LAYOUT, openFileSink, openSqliteStateStore, setAsideSqliteState, type OutputSink, type StateStore } from '../store/index.js';
import type { Clock, Logger } from '../types/index.js';

/** Where a crawler's output and state live. */
export interface StoreLocation {
  outDir: string;
  /** Default: `<outDir>/.wiredesk-state`. */
  stateDir?: string | null;
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
