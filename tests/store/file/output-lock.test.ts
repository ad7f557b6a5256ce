import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log/index.js';
import { openFileSink } from '../../../src/store/index.js';
import type { Logger } from '../../../src/types/index.js';
import { fakeClock, tempDir } from '../make-records.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

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

/** A child process that takes the lock of `dir`, prints "held", and keeps it until killed (or prints "locked"). */
function holder(dir: string, wrap: string[] = []): { process: ReturnType<typeof spawn>; said: Promise<string>; exited: Promise<number | null> } {
  const script = `
    import { openFileSink } from ${JSON.stringify(join(ROOT, 'src/store/index.ts'))};
    const logger = { debug() {}, info() {}, warn() {}, error() {}, child() { return logger; } };
    const sink = await openFileSink({ outDir: ${JSON.stringify(dir)}, clock: { now: () => new Date() }, logger });
    try { await sink.acquireLock(); console.log('held'); setInterval(() => {}, 1000); }
    catch (e) { console.log(e.code === 'LOCKED' ? 'locked' : 'error ' + e.message); process.exit(0); }
  `;
  const args = [...wrap, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
  const child = spawn(args[0] as string, args.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const said = new Promise<string>((resolve) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', () => resolve(out.trim()));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, said, exited };
}

describe('output lock', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it('a second holder gets LOCKED naming the live pid; after release it can take the lock', async () => {
    const first = await openFileSink({ outDir: dir.path, clock: fakeClock(), logger: silentLogger });
    const second = await openFileSink({ outDir: dir.path, clock: fakeClock(), logger: silentLogger });
    await first.acquireLock();
    expect(existsSync(join(dir.path, '.wiredesk.lock'))).toBe(true);
    expect(await second.lockHolder()).toMatchObject({ pid: process.pid });
    const error = await second.acquireLock().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LOCKED', details: { pid: process.pid } });
    expect((error as Error).message).toContain(`process ${process.pid}`);
    await first.releaseLock();
    expect(existsSync(join(dir.path, '.wiredesk.lock'))).toBe(false);
    expect(await second.lockHolder()).toBeNull();
    await second.acquireLock();
    await second.releaseLock();
  });

  it('is released by the OS when its holder is killed with -9: the next start takes it, with a warning', async () => {
    const child = holder(dir.path);
    expect(await child.said).toBe('held');
    const other = await openFileSink({ outDir: dir.path, clock: fakeClock(), logger: silentLogger });
    await expect(other.acquireLock()).rejects.toMatchObject({ code: 'LOCKED', details: { pid: child.process.pid } });
    child.process.kill('SIGKILL');
    await child.exited;
    const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
    const next = await openFileSink({ outDir: dir.path, clock: fakeClock(), logger: recordingLogger(lines) });
    expect(await next.lockHolder()).toBeNull();
    await next.acquireLock();
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ stale_pid: child.process.pid }) }));
    expect(JSON.parse(await readFile(join(dir.path, '.wiredesk.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await next.releaseLock();
  }, 30_000);

  it('of processes racing for it, exactly one wins', async () => {
    for (let trial = 0; trial < 3; trial += 1) {
      const racers = Array.from({ length: 6 }, () => holder(dir.path));
      const said = await Promise.all(racers.map((r) => r.said));
      expect(said.filter((s) => s === 'held'), said.join(',')).toHaveLength(1);
      expect(said.filter((s) => s === 'locked')).toHaveLength(5);
      for (const r of racers) r.process.kill('SIGKILL');
      await Promise.all(racers.map((r) => r.exited));
    }
  }, 60_000);

  it('a crawler that was PID 1 in its namespace and was killed leaves no lock that blocks the next start', async () => {
    const probe = spawn('unshare', ['--pid', '--fork', '--mount-proc', 'true']);
    const works = await new Promise<boolean>((resolve) => {
      probe.on('error', () => resolve(false));
      probe.on('exit', (code) => resolve(code === 0));
    });
    if (!works) return void console.warn('output-lock: unshare --pid is not available here; PID-1 case not run');
    // --kill-child: when unshare is killed, the kernel kills the namespace's PID 1 with SIGKILL too.
    const child = holder(dir.path, ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child=SIGKILL']);
    expect(await child.said).toBe('held');
    expect(JSON.parse(await readFile(join(dir.path, '.wiredesk.lock'), 'utf8'))).toMatchObject({ pid: 1 });
    child.process.kill('SIGKILL');
    await child.exited;
    // Give the kernel a moment to reap the namespace's PID 1.
    const sink = await openFileSink({ outDir: dir.path, clock: fakeClock(), logger: silentLogger });
    for (let i = 0; i < 50 && (await sink.lockHolder()) !== null; i += 1) await new Promise((r) => setTimeout(r, 100));
    const next = await openFileSink({ outDir: dir.path, clock: fakeClock(), logger: silentLogger });
    await next.acquireLock();
    await next.releaseLock();
  }, 30_000);
});
