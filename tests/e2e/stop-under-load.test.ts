import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, canRunAsPid1, pid1Of, spawnCli, waitFor } from '../support/cli-process.js';
import { startHeavyWire, type HeavyWire } from '../support/heavy-wire.js';

/**
 * SIGTERM while the crawler is busy (issue 15, item 3): pages fetched faster than two workers can
 * extract them, long pages, and a feed that never answers. The promise: exit 0 (the daemon) within
 * 10 s whatever the load, with the run report written, the lock released and only whole files;
 * also when the daemon is PID 1 of its namespace (a container without an init), where a signal
 * whose handler is the default is ignored.
 */
describe.skipIf(!BUILT)('stopping under load', () => {
  let wire: HeavyWire;
  let dir: string;
  let configPath: string;

  beforeAll(async () => {
    wire = await startHeavyWire({ hosts: 8, items: 30, paragraphs: 1000 });
    dir = await mkdtemp(join(tmpdir(), 'wiredesk-stop-'));
    configPath = join(dir, 'wiredesk.json');
    await writeFile(
      configPath,
      JSON.stringify({ sources: wire.sources, fetch: { minHostGapMs: 0, perHostConcurrency: 4, maxRetries: 0, headersTimeoutMs: 120_000 }, extract: { workers: 2 } }),
    );
  });
  afterAll(async () => {
    await wire?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the daemon exits 0 within 10 s of SIGTERM, with its report written and no lock left', async () => {
    const out = join(dir, 'daemon');
    const daemon = spawnCli(['schedule', '--config', configPath, '--out', out, '--log', 'json']);
    await waitFor(() => articleCount(out).then((n) => n >= 2), 60_000, 'the first articles');
    const signalled = Date.now();
    daemon.process.kill('SIGTERM');
    const result = await daemon.exited;
    const tookMs = Date.now() - signalled;
    expect(result.code, result.stderr.slice(-2000)).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    await expectCleanStop(out);
  }, 90_000);

  it.skipIf(!canRunAsPid1())('does the same as PID 1 of its namespace', async () => {
    const out = join(dir, 'pid1');
    const daemon = spawnCli(['schedule', '--config', configPath, '--out', out, '--log', 'json'], { asPid1: true });
    const pid = await pid1Of(daemon.process.pid!);
    await waitFor(() => articleCount(out).then((n) => n >= 2), 60_000, 'the first articles');
    const signalled = Date.now();
    process.kill(pid, 'SIGTERM');
    const result = await daemon.exited;
    expect(result.code, result.stderr.slice(-2000)).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    await expectCleanStop(out);
  }, 90_000);

  it('`run` stops the same way on SIGTERM, exiting 3 with a report that names what was cut short', async () => {
    const out = join(dir, 'run');
    const run = spawnCli(['run', '--config', configPath, '--out', out, '--log', 'json']);
    await waitFor(() => articleCount(out).then((n) => n >= 2), 60_000, 'the first articles');
    const signalled = Date.now();
    run.process.kill('SIGTERM');
    const result = await run.exited;
    expect(result.code, result.stderr.slice(-2000)).toBe(3);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    const report = await expectCleanStop(out);
    expect(report.sources.length).toBe(9);
    expect(report.sources.some((s) => s.error?.code === 'ABORTED' || s.failures.some((f) => f.code === 'ABORTED'))).toBe(true);
  }, 90_000);
});

interface ReportShape {
  sources: { name: string; error: { code: string } | null; failures: { code: string }[] }[];
  written: { articles: string[] };
}

/** After a stop: a run report (latest-run.json), no lock, every JSON file whole, every article listed in a story. */
async function expectCleanStop(out: string): Promise<ReportShape> {
  expect(existsSync(join(out, '.wiredesk.lock'))).toBe(false);
  const latest = JSON.parse(await readFile(join(out, 'latest-run.json'), 'utf8')) as { path: string };
  const report = JSON.parse(await readFile(join(out, latest.path), 'utf8')) as ReportShape;
  expect(report.sources.length).toBeGreaterThan(0);
  const broken: string[] = [];
  for (const file of await jsonFiles(out)) {
    try {
      JSON.parse(await readFile(file, 'utf8'));
    } catch {
      broken.push(file);
    }
  }
  expect(broken).toEqual([]);
  return report;
}

async function jsonFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(e.parentPath, e.name));
}

async function articleCount(out: string): Promise<number> {
  if (!existsSync(join(out, 'articles'))) return 0;
  try {
    const entries = await readdir(join(out, 'articles'), { recursive: true });
    return entries.filter((e) => e.endsWith('.json')).length;
  } catch {
    return 0;
  }
}
