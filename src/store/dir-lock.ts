import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { WiredeskError } from '../errors/index.js';
import type { Logger } from '../types/index.js';
import { errnoOf, storeWriteError, writeTextAtomic } from './atomic-write.js';

/** What the lock file says about its holder. */
export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
}

/** A held lock; `release` removes the file only if it is still ours. */
export interface HeldLock {
  readonly path: string;
  readonly info: LockInfo;
  release(): Promise<void>;
}

/** Options of `acquireDirLock`. */
export interface AcquireLockOptions {
  path: string;
  logger: Logger;
  now: () => Date;
  /** Liveness check of a pid (injectable for tests). */
  isAlive?: (pid: number) => boolean;
}

/**
 * Takes the lock file at `path`. The content is written to a temp file first and then hard-linked
 * into place, so the lock appears atomically with its content (link fails with EEXIST if another
 * process holds it). A live holder → LOCKED with details.pid; a holder on this host whose process
 * is gone → the stale lock is taken over with a warning. A holder on another host is assumed alive.
 */
export async function acquireDirLock(options: AcquireLockOptions): Promise<HeldLock> {
  const isAlive = options.isAlive ?? isProcessAlive;
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: options.now().toISOString(), token: randomBytes(8).toString('hex') };
  const temp = join(dirname(options.path), `.wiredesk.lock.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(options.path), { recursive: true });
    await writeTextAtomic(temp, JSON.stringify(info) + '\n');
  } catch (cause) {
    throw storeWriteError(options.path, cause);
  }
  try {
    // Two attempts: the second follows the removal of a stale lock.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(temp, options.path);
        return heldLock(options.path, info);
      } catch (cause) {
        if (errnoOf(cause) !== 'EEXIST') throw storeWriteError(options.path, cause);
      }
      const holder = await readLockInfo(options.path);
      if (holder === undefined) continue; // vanished between link and read: just retry
      if (holder !== null && (holder.hostname !== info.hostname || isAlive(holder.pid))) {
        throw lockedError(options.path, holder);
      }
      options.logger.warn('taking over a stale lock (its process is gone)', {
        lock_path: options.path,
        stale_pid: holder?.pid ?? null,
        stale_started_at: holder?.startedAt ?? null,
      });
      await unlink(options.path).catch((cause) => {
        if (errnoOf(cause) !== 'ENOENT') throw storeWriteError(options.path, cause);
      });
    }
    const holder = await readLockInfo(options.path);
    throw lockedError(options.path, holder ?? null);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Reads a lock file: undefined when missing, null when unreadable (a stale half-made lock). */
export async function readLockInfo(path: string): Promise<LockInfo | null | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    return errnoOf(cause) === 'ENOENT' ? undefined : null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockInfo>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return null;
    return { pid: parsed.pid, hostname: parsed.hostname, startedAt: String(parsed.startedAt ?? ''), token: String(parsed.token ?? '') };
  } catch {
    return null;
  }
}

/** True when a process with this pid exists (EPERM means it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}

function heldLock(path: string, info: LockInfo): HeldLock {
  let released = false;
  return {
    path,
    info,
    async release() {
      if (released) return;
      released = true;
      const current = await readLockInfo(path);
      // Never remove a lock someone else took over (e.g. after we were wrongly judged stale).
      if (current && current.token === info.token) await unlink(path).catch(() => undefined);
    },
  };
}

function lockedError(path: string, holder: LockInfo | null): WiredeskError {
  const who = holder ? `process ${holder.pid} on ${holder.hostname} (since ${holder.startedAt})` : 'another process';
  return new WiredeskError('LOCKED', `store: output directory is locked by ${who}; lock file ${path}`, {
    details: { path, pid: holder?.pid ?? null, hostname: holder?.hostname ?? null, startedAt: holder?.startedAt ?? null },
  });
}
