import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindOfPath, loadSchemaValidators, schemaErrors } from '../store/schema-validator.js';
import type { ClusterWire } from '../support/cluster-wire.js';

/**
 * Helpers of the cluster tests: the built CLI in child processes (workers, single-process runs),
 * their JSON logs, and readings of an output directory (article ids, story partition, copies,
 * schema problems).
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'wiredesk.js');
/** The cluster tests run the built CLI: `npm run build` first (`npm ci` builds through `prepare`). */
export const BUILT = existsSync(join(ROOT, 'dist', 'cli', 'main.js'));

/** A CLI process and what it printed. */
export interface Spawned {
  process: ChildProcess;
  logs: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * Node flags of the launcher's shebang (`--single-threaded-gc`): the CLI runs here as users run it.
 * Started as `node bin/wiredesk.js` without them, three workers spent ~3 % of their CPU in parallel
 * scavenger and concurrent marking threads on two shared cores.
 */
const LAUNCHER_FLAGS = /^#!.*\bnode\b(.*)$/m.exec(readFileSync(BIN, 'utf8').split('\n')[0] ?? '')?.[1]?.trim().split(/\s+/).filter((f) => f.startsWith('--')) ?? [];

const running = new Set<ChildProcess>();

/** Kills (SIGKILL) every CLI process these helpers started that is still running (after a failed test). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Starts `wiredesk …args` with JSON logs on stderr, parsed as they come. */
export function spawnCli(args: string[], options: { verbose?: boolean } = {}): Spawned {
  // WD_NODE_FLAGS: extra node flags for every CLI process (`--cpu-prof --cpu-prof-dir=DIR` to profile workers).
  const child = spawn(process.execPath, [...LAUNCHER_FLAGS, ...(process.env['WD_NODE_FLAGS']?.split(' ') ?? []), BIN, ...args, '--log', 'json', ...(options.verbose ? ['--verbose'] : [])], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  child.on('close', () => running.delete(child));
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stderr += text;
    partial += text;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push({ ...(JSON.parse(line) as Record<string, unknown>), seen_at_ms: Date.now() });
      } catch {
        // not a log line
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { process: child, logs, exited };
}

/** Writes a config for the wire: every feed a source on a private (loopback) host, inline extraction. */
export async function writeWireConfig(path: string, wire: ClusterWire, fetch: Record<string, unknown>): Promise<void> {
  const sources = wire.feeds.map((f) => ({ name: f.name, url: f.url, allowPrivateNetwork: true }));
  await writeFile(path, JSON.stringify({ sources, fetch: { maxRetries: 2, retryBaseDelayMs: 100, ...fetch }, extract: { workers: 0 } }));
}

/** Starts `n` workers with `--once` on one database and output. */
export function startWorkers(n: number, config: string, out: string, database: string, extra: string[] = []): Spawned[] {
  return Array.from({ length: n }, () => spawnCli(['worker', '--once', '--config', config, '--out', out, '--database', database, ...extra]));
}

/** Every JSON file under `out` that does not parse or does not match its schema. */
export async function invalidFiles(out: string): Promise<string[]> {
  const validators = loadSchemaValidators();
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
    if (kind !== null) for (const why of schemaErrors(validators[kind], value)) problems.push(`${rel} (${kind}): ${why}`);
  }
  return problems;
}

/** What a crawl left: article ids, the story partition (sets of article ids), copy pairs, and files per id. */
export async function readOutput(out: string): Promise<{ ids: string[]; files: number; partition: string[]; copies: string[]; membership: string[] }> {
  const articleFiles = await jsonFiles(join(out, 'articles'));
  const articles = await Promise.all(articleFiles.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as { id: string; story: { id: string; duplicateOf: string | null } }));
  const stories = await Promise.all((await jsonFiles(join(out, 'stories'))).map(async (f) => JSON.parse(await readFile(f, 'utf8')) as { id: string; members: string[] }));
  const byStory = new Map<string, string[]>();
  for (const a of articles) byStory.set(a.story.id, [...(byStory.get(a.story.id) ?? []), a.id]);
  const partition = [...byStory.values()].map((ids) => ids.sort().join(',')).sort();
  // Copy groups, not pairs: which of three copies of one wire text is the original depends on which
  // was committed first, and commits of one hold are ordered by publication time, not by clock.
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let r = id;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
    return r;
  };
  for (const a of articles) if (a.story.duplicateOf !== null) parent.set(root(a.id), root(a.story.duplicateOf));
  const groups = new Map<string, string[]>();
  for (const a of articles) if (a.story.duplicateOf !== null || parent.has(a.id)) groups.set(root(a.id), [...(groups.get(root(a.id)) ?? []), a.id]);
  for (const a of articles) if (a.story.duplicateOf !== null && !groups.get(root(a.id))?.includes(a.story.duplicateOf)) groups.get(root(a.id))?.push(a.story.duplicateOf);
  const copies = [...groups.values()].map((g) => [...new Set(g)].sort().join('~')).sort();
  // Each article is a member of exactly its own story, and every story lists only articles that say so.
  const storiesOf = new Map<string, string[]>();
  for (const s of stories) for (const id of s.members) storiesOf.set(id, [...(storiesOf.get(id) ?? []), s.id]);
  const membership = articles.filter((a) => (storiesOf.get(a.id) ?? []).join() !== a.story.id).map((a) => `${a.id}: story ${a.story.id}, listed by [${(storiesOf.get(a.id) ?? []).join(', ')}]`);
  return { ids: [...new Set(articles.map((a) => a.id))].sort(), files: articleFiles.length, partition, copies, membership };
}

async function jsonFiles(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(e.parentPath, e.name));
}

/** Waits until `condition` holds (polled), or throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
