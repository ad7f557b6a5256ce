import { availableParallelism } from 'node:os';
import type { SourceConfig, WiredeskConfig } from '../config/index.js';
import { WiredeskError } from '../errors/index.js';
import { createExtractorPool } from '../extract/index.js';
import { createFetcher, type Fetcher } from '../fetch/index.js';
import { createStoryIndex, type AliasTable, type StoryIndex } from '../fingerprint/index.js';
import { Committer, SourceGate, paceCrawl, recoverInterruptedCommits, runOnce, type RunProgress } from '../pipeline/index.js';
import type { OutputSink, StateStore } from '../store/index.js';
import { systemClock, type Clock, type Logger, type RunSummary } from '../types/index.js';
import { importV1StateIfAny } from './import-v1-state.js';
import { loadAliases } from './load-aliases.js';
import { openSink, openState, stateDirOf, type StoreLocation } from './open-stores.js';

/** A crawler holding its output: what `run`, `schedule` and the demo drive. */
export interface Crawler {
  readonly config: WiredeskConfig;
  readonly sink: OutputSink;
  readonly state: StateStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * One crawl of `sources` (default: every enabled source). Runs may overlap: commits go through
   * one committer, whose story index stays in memory between runs.
   */
  run(options?: { sources?: SourceConfig[]; signal?: AbortSignal; onProgress?: (event: RunProgress) => void }): Promise<RunSummary>;
  /** Closes sockets, workers and the state, and releases the output lock; safe to call twice. */
  close(): Promise<void>;
}

/** Options of `openCrawler`. */
export interface OpenCrawlerOptions extends StoreLocation {
  logger: Logger;
  clock?: Clock;
  /** Injected fetcher (tests); default: one built from `config.fetch`. */
  fetcher?: Fetcher;
}

/**
 * Opens a crawler on an output directory: takes its lock, opens the state (importing a version 1
 * state.json on first start), undoes commits a killed crawler left half-way, loads the live window
 * of the story index, and starts the fetcher and the extraction workers.
 */
export async function openCrawler(config: WiredeskConfig, options: OpenCrawlerOptions): Promise<Crawler> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const aliases = await loadAliases(config.stories.aliasesFile);
  const sink = await openSink(options, { clock, logger });
  await sink.acquireLock();
  let state: StateStore | null = null;
  try {
    state = openState(options);
    await importV1StateIfAny({ sink, state, stateDir: stateDirOf(options), logger, now: clock.now() });
    await recoverInterruptedCommits(sink, state, logger);
    const index = await loadStoryIndex(state, config, aliases);
    const committer = new Committer({ sink, state, index, joinSeq: await state.nextJoinSeq() });
    const workers = config.extract.workers < 0 ? Math.min(availableParallelism(), 4) : config.extract.workers;
    // One pacer and one admission gate for every run of this crawler, so overlapping runs share
    // the hosts' politeness and the extraction backlog instead of each assuming it is alone.
    const { fetcher, extractor } = paceCrawl(
      options.fetcher ?? createFetcher({ config: config.fetch, clock, logger }),
      createExtractorPool({ workers, timeoutMs: config.extract.timeoutMs }),
      config.fetch,
    );
    const gate = new SourceGate(config.fetch.sourceConcurrency);
    const openedState = state;
    let closed = false;
    return {
      config,
      sink,
      state: openedState,
      clock,
      logger,
      run: (runOptions = {}) =>
        runOnce({
          config,
          sink,
          state: openedState,
          committer,
          fetcher,
          extractor,
          gate,
          clock,
          logger,
          ...(runOptions.sources ? { sources: runOptions.sources } : {}),
          ...(runOptions.signal ? { signal: runOptions.signal } : {}),
          ...(runOptions.onProgress ? { onProgress: runOptions.onProgress } : {}),
        }),
      async close() {
        if (closed) return;
        closed = true;
        await Promise.allSettled([fetcher.close(), extractor.close()]);
        await openedState.close();
        await sink.releaseLock();
      },
    };
  } catch (error) {
    await state?.close().catch(() => undefined);
    await sink.releaseLock();
    throw error;
  }
}

/** The story index as the state left it; one that cannot be restored is corrupt state, not a fresh start. */
async function loadStoryIndex(state: StateStore, config: WiredeskConfig, aliases: AliasTable): Promise<StoryIndex> {
  try {
    return createStoryIndex({ windowHours: config.stories.windowHours, aliases }, await state.loadStoryIndex());
  } catch (cause) {
    if (cause instanceof WiredeskError && cause.code === 'CONFIG_INVALID') throw cause;
    throw new WiredeskError('STATE_CORRUPT', `ops: the story index in ${state.location} cannot be restored: ${(cause as Error).message}. Run "wiredesk state rebuild".`, {
      cause,
      details: { path: state.location, hint: 'wiredesk state rebuild' },
    });
  }
}
