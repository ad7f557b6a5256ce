import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and the built CLI (`npm run build`; `npm ci` builds through `prepare`). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'wiredesk.js');
export const BUILT = existsSync(join(ROOT, 'dist', 'cli', 'main.js'));

/** A CLI process started by a test. */
export interface CliProcess {
  process: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>;
}

/** Starts the built CLI (optionally as PID 1 of a new PID namespace: `asPid1`). */
export function spawnCli(args: string[], options: { asPid1?: boolean; env?: NodeJS.ProcessEnv } = {}): CliProcess {
  const command = options.asPid1 ? ['unshare', '--user', '--map-root-user', '--pid', '--fork', '--mount-proc', process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout }));
  });
  return { process: child, stderr: () => stderr, exited };
}

/** True when this machine lets a test start a process as PID 1 of its own namespace. */
export function canRunAsPid1(): boolean {
  const probe = spawnSync('unshare', ['--user', '--map-root-user', '--pid', '--fork', '--mount-proc', 'sh', '-c', 'test $$ -eq 1'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** The host pid of the process that is PID 1 inside the namespace `unshare` (pid given) made. */
export async function pid1Of(unsharePid: number): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const children = await readFile(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').catch(() => '');
    const pid = Number(children.trim().split(/\s+/)[0]);
    if (Number.isInteger(pid) && pid > 0) return pid;
    await sleep(10);
  }
  throw new Error(`no child of unshare ${unsharePid}`);
}

/** Polls `check` every 20 ms until it is true; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
