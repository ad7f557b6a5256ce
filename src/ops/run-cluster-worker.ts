import { availableParallelism } from 'node:os';
import type { WiredeskConfig } from '../config/index.js';
import { openPgStores } from '../store/index.js';
import { systemClock, type Clock, type Logger } from '../types/index.js';
import type { WorkerOptions, WorkerResult } from '../worker/index.js';
import { loadAliases } from './load-aliases.js';

/** Options of `runClusterWorker`. */
export interface ClusterWorkerOptions {
  outDir: string;
  /** postgres:// URL of the cluster's database. */
  database: string;
  once: boolean;
  logger: Logger;
  signal: AbortSignal;
  clock?: Clock;
  sourcesInFlight?: number;
  fetcherOptions?: WorkerOptions['fetcherOptions'];
}

/**
 * `wiredesk worker`: joins the cluster on `database` (creating or migrating its schema), runs a
 * worker until `signal` (or, with `once`, until the pass is done), and closes everything it opened.
 */
export async function runClusterWorker(config: WiredeskConfig, options: ClusterWorkerOptions): Promise<WorkerResult> {
  // The worker and the extraction pool are loaded by the command that runs them, not with ops (see openCrawler).
  const [{ runWorker }, { createExtractorPool }] = await Promise.all([import('../worker/index.js'), import('../extract/index.js')]);
  const clock = options.clock ?? systemClock;
  const aliases = await loadAliases(config.stories.aliasesFile);
  const stores = await openPgStores({ url: options.database, logger: options.logger, max: 8 });
  const workers = config.extract.workers < 0 ? Math.min(availableParallelism(), 4) : config.extract.workers;
  const extractor = createExtractorPool({ workers, timeoutMs: config.extract.timeoutMs });
  try {
    return await runWorker({
      config,
      stores,
      outDir: options.outDir,
      aliases,
      extractor,
      clock,
      logger: options.logger,
      once: options.once,
      signal: options.signal,
      ...(options.sourcesInFlight !== undefined ? { sourcesInFlight: options.sourcesInFlight } : {}),
      ...(options.fetcherOptions ? { fetcherOptions: options.fetcherOptions } : {}),
    });
  } finally {
    await extractor.close();
    await stores.close();
  }
}
