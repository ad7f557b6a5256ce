import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Logger } from '../../src/types/index.js';
import { fakeClock, listFiles, tempDir } from './make-records.js';

function recordingLogger(lines: { level: string; msg: string; fields?: Record<string, unknown> }[]): Logger {
  const logger: Logger = {
    debug: (msg, fields) => void lines.push({ level: 'debug', msg, fields }),
    info: (msg, fields) => void lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => void lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => void lines.push({ level: 'error', msg, fields }),
    child: () => logger,
  };
  return logger;
}

/** A pid that certainly belonged to a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 999_999_999;
}

describe('output directory lock', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it('a second holder gets LOCKED naming the live pid; after release it can take the lock', async () => {
    const logger = recordingLogger([]);
    const first = await openStore({ outDir: dir.path, clock: fakeClock(), logger });
    const second = await openStore({ outDir: dir.path, clock: fakeClock(), logger });
    await first.acquireLock();
    const error = await second.acquireLock().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LOCKED', details: { pid: process.pid } });
    expect((error as Error).message).toContain(`process ${process.pid}`);
    await first.releaseLock();
    await second.acquireLock();
    await second.releaseLock();
    expect(await listFiles(dir.path)).toEqual([]);
  });

  it('takes over a stale lock whose process is gone, with a warning', async () => {
    const pid = await deadPid();
    const { hostname } = await import('node:os');
    await writeFile(join(dir.path, '.wiredesk.lock'), JSON.stringify({ pid, hostname: hostname(), startedAt: '2026-11-20T00:00:00Z', token: 'old' }));
    const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
    const store = await openStore({ outDir: dir.path, clock: fakeClock(), logger: recordingLogger(lines) });
    await store.acquireLock();
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ stale_pid: pid }) }));
    const other = await openStore({ outDir: dir.path, clock: fakeClock(), logger: recordingLogger([]) });
    await expect(other.acquireLock()).rejects.toMatchObject({ code: 'LOCKED', details: { pid: process.pid } });
    await store.releaseLock();
  });

  it('treats a garbage lock file as stale', async () => {
    await writeFile(join(dir.path, '.wiredesk.lock'), 'garbage');
    const store = await openStore({ outDir: dir.path, clock: fakeClock(), logger: recordingLogger([]) });
    await store.acquireLock();
    await store.releaseLock();
    expect(await listFiles(dir.path)).toEqual([]);
  });

  it('does not remove a lock that another process took over', async () => {
    const store = await openStore({ outDir: dir.path, clock: fakeClock(), logger: recordingLogger([]) });
    await store.acquireLock();
    const { hostname } = await import('node:os');
    await writeFile(join(dir.path, '.wiredesk.lock'), JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: 'x', token: 'theirs' }));
    await store.releaseLock();
    expect(await listFiles(dir.path)).toEqual(['.wiredesk.lock']);
  });
});
