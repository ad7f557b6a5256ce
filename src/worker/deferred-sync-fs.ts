import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AtomicFs } from '../store/index.js';

/** fsyncs issued at once by a flush (the file system merges them into few journal commits). */
const FLUSH_CONCURRENCY = 16;

/**
 * Atomic writes whose fsyncs wait for a barrier: each file is still written to a temp file and
 * renamed over the target (a reader, or a process killed at any moment, sees the old or the new
 * file, never half of one), but the fsync of the file and of its directory happens at `flush()`,
 * together for a whole batch. The grouper's group commit: a batch's state is made durable only
 * after its flush, and until then the batch's intents say what to put right after a power cut.
 */
export class DeferredSyncFs implements AtomicFs {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();

  async writeNewFileSynced(path: string, data: string): Promise<void> {
    const handle = await open(path, 'wx', 0o644);
    try {
      await handle.writeFile(data, 'utf8');
    } finally {
      await handle.close();
    }
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(from, to);
    this.files.add(to);
    this.dirs.add(dirname(to));
  }

  async syncDirectory(dir: string): Promise<void> {
    this.dirs.add(dir);
  }

  /** Files and directories written since the last flush. */
  get pending(): number {
    return this.files.size + this.dirs.size;
  }

  /** fsyncs every file written since the last flush, then their directories. */
  async flush(): Promise<void> {
    const files = [...this.files];
    const dirs = [...this.dirs];
    this.files.clear();
    this.dirs.clear();
    await syncAll(files);
    await syncAll(dirs);
  }
}

async function syncAll(paths: string[]): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++] as string;
      let handle;
      try {
        handle = await open(path, 'r');
        await handle.sync();
      } catch {
        // removed since (a story that ended), or a directory that refuses fsync: nothing to make durable
      } finally {
        await handle?.close().catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FLUSH_CONCURRENCY, paths.length) }, lane));
}
