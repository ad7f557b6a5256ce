import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { SourceConfig, WiredeskConfig } from '../config/index.js';
import type { ExtractorPool } from '../extract/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { CrawlSession, CrawlSessionOptions, RunProgress } from '../pipeline/index.js';
import type { OutputSink, StateStore } from '../store/index.js';
import { systemClock, type Clock, type Logger, type RunSummary } from '../types/index.js';
import { importV1StateIfAny } from './import-v1-state.js';
import { loadAliases } from './load-aliases.js';
import { openCrawlerState, openSink, stateDirOf, type StoreLocation } from './open-stores.js';
import { restoreStoryIndex, storyIndexOptions } from './restore-story-index.js';

/**
 * How long story files may lag their articles' files while commits keep coming: each story file
 * is then written once per batch, not once per member that joins it (StoryBatch).
 */
const STORY_BATCH_MS = 2_000;

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
  /**
   * The daemon's continuous mode: `session.crawl(source, signal)` crawls one source beside the
   * others in flight; a run report covers each reporting period (CrawlSession).
   */
  openSession(options?: CrawlSessionOptions): CrawlSession;
  /** Runs `work` with no commit in progress and none starting until it is done (a daemon's prune). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Takes a new config for what follows: sources and their settings, site extraction rules, the
   * schedule. Returns the sections that changed but only take effect on a restart (the fetcher,
   * the extraction workers and the directories are built once, at open; the story index on the first commit).
   */
  reconfigure(config: WiredeskConfig): string[];
  /**
   * The crawl is over, the output stays open (`wiredesk run` before it redraws the board): closes
   * sockets and extraction workers and lets go of the story index, so the board's peak memory is
   * not added to theirs (at a 3,000-article window, the process's peak RSS is at the board). No
   * run may start after it.
   */
  endCrawling(): Promise<void>;
  /** What is waiting and in flight now (the daemon's queue depth). */
  load(): CrawlerLoad;
  /** Closes sockets, workers and the state, and releases the output lock; safe to call twice. */
  close(): Promise<void>;
}

/** What a crawler has waiting and in flight. */
export interface CrawlerLoad {
  /** Sources admitted and not finished. */
  sourcesActive: number;
  /** Sources waiting for admission (`fetch.sourceConcurrency`). */
  sourcesWaiting: number;
  /** Requests waiting for their host, a global slot or extraction room. */
  requestsQueued: number;
}

/** Options of `openCrawler`. */
export interface OpenCrawlerOptions extends StoreLocation {
  logger: Logger;
  clock?: Clock;
  /** Injected fetcher (tests); default: one built from `config.fetch`. */
  fetcher?: Fetcher;
  /** Told of every fetch as it ends, whatever its outcome (the daemon's latency histogram). */
  onFetch?: (kind: 'feed' | 'article', seconds: number) => void;
}

/**
 * Opens a crawler on an output directory: takes its lock, opens the state (importing a version 1
 * state.json on first start), undoes commits a killed crawler left half-way, and starts the fetcher and the extraction workers.
 */
export async function openCrawler(config: WiredeskConfig, options: OpenCrawlerOptions): Promise<Crawler> {
  // The pipeline is loaded when a crawler opens, not when ops is: every CLI command imports ops,
  // and most of them (status, stories, --version, --help) never crawl.
  const [{ Committer, CrawlSession, SourceGate, paceCrawl, recoverInterruptedCommits, requestKind, runOnce }, { createFetcher }] = await Promise.all([
    import('../pipeline/index.js'),
    import('../fetch/index.js'),
  ]);
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const aliases = await loadAliases(config.stories.aliasesFile);
  const sink = await openSink(options, { clock, logger });
  await sink.acquireLock();
  let state: StateStore | null = null;
  try {
    state = await openCrawlerState(options, logger);
    await importV1StateIfAny({ sink, state, stateDir: stateDirOf(options), logger, now: clock.now() });
    await recoverInterruptedCommits(sink, state, logger, config.stories);
    const opened = state;
    const index = async () => restoreStoryIndex(await storyIndexOptions(config, aliases), await opened.loadStoryIndex(), opened.location);
    const committer = new Committer({ sink, state, index, joinSeq: await state.nextJoinSeq(), stories: config.stories, storyBatchMs: STORY_BATCH_MS });
    const workers = config.extract.workers < 0 ? Math.min(availableParallelism(), 4) : config.extract.workers;
    // One pacer and one admission gate for every run of this crawler, so overlapping runs share
    // the hosts' politeness and the extraction backlog instead of each assuming it is alone.
    // The fetcher (undici's agents) and the extraction pool (the extractor's modules: cheerio,
    // Readability, the site rules) are built when a run has a source to crawl, or on a session's
    // first request: a cron run with no source to crawl never loads them.
    const fetcherHeld = builtOnFirstUse(() => createFetcher({ config: config.fetch, clock, logger }));
    const poolHeld = builtOnFirstUse(async () => (await import('../extract/index.js')).createExtractorPool({ workers, timeoutMs: config.extract.timeoutMs }));
    const fetcherOf: Fetcher = options.fetcher ?? { fetch: async (request) => (await fetcherHeld.get()).fetch(request), close: () => fetcherHeld.close() };
    const pool: ExtractorPool = { extract: async (input) => (await poolHeld.get()).extract(input), close: () => poolHeld.close() };
    // Awaited before a run's first request, so the run itself goes as when they were built at open
    // (its first extraction does not wait for the extractor's modules while other sources fetch on).
    const build = async (): Promise<void> => {
      await Promise.all([options.fetcher ? null : fetcherHeld.get(), poolHeld.get()]);
    };
    const paced = paceCrawl(options.onFetch ? observed(fetcherOf, requestKind, options.onFetch) : fetcherOf, pool, config.fetch);
    const { fetcher, extractor } = paced;
    const gate = new SourceGate(config.fetch.sourceConcurrency);
    const openedState = state;
    const sessions = new Set<CrawlSession>();
    let current = config;
    let closed = false;
    const deps = () => ({ config: current, sink, state: openedState, committer, fetcher, extractor, gate, clock, logger });
    return {
      get config() {
        return current;
      },
      sink,
      state: openedState,
      clock,
      logger,
      run: async (runOptions = {}) => {
        if ((runOptions.sources ?? current.sources.filter((s) => s.enabled)).length > 0) await build();
        return runOnce({
          ...deps(),
          ...(runOptions.sources ? { sources: runOptions.sources } : {}),
          ...(runOptions.signal ? { signal: runOptions.signal } : {}),
          ...(runOptions.onProgress ? { onProgress: runOptions.onProgress } : {}),
        });
      },
      openSession(sessionOptions) {
        const session = new CrawlSession(deps(), sessionOptions);
        sessions.add(session);
        return session;
      },
      exclusive: (work) => committer.exclusive(work),
      reconfigure(next) {
        const later = restartOnly(current, next);
        current = next;
        for (const session of sessions) session.configure(next);
        return later;
      },
      load: () => ({ sourcesActive: gate.active, sourcesWaiting: gate.waiting, requestsQueued: paced.queued() }),
      async endCrawling() {
        await committer.releaseIndex();
        await Promise.allSettled([fetcher.close(), extractor.close()]);
        collectGarbage();
      },
      async close() {
        if (closed) return;
        closed = true;
        // Runs and reports write what they hold; this is for a crawler closed between them. A
        // failure here leaves the files to the next start (the state names them).
        await committer.flushStories().catch((error: unknown) => logger.warn('story files left for the next start', { error: (error as Error).message }));
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

/**
 * One full garbage collection, where a phase has just let go of most of the heap (the story index,
 * the run's leftovers): V8 would otherwise grow the heap for what comes next (the board) before
 * collecting, and the process's peak would be both. The board then reuses the freed space. A few
 * ms; skipped where the flag cannot be set.
 */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // not essential: the heap is only larger
  }
}

/**
 * Holds what `create` builds on the first `get()`. Closed before that, it builds nothing; asked
 * after a close, it builds the real one and closes it first, so the caller meets the same
 * ABORTED error as with one built eagerly.
 */
function builtOnFirstUse<T extends { close(): Promise<void> }>(create: () => T | Promise<T>): { get(): Promise<T>; close(): Promise<void> } {
  let made: Promise<T> | null = null;
  let closed = false;
  return {
    get: () =>
      (made ??= Promise.resolve()
        .then(create)
        .then(async (real) => {
          if (closed) await real.close();
          return real;
        })),
    async close() {
      closed = true;
      if (made !== null) await (await made).close();
    },
  };
}

/** A fetcher that reports how long each fetch took (below the pacer: waiting for a turn is not latency). */
function observed(fetcher: Fetcher, kindOf: (request: Parameters<Fetcher['fetch']>[0]) => 'feed' | 'article', onFetch: (kind: 'feed' | 'article', seconds: number) => void): Fetcher {
  return {
    async fetch(request) {
      const started = performance.now();
      try {
        return await fetcher.fetch(request);
      } finally {
        onFetch(kindOf(request), (performance.now() - started) / 1000);
      }
    },
    close: () => fetcher.close(),
  };
}

/** Sections of `next` that differ from `current` but are only read when a crawler opens. */
function restartOnly(current: WiredeskConfig, next: WiredeskConfig): string[] {
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const changed: string[] = [];
  if (!same(current.fetch, next.fetch)) changed.push('fetch');
  if (current.extract.workers !== next.extract.workers || current.extract.timeoutMs !== next.extract.timeoutMs) changed.push('extract.workers/timeoutMs');
  if (!same(current.stories, next.stories)) changed.push('stories');
  if (current.outDir !== next.outDir || current.stateDir !== next.stateDir) changed.push('outDir/stateDir');
  return changed;
}
