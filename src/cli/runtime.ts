import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WiredeskConfig } from '../config/index.js';
import { WiredeskError } from '../errors/index.js';
import { createExtractorPool, type ExtractorPool } from '../extract/index.js';
import { createFetcher, type Fetcher } from '../fetch/index.js';
import { parseAliases, type AliasTable } from '../fingerprint/index.js';
import { createLogger, type LogLevel } from '../log/index.js';
import { openStore, type Store } from '../store/index.js';
import { systemClock, type Clock, type Logger } from '../types/index.js';

/** The aliases shipped with the package, used when the configured file does not exist. */
const BUNDLED_ALIASES = fileURLToPath(new URL('../../config/aliases.json', import.meta.url));

/** Logging flags shared by the crawling commands. */
export interface LogFlags {
  log?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** Everything a crawl needs, built once at the top and passed down. */
export interface Runtime {
  config: WiredeskConfig;
  store: Store;
  fetcher: Fetcher;
  extractor: ExtractorPool;
  aliases: AliasTable;
  clock: Clock;
  logger: Logger;
  /** Closes sockets and workers and releases the output lock; safe to call twice. */
  close(): Promise<void>;
}

/** Builds the logger from the CLI flags: JSON lines off a terminal or with `--log json`. */
export function createCliLogger(flags: LogFlags): Logger {
  const level: LogLevel = flags.quiet ? 'error' : flags.verbose ? 'debug' : 'info';
  const format = flags.log === 'json' || (flags.log === undefined && !process.stderr.isTTY) ? 'json' : 'pretty';
  return createLogger({ level, format });
}

/** Opens the store (taking its lock), the fetcher and the extraction workers. */
export async function openRuntime(config: WiredeskConfig, options: { outDir: string; stateDir?: string | null; logger: Logger; clock?: Clock }): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const aliases = parseAliases(await readAliases(config.stories.aliasesFile));
  const store = await openStore({ outDir: resolve(options.outDir), stateDir: options.stateDir ?? config.stateDir, clock, logger });
  await store.acquireLock();
  const fetcher = createFetcher({ config: config.fetch, clock, logger });
  const workers = config.extract.workers < 0 ? Math.min(availableParallelism(), 4) : config.extract.workers;
  const extractor = createExtractorPool({ workers, timeoutMs: config.extract.timeoutMs });
  let closed = false;
  return {
    config,
    store,
    fetcher,
    extractor,
    aliases,
    clock,
    logger,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([fetcher.close(), extractor.close()]);
      await store.releaseLock();
    },
  };
}

async function readAliases(path: string | null): Promise<unknown> {
  const candidates = path === null ? [BUNDLED_ALIASES] : [path, BUNDLED_ALIASES];
  for (const candidate of candidates) {
    let text: string;
    try {
      text = await readFile(candidate, 'utf8');
    } catch {
      continue; // a missing alias file falls back to the bundled list
    }
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new WiredeskError('CONFIG_INVALID', `config: alias file ${candidate} is not valid JSON`, { cause, details: { path: candidate } });
    }
  }
  return { groups: [] };
}
