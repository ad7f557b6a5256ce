import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { nodeAtomicFs, openFileSink, readJsonFile, writeJsonAtomic, type AtomicFs } from '../../src/store/index.js';
import { fakeClock, listFiles, makeArticle, tempDir } from './make-records.js';

/** True when a read-only directory really refuses writes (root or CAP_DAC_OVERRIDE ignore chmod). */
async function chmodIsEffective(dir: string): Promise<boolean> {
  const probe = join(dir, 'probe');
  await mkdir(probe);
  await chmod(probe, 0o555);
  try {
    await writeFile(join(probe, 'x'), 'x');
    return false;
  } catch {
    return true;
  } finally {
    await chmod(probe, 0o755);
    await rm(probe, { recursive: true, force: true });
  }
}

describe('writeJsonAtomic / readJsonFile', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(async () => {
    await chmod(dir.path, 0o755).catch(() => undefined);
    await dir.remove();
  });

  it('replaces a file whole and creates missing directories', async () => {
    const path = join(dir.path, 'a', 'b', 'x.json');
    await writeJsonAtomic(path, { v: 1 });
    await writeJsonAtomic(path, { v: 2, big: 'y'.repeat(100_000) });
    expect(await readJsonFile(path)).toMatchObject({ v: 2 });
    expect(await listFiles(dir.path)).toEqual(['a/b/x.json']);
  });

  it('returns null for a missing file and names the path of an unparsable one', async () => {
    expect(await readJsonFile(join(dir.path, 'none.json'))).toBeNull();
    const bad = join(dir.path, 'bad.json');
    await writeFile(bad, '{"a":');
    await expect(readJsonFile(bad)).rejects.toMatchObject({ code: 'STATE_CORRUPT', details: { path: bad } });
  });

  it('on a full disk fails with STORE_WRITE naming the path, keeps the old file and leaves no temp file', async () => {
    const path = join(dir.path, 'x.json');
    await writeJsonAtomic(path, { v: 'old' });
    const fullDisk: AtomicFs = {
      ...nodeAtomicFs,
      async writeNewFileSynced(temp, data) {
        // Half of the bytes land, then the disk is full: exactly the partial file we must not leave.
        await writeFile(temp, data.slice(0, data.length / 2), { flag: 'wx' });
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    const error = await writeJsonAtomic(path, { v: 'new' }, { fs: fullDisk }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_WRITE', details: { path, errno: 'ENOSPC' } });
    expect((error as Error).message).toContain('disk full');
    expect(await readJsonFile(path)).toEqual({ v: 'old' });
    expect(await listFiles(dir.path)).toEqual(['x.json']);
  });

  it('an output on a full disk fails the article write with STORE_WRITE and no partial file', async () => {
    const fullDisk: AtomicFs = {
      ...nodeAtomicFs,
      async writeNewFileSynced(temp, data) {
        await writeFile(temp, data.slice(0, 10), { flag: 'wx' });
        throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      },
    };
    const sink = await openFileSink({ outDir: dir.path, clock: fakeClock(), logger: silentLogger, fs: fullDisk });
    await expect(sink.writeArticle(makeArticle('a1'), '2026-11-20')).rejects.toMatchObject({ code: 'STORE_WRITE' });
    expect((await listFiles(dir.path)).filter((f) => f.endsWith('.tmp') || f.endsWith('.json'))).toEqual([]);
  });

  it('on a read-only directory fails with STORE_WRITE (permission denied) and leaves nothing', async (ctx) => {
    if (!(await chmodIsEffective(dir.path))) ctx.skip('running with privileges that ignore chmod (root): permission test not meaningful');
    const ro = join(dir.path, 'ro');
    await mkdir(ro);
    await writeJsonAtomic(join(ro, 'keep.json'), { v: 1 });
    await chmod(ro, 0o555);
    try {
      const error = await writeJsonAtomic(join(ro, 'keep.json'), { v: 2 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'STORE_WRITE', details: { path: join(ro, 'keep.json') } });
      expect((error as Error).message).toContain('permission denied');
      const sink = await openFileSink({ outDir: ro, clock: fakeClock(), logger: silentLogger });
      await expect(sink.writeArticle(makeArticle('a1'), '2026-11-20')).rejects.toMatchObject({ code: 'STORE_WRITE' });
      await expect(sink.acquireLock()).rejects.toMatchObject({ code: 'STORE_WRITE' });
    } finally {
      await chmod(ro, 0o755);
    }
    expect(await listFiles(ro)).toEqual(['keep.json']);
    expect(await readJsonFile(join(ro, 'keep.json'))).toEqual({ v: 1 });
  });
});
