import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, unlink, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WiredeskError, type ErrorCode } from '../../errors/index.js';

/**
 * The file-system calls an atomic write makes, injectable so tests can simulate a full disk
 * (ENOSPC) or a failing rename without needing a real full disk.
 */
export interface AtomicFs {
  /** Creates `path` exclusively, writes all of `data`, fsyncs and closes it. */
  writeNewFileSynced(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Makes a rename in `dir` durable (default: fsync of the directory; a group-committing writer defers it). */
  syncDirectory?(dir: string): Promise<void>;
}

/** Options of `writeJsonAtomic` / `writeTextAtomic`. */
export interface AtomicWriteOptions {
  fs?: AtomicFs;
  /** Create missing parent directories (default true). */
  mkdirs?: boolean;
}

/** The real file system (fsync before rename, so a power cut never leaves an empty renamed file). */
export const nodeAtomicFs: AtomicFs = {
  async writeNewFileSynced(path, data) {
    const handle = await open(path, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
};

const TEMP_SUFFIX = '.tmp';

/**
 * Writes `value` as pretty JSON to `path` atomically: a temp file in the same directory
 * (same file system, so rename is atomic), fsync, rename over the target, fsync the directory.
 * Readers see either the old file or the new one, never a partial file. On any failure the temp
 * file is removed and a STORE_WRITE error names the path (disk full, permission denied, …).
 */
export async function writeJsonAtomic(path: string, value: unknown, options: AtomicWriteOptions = {}): Promise<void> {
  await writeTextAtomic(path, JSON.stringify(value, null, 2) + '\n', options);
}

/** Like `writeJsonAtomic` for text or bytes that are already serialised (config files, OPML imports, state snapshots). */
export async function writeTextAtomic(path: string, text: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeAtomicFs;
  const dir = dirname(path);
  const temp = tempPathFor(path);
  try {
    if (options.mkdirs ?? true) await mkdir(dir, { recursive: true });
    await fs.writeNewFileSynced(temp, text);
    await fs.rename(temp, path);
  } catch (cause) {
    await unlink(temp).catch(() => undefined);
    throw storeWriteError(path, cause);
  }
  await (fs.syncDirectory ? fs.syncDirectory(dir) : fsyncDirectory(dir));
}

/**
 * Reads and parses a JSON file. Returns null when the file does not exist; an unreadable or
 * unparsable file throws `corruptCode` (default STATE_CORRUPT) naming the path.
 */
export async function readJsonFile<T = unknown>(path: string, corruptCode: ErrorCode = 'STATE_CORRUPT'): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if (errnoOf(cause) === 'ENOENT') return null;
    throw new WiredeskError(corruptCode, `store: cannot read ${path}: ${(cause as Error).message}`, { cause, details: { path } });
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    const hint = text.length === 0 ? 'the file is empty' : `the file is not valid JSON (${(cause as Error).message})`;
    throw new WiredeskError(corruptCode, `store: ${path}: ${hint}`, { cause, details: { path } });
  }
}

/** True for names our atomic writes use for temp files. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX) && tempOwnerPid(name) !== null;
}

/**
 * Removes temp files left by a crashed writer in `dir` (and below it when `recursive`), optionally
 * only those whose name starts with `prefix`. A temp file whose writer process is still alive is
 * left alone: it may be mid-write in another process. Returns the paths removed.
 */
export async function cleanupTempFiles(dir: string, isAlive: (pid: number) => boolean, recursive = true, prefix = ''): Promise<string[]> {
  const removed: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    if (errnoOf(cause) === 'ENOENT' || errnoOf(cause) === 'ENOTDIR') return removed;
    throw storeWriteError(dir, cause);
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && recursive) removed.push(...(await cleanupTempFiles(full, isAlive, true, prefix)));
    else if (entry.isFile() && isTempFileName(entry.name) && entry.name.startsWith(prefix)) {
      const pid = tempOwnerPid(entry.name);
      if (pid !== null && pid !== process.pid && isAlive(pid)) continue;
      await unlink(full).catch(() => undefined);
      removed.push(full);
    }
  }
  return removed;
}

/** Wraps a file-system failure as the fatal STORE_WRITE error with the path and the errno code. */
export function storeWriteError(path: string, cause: unknown): WiredeskError {
  if (cause instanceof WiredeskError) return cause;
  const errno = errnoOf(cause);
  const why = errno === 'ENOSPC' ? 'disk full' : errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS' ? 'permission denied' : (cause as Error)?.message ?? String(cause);
  return new WiredeskError('STORE_WRITE', `store: cannot write ${path}: ${why}${errno ? ` (${errno})` : ''}`, { cause, details: { path, errno } });
}

/** The `code` of a Node system error (ENOENT, ENOSPC, …), or null. */
export function errnoOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

// The pid in the name lets cleanup tell a crashed writer's leftovers from a live writer's file.
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

function tempOwnerPid(name: string): number | null {
  const match = /\.(\d+)-[0-9a-f]{8}\.tmp$/.exec(name);
  return match ? Number(match[1]) : null;
}

// Makes the rename itself durable; some platforms refuse fsync on directories, which is harmless.
async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
