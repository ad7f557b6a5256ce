import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSourcesConfig, startDemoWire, type DemoWire } from '../../src/demo/index.js';
import { seededRandom } from '../support/seeded-random.js';
import { kindOfPath, loadSchemaValidators, schemaErrors } from '../store/schema-validator.js';

/**
 * kill -9 at random moments of a real crawl of the demo wire (the built CLI in a child process):
 * after every kill each JSON file of the output directory parses and validates, and one more run
 * completes the set with exactly the article ids of an uninterrupted run. Then the daemon: a `run`
 * beside it exits 4 naming it, SIGTERM stops it cleanly with exit 0 within 10 s, and a second
 * signal ends it at once without damage.
 *
 * Needs the build (`npm run build`; `npm ci` does it through `prepare`).
 * Seed: WIREDESK_CRASH_SEED (default 20261121), printed so a failure can be replayed.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'wiredesk.js');
const BUILT = existsSync(join(ROOT, 'dist', 'cli', 'main.js'));
const KILLS = 20;
const SEED = Number(process.env['WIREDESK_CRASH_SEED'] ?? 20261121);

if (!BUILT) console.warn('crash-safety: dist/ is missing, skipping; run `npm run build` first (npm ci builds through `prepare`)');

const VALIDATORS = loadSchemaValidators();

describe.skipIf(!BUILT)('crash safety against the demo wire', () => {
  let wire: DemoWire;
  let dir: string;
  let configPath: string;
  let referenceIds: string[];
  let referenceMs: number;
  let referenceFiles: number;

  beforeAll(async () => {
    wire = await startDemoWire();
    dir = await mkdtemp(join(tmpdir(), 'wiredesk-crash-'));
    configPath = join(dir, 'wiredesk.json');
    // Loopback hosts of our own: short politeness gaps and inline extraction keep each crawl short.
    const sources = demoSourcesConfig(wire).map((s) => ({ name: s.name, url: s.url, allowPrivateNetwork: true }));
    await writeFile(configPath, JSON.stringify({ sources, fetch: { minHostGapMs: 20, maxRetries: 1 }, extract: { workers: 0 } }));
    const started = Date.now();
    const reference = await runToEnd(join(dir, 'reference'));
    referenceMs = Date.now() - started;
    expect(reference.code, reference.stderr).toBe(0);
    referenceIds = await articleIds(join(dir, 'reference'));
    expect(referenceIds.length).toBeGreaterThanOrEqual(9);
    referenceFiles = await recordFileCount(join(dir, 'reference'));
  }, 60_000);

  afterAll(async () => {
    await wire?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`survives ${KILLS} kill -9 at random moments (seed ${SEED}) and completes on the next run`, async () => {
    const random = seededRandom(SEED);
    const out = join(dir, 'crashed');
    let killed = 0;
    let killedWhileWriting = 0;
    let completedOnTheirOwn = 0;
    for (let i = 0; i < KILLS; i++) {
      const before = await recordFileCount(out);
      const child = spawnCli(['run', '--config', configPath, '--out', out]);
      // Half the moments anywhere in the crawl (start-up, fetching, extraction); half inside the
      // short write phase at the end, where a kill can cut a file or the state in two.
      const moment = i % 2 === 0 ? { afterMs: Math.floor(random() * referenceMs) } : { afterFiles: before + 1 + Math.floor(random() * referenceFiles), extraMs: Math.floor(random() * 15) };
      const exitedEarly = await Promise.race([child.exited.then(() => true), reached(moment, out, child).then(() => false)]);
      if (!exitedEarly) {
        child.process.kill('SIGKILL');
        killed++;
      }
      const result = await child.exited;
      expect(await invalidFiles(out), `after kill ${i} (${JSON.stringify(moment)})`).toEqual([]);
      const written = await recordFileCount(out);
      if (!exitedEarly && written > before) killedWhileWriting++;
      if (exitedEarly) {
        // The crawl finished before the kill: it must be complete; start over so later kills hit real work.
        expect(result.code, result.stderr).toBe(0);
        expect(await articleIds(out)).toEqual(referenceIds);
        completedOnTheirOwn++;
        await rm(out, { recursive: true, force: true });
      }
    }
    // Most kills must land inside a crawl, some of them while files were being written, or the test proves little.
    expect(killed).toBeGreaterThanOrEqual(KILLS / 2);
    expect(killedWhileWriting).toBeGreaterThanOrEqual(3);

    const final = await runToEnd(out);
    expect([0, 3], final.stderr).toContain(final.code);
    expect(await invalidFiles(out)).toEqual([]);
    expect(await articleIds(out)).toEqual(referenceIds);
    expect(await articleFileCount(out)).toBe(referenceIds.length);
    expect(await storyMembershipProblems(out)).toEqual([]);
    console.info(`crash-safety: seed ${SEED}: ${killed} kills inside a crawl (${killedWhileWriting} while writing), ${completedOnTheirOwn} crawls finished first; reference crawl ${referenceMs} ms`);
  }, 120_000);

  it('the daemon stops on SIGTERM with exit 0 within 10 s, and a second signal exits at once', async () => {
    const out = join(dir, 'daemon');
    const daemon = spawnCli(['schedule', '--config', configPath, '--out', out]);
    // Wait for the first scheduled crawl to finish (latest-run.json is written last).
    await waitFor(() => existsSync(join(out, 'latest-run.json')), 30_000);
    // While the daemon holds the output directory, a `run` exits 4 and names the holder.
    const second = await runToEnd(out);
    expect(second.code).toBe(4);
    expect(second.stderr).toContain(`process ${daemon.process.pid}`);
    const signalled = Date.now();
    daemon.process.kill('SIGTERM');
    const stopped = await daemon.exited;
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(existsSync(join(out, '.wiredesk.lock'))).toBe(false);
    expect(await articleIds(out)).toEqual(referenceIds);

    // Mid-crawl, two signals: the process must end promptly, leaving only whole files.
    const fresh = join(dir, 'daemon-twice');
    const interrupted = spawnCli(['schedule', '--config', configPath, '--out', fresh]);
    await waitFor(() => existsSync(join(fresh, 'articles')), 30_000);
    const twice = Date.now();
    interrupted.process.kill('SIGTERM');
    await sleep(20);
    interrupted.process.kill('SIGTERM');
    await interrupted.exited;
    expect(Date.now() - twice).toBeLessThan(5_000);
    expect(await invalidFiles(fresh)).toEqual([]);
    const resumed = await runToEnd(fresh);
    expect([0, 3], resumed.stderr).toContain(resumed.code);
    expect(await articleIds(fresh)).toEqual(referenceIds);
  }, 90_000);

  async function runToEnd(out: string): Promise<{ code: number | null; stderr: string }> {
    return spawnCli(['run', '--config', configPath, '--out', out]).exited;
  }
});

interface SpawnedCli {
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function spawnCli(args: string[]): SpawnedCli {
  const child = spawn(process.execPath, [BIN, ...args, '--log', 'json', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { process: child, exited };
}

/** Every JSON file under `out` that does not parse or does not match its schema, with why. */
async function invalidFiles(out: string): Promise<string[]> {
  const problems: string[] = [];
  for (const file of await jsonFiles(out)) {
    const rel = relative(out, file);
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      problems.push(`${rel}: ${(error as Error).message}`);
      continue;
    }
    const kind = kindOfPath(rel);
    if (kind === null) continue;
    for (const why of schemaErrors(VALIDATORS[kind], value)) problems.push(`${rel} (${kind}): ${why}`);
  }
  return problems;
}

async function jsonFiles(root: string): Promise<string[]> {
  for (;;) {
    if (!existsSync(root)) return [];
    try {
      const entries = await readdir(root, { withFileTypes: true, recursive: true });
      return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(e.parentPath, e.name));
    } catch (error) {
      // A crawler running beside the poll may remove an emptied day folder mid-listing: list again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Sorted article ids from the article files (the file name is the id). */
async function articleIds(out: string): Promise<string[]> {
  const files = (await jsonFiles(join(out, 'articles'))).map((f) => f.slice(f.lastIndexOf('/') + 1, -'.json'.length));
  return [...new Set(files)].sort();
}

/** Nothing duplicated across stories either: each article is a member of exactly its own story. */
async function storyMembershipProblems(out: string): Promise<string[]> {
  const problems: string[] = [];
  const storiesOf = new Map<string, string[]>();
  for (const file of await jsonFiles(join(out, 'stories'))) {
    const story = JSON.parse(await readFile(file, 'utf8')) as { id: string; members: string[] };
    for (const id of story.members) storiesOf.set(id, [...(storiesOf.get(id) ?? []), story.id]);
  }
  for (const file of await jsonFiles(join(out, 'articles'))) {
    const article = JSON.parse(await readFile(file, 'utf8')) as { id: string; story: { id: string } };
    const owners = storiesOf.get(article.id) ?? [];
    if (owners.length !== 1 || owners[0] !== article.story.id) problems.push(`${article.id}: story ${article.story.id}, listed by [${owners.join(', ')}]`);
  }
  return problems;
}

/** Article and story files (what a crawl writes many of). */
async function recordFileCount(out: string): Promise<number> {
  return (await jsonFiles(out)).filter((f) => /\/(articles|stories)\//.test(f)).length;
}

/** Resolves at the chosen moment: after a delay, or once the crawl has written a number of files. */
async function reached(moment: { afterMs: number } | { afterFiles: number; extraMs: number }, out: string, child: SpawnedCli): Promise<void> {
  if ('afterMs' in moment) return sleep(moment.afterMs);
  let done = false;
  void child.exited.then(() => (done = true));
  // Polled rather than watched: fs.watch misses renames into new subdirectories.
  while (!done && (await recordFileCount(out)) < moment.afterFiles) await sleep(2);
  await sleep(moment.extraMs);
}

async function articleFileCount(out: string): Promise<number> {
  return (await jsonFiles(join(out, 'articles'))).length;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(25);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
