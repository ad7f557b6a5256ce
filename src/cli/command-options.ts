import { Option, type Command } from 'commander';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig, type WiredeskConfig } from '../config/index.js';
import { toWiredeskError } from '../errors/index.js';
import { openSink, openState, type StoreLocation } from '../ops/index.js';
import type { OutputSink, StateStore } from '../store/index.js';
import { systemClock } from '../types/index.js';
import { EXIT, type CommandContext } from './command-context.js';
import { createCliLogger, type LogFlags } from './runtime.js';

/** Where to find the output: flags shared by the operator commands. */
export interface OutputFlags extends LogFlags {
  config?: string;
  out?: string;
  state?: string;
}

/** The config (when there is one) and the directories it and the flags point at. */
export interface ResolvedOutput {
  config: WiredeskConfig | null;
  outDir: string;
  stateDir: string | null;
}

const DEFAULT_CONFIG = 'config/wiredesk.json';

/**
 * Resolves the output and state directories as `run` does: `--out`, else the config's outDir,
 * else ./out. An explicit `--config` must load; the default one is optional for read-only views.
 */
export async function resolveOutput(flags: OutputFlags): Promise<ResolvedOutput> {
  let config: WiredeskConfig | null = null;
  if (flags.config !== undefined) config = await loadConfig(flags.config);
  else if (await exists(DEFAULT_CONFIG)) config = await loadConfig(DEFAULT_CONFIG);
  return {
    config,
    outDir: resolve(flags.out ?? config?.outDir ?? 'out'),
    stateDir: flags.state !== undefined ? resolve(flags.state) : config?.stateDir ?? null,
  };
}

/**
 * Opens the output with its lock held, and the state, for `work` (prune, rebuild); both are
 * released afterwards whatever happens. `openStateFor` replaces the usual state opening (rebuild
 * moves an unusable state aside).
 */
export async function withLockedOutput<T>(
  ctx: CommandContext,
  flags: OutputFlags,
  work: (stores: { sink: OutputSink; state: StateStore }, output: ResolvedOutput) => Promise<T>,
  openStateFor: (location: StoreLocation) => StateStore = openState,
): Promise<T> {
  const output = await resolveOutput(flags);
  const sink = await openSink(output, { clock: systemClock, logger: createCliLogger(flags, ctx) });
  await sink.acquireLock();
  try {
    const state = openStateFor(output);
    try {
      return await work({ sink, state }, output);
    } finally {
      await state.close();
    }
  } finally {
    await sink.releaseLock();
  }
}

/** Prints an error as `wiredesk <command>: CODE: message` and maps it to the exit code. */
export function reportCommandError(ctx: CommandContext, command: string, error: unknown): number {
  const e = toWiredeskError(error);
  ctx.err(`wiredesk ${command}: ${e.code}: ${e.message}\n`);
  return e.code === 'LOCKED' ? EXIT.LOCKED : EXIT.FATAL;
}

/** Adds `--config`, `--out` and `--state` to an operator command. */
export function addOutputOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', `config file (default: ${DEFAULT_CONFIG} when present)`)
    .option('-o, --out <dir>', 'output directory (default: config outDir, else ./out)')
    .option('--state <dir>', 'state directory (default: <out>/.wiredesk-state)');
}

/**
 * Adds `--log`, `--quiet` and `--verbose` (the logging flags of the crawling commands). Another
 * format than json or pretty, or --quiet with --verbose, is a usage error (exit 2), not a guess.
 */
export function addLogOptions(command: Command): Command {
  return command
    .addOption(new Option('--log <format>', 'log format (default: pretty on a terminal, json otherwise)').choices(['json', 'pretty']))
    .addOption(new Option('-q, --quiet', 'only errors').conflicts('verbose'))
    .addOption(new Option('-v, --verbose', 'debug logging'));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
