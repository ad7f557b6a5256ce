import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSourcesConfig, startDemoWire, type DemoWire } from '../../src/demo/index.js';
import { BIN, BUILT, ROOT } from '../support/cli-process.js';

/**
 * A closed output pipe (issue 15, item 4): `wiredesk … | head -1` must end the command quietly and
 * cleanly (no stack trace, lock released, state consistent), not crash on the EPIPE.
 */
describe.skipIf(!BUILT)('a closed output pipe', () => {
  let wire: DemoWire;
  let dir: string;
  let configPath: string;

  beforeAll(async () => {
    wire = await startDemoWire();
    dir = await mkdtemp(join(tmpdir(), 'wiredesk-epipe-'));
    configPath = join(dir, 'wiredesk.json');
    const sources = demoSourcesConfig(wire).map((s) => ({ name: s.name, url: s.url, allowPrivateNetwork: true }));
    await writeFile(configPath, JSON.stringify({ sources, fetch: { minHostGapMs: 20, maxRetries: 1 }, extract: { workers: 0 } }));
  });
  afterAll(async () => {
    await wire?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('`run … 2>&1 | head -1` stops the crawl cleanly: report written, no lock, and the next run completes', async () => {
    const out = join(dir, 'run');
    const piped = await shell(`node ${BIN} run --config ${configPath} --out ${out} --log json 2>&1 | head -1`);
    // The pipeline's status is the crawler's own (pipefail): a stopped run, not a crash (1) or a signal.
    expect(piped.code, piped.stdout + piped.stderr).toBe(3);
    expect(piped.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(existsSync(join(out, '.wiredesk.lock'))).toBe(false);
    const latest = JSON.parse(await readFile(join(out, 'latest-run.json'), 'utf8')) as { path: string };
    expect(existsSync(join(out, latest.path))).toBe(true);
    const again = await shell(`node ${BIN} run --config ${configPath} --out ${out} --log json > /dev/null 2>&1`);
    expect(again.code).toBe(0);
  }, 60_000);

  it('`cluster … | head -1` ends quietly: no stack trace, exit 0', async () => {
    const input = join(dir, 'docs.jsonl');
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `d${i}`, title: `Report ${i}`, text: `Officials said on day ${i} that the bridge ${i % 17} would reopen after repairs to its supports.`, publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }));
    await writeFile(input, lines.join('\n') + '\n');
    const errors = join(dir, 'cluster-stderr.txt');
    const piped = await shell(`node ${BIN} cluster --input ${input} --window 1h 2>${errors} | head -1`);
    expect(piped.code).toBe(0);
    expect(piped.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(await readFile(errors, 'utf8')).toBe('');
  }, 60_000);
});

/** Runs a bash pipeline with pipefail; resolves with its status and output. */
function shell(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
