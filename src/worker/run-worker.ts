import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { WiredeskConfig } from '../config/index.js';
import type { ExtractorPool } from '../extract/index.js';
import { createFetcher, hostKey, type Fetcher, type FetcherOptions } from '../fetch/index.js';
import type { AliasTable } from '../fingerprint/index.js';
import { withPgRetry, type PgStores } from '../store/index.js';
import type { Clock, Logger, SourceRunReport } from '../types/index.js';
import { ClusterHostGate, MIN_HOST_LEASE_MS } from './cluster-host-gate.js';
import { Grouper, type GrouperStats } from './grouper.js';
import { PgNotifier } from './pg-notifier.js';
import { SourceLane } from './source-lane.js';


/** A source lease lasts this long and is extended by every heartbeat while its worker lives. */
export const SOURCE_LEASE_MS = 10_000;
/** A worker starts crawling at the latest this long after its first try for the grouper role began. */
const GROUPER_START_WAIT_MS = 30_000;
/** How often a worker says it is alive (and extends its source leases). */
export const HEARTBEAT_MS = 2_000;
/**
 * Sources a worker crawls at once by default: a worker mostly waits on host gaps, so many are cheap;
 * claims take at most two per host, so this keeps 256 hosts busy with the next source of each ready.
 * At 128, one worker on 200 hosts (or two on 100 each) held hosts with no next source claimed: the
 * host sat idle from its last request until a finished source freed a slot and a claim came back.
 */
export const DEFAULT_SOURCES_IN_FLIGHT = 512;

/** Options of `runWorker`. */
export interface WorkerOptions {
  config: WiredeskConfig;
  stores: PgStores;
  outDir: string;
  aliases: AliasTable;
  extractor: ExtractorPool;
  clock: Clock;
  logger: Logger;
  /** Crawl every enabled source once across the cluster, then return when no work is left. */
  once: boolean;
  /** Stops the worker (the daemon runs until then). */
  signal: AbortSignal;
  sourcesInFlight?: number;
  /** Test seams for the fetcher (DNS); politeness and robots are always the cluster's. */
  fetcherOptions?: Pick<FetcherOptions, 'lookup' | 'isBlockedAddress'>;
  /** Takes part in grouping (default true). */
  group?: boolean;
}

/** What a worker did. */
export interface WorkerResult {
  worker: string;
  /** Reports of the sources this worker crawled. */
  reports: SourceRunReport[];
  grouper: GrouperStats;
}

/**
 * One worker of a cluster: registers with a heartbeat, claims sources and crawls them through a
 * fetcher whose politeness is the cluster's (host leases and next-fetch times in PostgreSQL, shared
 * robots.txt), queues extracted articles, and competes for the grouper role. With `once` it crawls
 * the open pass (every enabled source once across the cluster) and returns when no source of the
 * pass is left, the queue is empty and every report is written; a worker alone does all of it.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerResult> {
  const { config, stores, logger, clock, signal } = options;
  const cpuAtStart = process.cpuUsage();
  const worker = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = logger.child({ worker });
  const stop = new AbortController();
  const stopAll = AbortSignal.any([signal, stop.signal]);
  // Every wait of the worker listens on it (hundreds of sources in flight).
  setMaxListeners(0, stopAll);
  const retry = <T>(op: () => Promise<T>, what: string): Promise<T> => withPgRetry(op, { logger: log, what, signal: stopAll });
  const { cluster } = stores;
  const notifier = new PgNotifier(stores.url, log);
  // Registered first: others' shares of hosts count this worker only from its row on.
  const registered = retry(() => cluster.registerWorker(worker, hostname(), process.pid), 'register the worker');
  await notifier.start();
  const idle = (ms: number, s: AbortSignal = stopAll): Promise<void> => notifier.wait('queue', ms, s);

  // The first try for the grouper role (a connection of its own) runs while the worker registers.
  const grouper = new Grouper({ url: stores.url, location: stores.location, cluster, config, aliases: options.aliases, outDir: options.outDir, worker, clock, logger: log, idle, tally: stores.tally });
  const grouping = options.group === false ? Promise.resolve() : grouper.run(stopAll);
  await registered;
  const enabled = config.sources.filter((s) => s.enabled);
  await retry(() => cluster.registerSources(enabled.map((s) => ({ url: s.url, name: s.name, host: hostKey(new URL(s.url)) }))), 'register sources');
  const pass = options.once ? await retry(() => cluster.joinPass(), 'join a pass') : null;
  log.info('worker started', { sources: enabled.length, pass, database: stores.location, pid: process.pid });

  const gate = new ClusterHostGate({
    db: cluster,
    worker,
    minHostGapMs: Math.max(0, config.fetch.minHostGapMs),
    globalConcurrency: Math.max(1, config.fetch.globalConcurrency),
    notifier,
    logger: log,
    retry,
  });
  const fetcher: Fetcher = createFetcher({
    config: config.fetch,
    clock,
    logger: log,
    ...options.fetcherOptions,
    politeness: gate,
    robotsStore: { load: (origin) => cluster.loadRobots(origin), save: (origin, answer, ttl) => cluster.saveRobots(origin, answer, ttl) },
  });
  const lane = new SourceLane({
    config,
    cluster,
    state: stores.state,
    fetcher,
    extractor: options.extractor,
    clock,
    logger: log,
    worker,
    pass,
    inFlight: options.sourcesInFlight ?? DEFAULT_SOURCES_IN_FLIGHT,
    sourceLeaseMs: SOURCE_LEASE_MS,
    aliveMs: SOURCE_LEASE_MS,
    retry,
    // Sources become claimable when hosts are given back (or fall due): queued articles are the grouper's news.
    idle: (ms) => notifier.wait('host', ms, stopAll),
    letGo: (hosts) => gate.letGo(hosts),
    hostLeases: gate,
  });
  let crawling = false;
  const heartbeat = setInterval(() => {
    // `crawling` (set by the first source claim) keeps this worker in the others' count of shares.
    const stats = { reports: lane.reports.length, grouper: grouper.isLeader, committed: grouper.stats.committed, hosts_held: gate.heldHosts().length, crawling };
    const sent = gate.now();
    cluster
      .heartbeat(worker, stats, SOURCE_LEASE_MS, MIN_HOST_LEASE_MS)
      .then((hosts) => gate.noteExtended(hosts, sent))
      .catch((error: unknown) => log.debug('heartbeat failed', { error: (error as Error).message }));
  }, HEARTBEAT_MS);
  heartbeat.unref();

  try {
    // The grouper's start-up runs on this thread: crawl once it is over (others crawl meanwhile).
    if (options.group !== false) await Promise.race([grouper.firstTry, sleep(GROUPER_START_WAIT_MS, stopAll)]);
    crawling = true;
    await lane.run(stopAll);
    if (pass !== null) {
      // The pass is over when nothing of it is left anywhere: no source, no queued item, no report unwritten.
      for (;;) {
        if (stopAll.aborted) break;
        const progress = await retry(() => cluster.passProgress(pass, enabled.map((s) => s.url)), 'read the pass');
        if (progress.sourcesLeft === 0 && progress.queued === 0 && progress.reports === 0) {
          await retry(() => cluster.finishPass(pass), 'finish the pass');
          break;
        }
        if (progress.sourcesLeft > 0) await lane.run(stopAll);
        else await idle(200);
      }
    }
  } finally {
    stop.abort();
    clearInterval(heartbeat);
    await grouping.catch(() => undefined);
    gate.close();
    await gate.releaseAll();
    await fetcher.close();
    await cluster.stopWorker(worker).catch(() => undefined);
    await notifier.close();
    const g = grouper.stats;
    const cpu = process.cpuUsage(cpuAtStart);
    log.info('worker stopped', {
      sources_crawled: lane.reports.length,
      committed: g.committed,
      grouper_lag_ms_max: Math.round(g.lagMsMax),
      grouper_lag_ms_mean: g.committed === 0 ? null : Math.round(g.lagMsSum / g.committed),
      // What the worker cost (grouping included): CPU and database round trips, by kind of statement.
      cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
      db_statements: stores.tally.total,
      db_statements_by_kind: stores.tally.byKind(),
    });
  }
  return { worker, reports: lane.reports, grouper: grouper.stats };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
