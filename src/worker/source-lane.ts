import type { SourceConfig, WiredeskConfig } from '../config/index.js';
import type { ExtractorPool } from '../extract/index.js';
import { hostKey, type Fetcher } from '../fetch/index.js';
import { fetchSource, sourceStateAfter, type RunDeps, type SourceOutcome } from '../pipeline/index.js';
import { computeNextDue } from '../schedule/index.js';
import type { ClaimedSource, ClusterDb, FinishedCrawl, HostLeaseTerms, PgStateStore, QueueItem, StoredValidators } from '../store/index.js';
import type { Clock, Logger, SourceRunReport } from '../types/index.js';
import { CallBatcher } from './call-batcher.js';
import { queuedOf } from './queue-payload.js';

/** Options of `SourceLane`. */
export interface SourceLaneOptions {
  config: WiredeskConfig;
  cluster: ClusterDb;
  state: PgStateStore;
  fetcher: Fetcher;
  extractor: ExtractorPool;
  clock: Clock;
  logger: Logger;
  worker: string;
  /** The `--once` pass this worker crawls for (null: the daemon, by due time). */
  pass: number | null;
  /** Sources this worker crawls at once. */
  inFlight: number;
  sourceLeaseMs: number;
  /** A worker whose heartbeat is younger than this counts as live (for the fair share of hosts). */
  aliveMs: number;
  retry: <T>(op: () => Promise<T>, what: string) => Promise<T>;
  /** Waits for news of hosts given back, at most `ms`. */
  idle: (ms: number) => Promise<void>;
  /** Hosts whose sources this worker no longer crawls: their leases may go back at once. */
  letGo?: (hosts: string[]) => void;
  /** Host leases taken with the sources (the cluster gate): the terms, its clock, and where grants go. */
  hostLeases?: {
    leaseTerms(): HostLeaseTerms;
    now(): number;
    noteGranted(grants: readonly { host: string; waitMs: number; leaseMs: number }[], sentAt: number): void;
    /** A source of the host starts or ends here (its lease stays while one is in flight). */
    pin(host: string): void;
    unpin(host: string): void;
  };
}

/**
 * A worker's share of the crawl: claims sources (a lease each; due ones, or in a `--once` pass the
 * ones not crawled in it yet), runs stage A of the pipeline on them (`fetchSource`: conditional
 * feed fetch, items not seen, article fetch and extraction), and queues each extracted article for
 * the grouper as soon as it is ready. Items already queued count as seen, so a source redone after
 * its worker died fetches only what had not reached the queue. When a source is done its state,
 * next due time (the daemon's `computeNextDue`) and report are saved and its lease given back.
 */
export class SourceLane {
  private readonly sources: Map<string, { source: SourceConfig; index: number; host: string }>;
  private readonly urls: string[];
  readonly reports: SourceRunReport[] = [];
  /** Items queued by all sources in flight, many per statement when they come together. */
  private readonly queue: CallBatcher<QueueItem, string>;
  /** Page validators read for all sources in flight, many per statement. */
  private readonly validators: CallBatcher<string, StoredValidators | null>;
  /** Sources' ends (state, report, lease), many per statement when they come together. */
  private readonly finishes: CallBatcher<FinishedCrawl, undefined>;

  constructor(private readonly options: SourceLaneOptions) {
    const enabled = options.config.sources.filter((s) => s.enabled);
    this.sources = new Map(enabled.map((source, index) => [source.url, { source, index, host: hostKey(new URL(source.url)) }]));
    this.urls = enabled.map((s) => s.url);
    const { cluster, retry, worker } = options;
    this.queue = new CallBatcher((items) => retry(() => cluster.enqueue(items, worker), 'queue items'));
    this.finishes = new CallBatcher(async (done) => {
      await retry(() => cluster.finishCrawls(worker, done), 'finish sources');
      return done.map(() => undefined);
    });
    this.validators = new CallBatcher(async (urls) => {
      const found = await retry(() => cluster.pageValidators(urls), 'read validators');
      return urls.map((u) => found.get(u) ?? null);
    });
  }

  /** Crawls until `signal` aborts, or in a pass until no source of it is left to anyone. */
  async run(signal: AbortSignal): Promise<void> {
    const { cluster, worker, pass, retry } = this.options;
    const inflight = new Map<Promise<void>, string>();
    const finished = new Set<string>();
    while (!signal.aborted) {
      let newHosts = false;
      const free = this.options.inFlight - inflight.size;
      if (free > 0 && !signal.aborted) {
        const asked = performance.now();
        const leases = this.options.hostLeases;
        let sentAt = 0;
        const sources = await retry(() => {
          sentAt = leases?.now() ?? 0;
          return cluster.claimSources(worker, this.urls, pass, this.options.sourceLeaseMs, free, this.options.aliveMs, leases?.leaseTerms());
        }, 'claim sources');
        const grants = sources.flatMap((s) => (s.hostLease === null ? [] : [s.hostLease]));
        if (grants.length > 0) leases?.noteGranted(grants, sentAt);
        this.options.logger.debug('sources claimed', { count: sources.length, hosts: new Set(sources.map((s) => this.sources.get(s.url)?.host)).size, duration_ms: Math.round(performance.now() - asked) });
        const before = new Set(inflight.values());
        for (const source of sources) {
          const host = this.sources.get(source.url)?.host ?? '';
          if (!before.has(host)) newHosts = true;
          leases?.pin(host);
          const crawl: Promise<void> = this.crawl(source, signal).finally(() => {
            leases?.unpin(host);
            inflight.delete(crawl);
            finished.add(host);
          });
          inflight.set(crawl, host);
        }
        // Hosts of finished sources that this claim did not continue go back now, not after a linger.
        const continued = new Set(inflight.values());
        const gone = [...finished].filter((h) => !continued.has(h));
        finished.clear();
        if (gone.length > 0) this.options.letGo?.(gone);
      }
      if (inflight.size > 0) {
        // A source finishing frees a slot, a host given back may open its sources; meanwhile sources
        // fall due or leases of dead workers expire.
        // After new hosts, soon again: a claim made at the same moment by another worker may have
        // held rows this one skipped, leaving its share short.
        await Promise.race([...inflight.keys(), this.options.idle(newHosts ? 50 : 500)]);
        continue;
      }
      if (pass !== null) {
        const progress = await retry(() => cluster.passProgress(pass, this.urls), 'read the pass');
        if (progress.sourcesLeft === 0) return;
        await this.options.idle(500);
      } else {
        const dueIn = await retry(() => cluster.nextDueInMs(this.urls), 'read the schedule');
        await this.options.idle(Math.min(Math.max(dueIn ?? 5_000, 50), 5_000));
      }
    }
    await Promise.allSettled(inflight.keys());
  }

  private async crawl(claimed: ClaimedSource, signal: AbortSignal): Promise<void> {
    const { cluster, state, retry, worker, logger, clock } = this.options;
    const { url, state: before } = claimed;
    const entry = this.sources.get(url);
    if (entry === undefined) return;
    const { source, index } = entry;
    const enqueues: Promise<string>[] = [];
    const view = {
      // The source's own state came with its claim (nobody else writes it while this worker holds it).
      validatorsFor: async (u: string) => (u === url ? before.validators : ((await retry(() => state.source(u), 'read a source'))?.validators ?? null)),
      documentValidators: async (u: string) => (u === url ? before.documents : (await retry(() => state.source(u), 'read a source'))?.documents) ?? {},
      // Across workers an article is claimed by the queue's unique id; within this source, by fetchSource.
      claimArticle: () => true,
      releaseArticles: () => undefined,
      released: () => Promise.resolve(),
      handledItems: async (feedUrl: string, items: readonly { key: string; articleId: string }[]) => {
        const known = await retry(
          () =>
            cluster.handledItems(
              feedUrl,
              items.map((i) => i.key),
              items.map((i) => i.articleId),
            ),
          'read what a feed has handled',
        );
        const handled = new Set<string>(items.filter((i) => known.keys.has(i.key)).map((i) => i.key));
        const elsewhere = new Set<string>();
        for (const item of items) {
          if (handled.has(item.key)) continue;
          const stored = known.stored.get(item.articleId);
          // A stored article is its own feed's seen item; one stored or queued from another feed is recorded there (alsoIn).
          if (stored !== undefined && (stored.feedUrl === feedUrl || stored.alsoIn.some((f) => f.url === feedUrl))) handled.add(item.key);
          else if (stored !== undefined || known.queued.has(item.articleId)) elsewhere.add(item.articleId);
        }
        return { seen: handled, elsewhere };
      },
      pageValidators: (u: string) => this.validators.call(u),
    };
    // fetchSource reads only the stage-A fields of RunDeps; the worker never commits itself.
    const deps = { config: this.options.config, fetcher: this.options.fetcher, extractor: this.options.extractor, clock, logger, signal } as unknown as RunDeps;
    let outcome: SourceOutcome;
    try {
      outcome = await fetchSource(deps, source, index, view, (article) => {
        enqueues.push(this.queue.call({ kind: 'article', articleId: article.articleId, feedUrl: source.url, itemKey: article.item.key, payload: queuedOf(article) }));
      });
      await Promise.all(enqueues);
      const ref = { source: { url: source.url, name: source.name } };
      await Promise.all(outcome.known.map((known) => this.queue.call({ kind: 'known', articleId: known.articleId, feedUrl: source.url, itemKey: known.key, payload: ref })));
    } catch (error) {
      // Only the database can fail here (fetchSource records every other failure): give the source back.
      logger.error('source crawl failed; giving the source back', { feed_url: url, error: (error as Error).message });
      await cluster.abandonSource(worker, url).catch(() => undefined);
      return;
    }
    const { report } = outcome;
    if (report.error?.code === 'ABORTED' || signal.aborted) {
      await cluster.abandonSource(worker, url).catch(() => undefined);
      return;
    }
    report.articlesWritten = outcome.pending.length;
    const at = clock.now();
    const iso = at.toISOString();
    const retryLater = report.itemsNew - outcome.pending.length - outcome.known.length - outcome.finalFailures.length > 0;
    const after = sourceStateAfter(before, url, {
      name: report.name,
      ok: report.status !== 'failed',
      at: iso,
      // Items left for a later crawl (retryable failures) must not hide behind a 304 next time.
      validators: retryLater ? { etag: null, lastModified: null } : outcome.validators,
      notBefore: report.notBefore,
      ttlMinutes: outcome.ttlMinutes,
      newItemDates: outcome.itemDates.map((d) => d.at),
      error: report.error,
    });
    const next = computeNextDue({ source, timing: after, schedule: this.options.config.schedule, now: at, since: at, random: Math.random() });
    after.nextDueAt = next.dueAt.toISOString();
    const seen = outcome.finalFailures.map((f) => ({ feedUrl: url, key: f.key, articleId: f.articleId, at: iso }));
    await this.finishes.call({ url, state: after, pass: this.options.pass, report, seen });
    this.reports.push(report);
  }
}
