import { parseConfig, type WiredeskConfig } from '../config/index.js';
import { WiredeskError } from '../errors/index.js';
import { silentLogger } from '../log/index.js';
import type { Logger, RunSummary } from '../types/index.js';
import { openCrawler } from './open-crawler.js';

/** Options of `crawl`. */
export interface CrawlOptions {
  /** The output directory (default: the config's `outDir`). */
  outDir?: string;
  /** Default `<outDir>/.wiredesk-state`. */
  stateDir?: string;
  /** Default: silent. */
  logger?: Logger;
  /** Stops the crawl: no new request, requests in flight aborted, what is complete written and reported. */
  signal?: AbortSignal;
  /** Variables for `${NAME}` in a plain config object (default: none; pass `process.env` to use yours). */
  env?: Record<string, string | undefined>;
}

/**
 * One crawl of every enabled source, as `wiredesk run` does: articles, stories and the run report
 * are written to the output directory, whose lock is held meanwhile. `config` is a config object
 * in the file's shape (validated here: CONFIG_INVALID names every problem) or an already loaded one.
 * Resolves with the run report; rejects only with a fatal WiredeskError (config, storage, LOCKED).
 */
export async function crawl(config: WiredeskConfig | Record<string, unknown>, options: CrawlOptions = {}): Promise<RunSummary> {
  const loaded = isLoaded(config) ? config : parseConfig(config, null, { env: options.env ?? {} });
  const outDir = options.outDir ?? loaded.outDir;
  if (outDir === null) throw new WiredeskError('CONFIG_INVALID', "crawl: give options.outDir or the config's outDir");
  const crawler = await openCrawler(loaded, { outDir, stateDir: options.stateDir ?? loaded.stateDir, logger: options.logger ?? silentLogger });
  try {
    return await crawler.run(options.signal ? { signal: options.signal } : {});
  } finally {
    await crawler.close();
  }
}

/** A loaded config carries its `path` (null when built in code); a config file may not have that field. */
function isLoaded(config: WiredeskConfig | Record<string, unknown>): config is WiredeskConfig {
  return 'path' in config;
}
