import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSourcesConfig, startDemoWire, type DemoWire } from '../../src/demo/index.js';
import { BIN, BUILT, ROOT } from '../support/cli-process.js';
import { renderTerminal } from '../support/render-terminal.js';

const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const PROGRESS = /sources \d+\/\d+ · articles \d+\/\d+/;

/**
 * `wiredesk run` on a real terminal (a pseudo-terminal from util-linux `script`), logging while its
 * progress line is up (issue 15, item 5): on the screen no log line may run into the progress line.
 */
describe.skipIf(!BUILT || !HAS_SCRIPT)('progress on a terminal', () => {
  let wire: DemoWire;
  let dir: string;

  beforeAll(async () => {
    wire = await startDemoWire();
    dir = await mkdtemp(join(tmpdir(), 'wiredesk-tty-'));
  });
  afterAll(async () => {
    await wire?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('never lets a log line run into the progress line', async () => {
    const config = join(dir, 'wiredesk.json');
    const sources = demoSourcesConfig(wire).map((s) => ({ name: s.name, url: s.url, allowPrivateNetwork: true }));
    await writeFile(config, JSON.stringify({ sources, fetch: { minHostGapMs: 20, maxRetries: 1 }, extract: { workers: 0 } }));
    const screen = await onTerminal(`node ${BIN} run --config ${config} --out ${join(dir, 'out')} --verbose`);
    const lines = renderTerminal(screen);
    // It did log and show progress while running (the raw stream has both).
    expect(screen).toMatch(PROGRESS);
    expect(lines.filter((l) => / (INFO|DEBUG|WARN) /.test(l)).length).toBeGreaterThan(3);
    // On the screen, a line with the progress text holds nothing else.
    const mixed = lines.filter((l) => PROGRESS.test(l) && l.replace(PROGRESS, '').trim() !== '');
    expect(mixed).toEqual([]);
  }, 60_000);
});

/** Runs `command` on a pseudo-terminal; resolves with everything the terminal received. */
function onTerminal(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, COLUMNS: '200' } });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
}
