import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { WiredeskError } from '../../errors/index.js';
import type { Logger } from '../../types/index.js';
import { errnoOf, storeWriteError, writeTextAtomic } from './atomic-write.js';
import { LAYOUT } from './store-layout.js';

/** What the lock's info file says about its holder (informational: the OS lock decides). */
export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
}

/** A held output lock. */
export interface HeldLock {
  readonly info: LockInfo;
  /** True when the previous holder was killed (its info file was still there). */
  readonly uncleanBefore: boolean;
  release(): Promise<void>;
}

/**
 * Takes the output directory's lock: an exclusive lock on `.wiredesk.lock.db`, held by the
 * operating system for this process (SQLite's POSIX advisory lock). The OS lets go when the
 * process ends however it ends, so a crawler killed with -9, or one that was PID 1 in a
 * container, never leaves a lock that blocks the next start, and two processes racing for it can
 * never both win. `.wiredesk.lock` then names the holder for people and for LOCKED messages; a
 * stale one (left by a killed crawler) is simply replaced.
 */
export async function acquireOutputLock(outDir: string, options: { logger: Logger; now: () => Date }): Promise<HeldLock> {
  const dbPath = join(outDir, LAYOUT.lockDb);
  const infoPath = join(outDir, LAYOUT.lockFile);
  let db: Database.Database;
  try {
    await mkdir(outDir, { recursive: true });
    db = new Database(dbPath, { timeout: 0 });
  } catch (cause) {
    throw storeWriteError(dbPath, cause);
  }
  try {
    db.pragma('journal_mode = DELETE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (cause) {
    db.close();
    if ((cause as { code?: string }).code === 'SQLITE_BUSY') throw lockedError(infoPath, await readLockInfo(infoPath));
    throw storeWriteError(dbPath, cause);
  }
  const previous = await readLockInfo(infoPath);
  if (previous) options.logger.warn('the previous crawler did not shut down cleanly; its lock was released by the OS', { stale_pid: previous.pid, stale_host: previous.hostname, stale_started_at: previous.startedAt });
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: options.now().toISOString(), token: randomBytes(8).toString('hex') };
  try {
    await writeTextAtomic(infoPath, JSON.stringify(info) + '\n');
  } catch (error) {
    db.close();
    throw error;
  }
  let released = false;
  return {
    info,
    uncleanBefore: previous !== null,
    async release() {
      if (released) return;
      released = true;
      await unlink(infoPath).catch((cause) => {
        if (errnoOf(cause) !== 'ENOENT') options.logger.warn('could not remove the lock info file', { path: infoPath, error: (cause as Error).message });
      });
      db.close();
    },
  };
}

/**
 * The holder of the output lock right now, or null when no process holds it (an info file left by
 * a killed crawler does not count). Takes nothing: the test lock is released at once.
 */
export async function currentLockHolder(outDir: string): Promise<LockInfo | null> {
  const dbPath = join(outDir, LAYOUT.lockDb);
  let db: Database.Database;
  try {
    db = new Database(dbPath, { timeout: 0, fileMustExist: true });
  } catch {
    return null; // never locked here
  }
  try {
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return null;
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'SQLITE_BUSY') return null;
    return (await readLockInfo(join(outDir, LAYOUT.lockFile))) ?? { pid: 0, hostname: 'unknown', startedAt: 'unknown', token: '' };
  } finally {
    db.close();
  }
}

/** The lock info file's content (null when absent or unreadable). */
export async function readLockInfo(path: string): Promise<LockInfo | null> {
  try {
    const json = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    return typeof json.pid === 'number' && typeof json.hostname === 'string' ? (json as LockInfo) : null;
  } catch {
    return null;
  }
}

function lockedError(path: string, holder: LockInfo | null): WiredeskError {
  const who = holder ? `process ${holder.pid} on ${holder.hostname} (since ${holder.startedAt})` : 'another process';
  return new WiredeskError('LOCKED', `store: output directory is locked by ${who}; lock file ${path}`, {
    details: { path, pid: holder?.pid ?? null, hostname: holder?.hostname ?? null, startedAt: holder?.startedAt ?? null },
  });
}
