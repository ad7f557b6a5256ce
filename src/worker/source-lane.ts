import type { SourceConfig, WiredeskConfig } from '../config/index.js';
import type { ExtractorPool } from '../extract/index.js';
import type { Fetcher } from '../fetch/index.js';
import { fetchSource, sourceStateAfter, type RunDeps, type SourceOutcome } from '../pipeline/index.js';
import { computeNextDue } from '../schedule/index.js';
import type { ClusterDb, PgStateStore } from '../store/index.js';
import type { Clock, Logger, SourceRunReport } from '../types/index.js';
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
  retry: <T>(op: () => Promise<T>, what: string) => Promise<T>;
  /** Waits for queue or schedule news, at most `ms`. */
  idle: (ms: number) => Promise<void>;
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
  private readonly sources: Map<string, { source: SourceConfig; index: number }>;
  private readonly urls: string[];
  readonly reports: SourceRunReport[] = [];

  constructor(private readonly options: SourceLaneOptions) {
    const enabled = options.config.sources.filter((s) => s.enabled);
    this.sources = new Map(enabled.map((source, index) => [source.url, { source, index }]));
    this.urls = enabled.map((s) => s.url);
  }

  /** Crawls until `signal` aborts, or in a pass until no source of it is left to anyone. */
  async run(signal: AbortSignal): Promise<void> {
    const { cluster, worker, pass, retry } = this.options;
    const inflight = new Set<Promise<void>>();
    while (!signal.aborted) {
      let claimed = false;
      while (inflight.size < this.options.inFlight && !signal.aborted) {
        const url = await retry(() => cluster.claimSource(worker, this.urls, pass, this.options.sourceLeaseMs), 'claim a source');
        if (url === null) break;
        claimed = true;
        const crawl: Promise<void> = this.crawl(url, signal).finally(() => inflight.delete(crawl));
        inflight.add(crawl);
      }
      if (inflight.size > 0) {
        // A source finishing frees a slot; meanwhile sources fall due or leases of dead workers expire.
        await Promise.race([...inflight, this.options.idle(claimed ? 50 : 500)]);
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
    await Promise.allSettled(inflight);
  }

  private async crawl(url: string, signal: AbortSignal): Promise<void> {
    const { cluster, state, retry, worker, logger, clock } = this.options;
    const entry = this.sources.get(url);
    if (entry === undefined) return;
    const { source, index } = entry;
    const enqueues: Promise<string>[] = [];
    const view = {
      validatorsFor: async (u: string) => (await retry(() => state.source(u), 'read a source'))?.validators ?? null,
      documentValidators: async (u: string) => (await retry(() => state.source(u), 'read a source'))?.documents ?? {},
      // Across workers an article is claimed by the queue's unique id; within this source, by fetchSource.
      claimArticle: () => true,
      releaseArticles: () => undefined,
      released: () => Promise.resolve(),
      handledItems: async (feedUrl: string, items: readonly { key: string; articleId: string }[]) => {
        const keys = items.map((i) => i.key);
        const [seen, queuedKeys] = await Promise.all([retry(() => state.seenKeys(feedUrl, keys), 'read seen keys'), retry(() => cluster.queuedKeys(feedUrl, keys), 'read the queue')]);
        const handled = new Set<string>([...seen, ...queuedKeys]);
        const rest = items.filter((i) => !handled.has(i.key));
        const ids = rest.map((i) => i.articleId);
        const [stored, queued] = await Promise.all([retry(() => state.articles(ids), 'read the catalog'), retry(() => cluster.queuedArticles(ids), 'read the queue')]);
        const queuedIds = new Set<string>(queued);
        const elsewhere = new Set<string>();
        for (const item of rest) {
          const entry = stored.get(item.articleId);
          // A stored article is its own feed's seen item; one stored or queued from another feed is recorded there (alsoIn).
          if (entry !== undefined && (entry.feedUrl === feedUrl || entry.alsoIn.some((f) => f.url === feedUrl))) handled.add(item.key);
          else if (entry !== undefined || queuedIds.has(item.articleId)) elsewhere.add(item.articleId);
        }
        return { seen: handled, elsewhere };
      },
      pageValidators: (u: string) => retry(() => state.urlValidators(u), 'read validators'),
    };
    // fetchSource reads only the stage-A fields of RunDeps; the worker never commits itself.
    const deps = { config: this.options.config, fetcher: this.options.fetcher, extractor: this.options.extractor, clock, logger, signal } as unknown as RunDeps;
    let outcome: SourceOutcome;
    try {
      outcome = await fetchSource(deps, source, index, view, (article) => {
        enqueues.push(retry(() => cluster.enqueue('article', article.articleId, source.url, article.item.key, queuedOf(article), worker), 'queue an article'));
      });
      await Promise.all(enqueues);
      for (const known of outcome.known) {
        await retry(() => cluster.enqueue('known', known.articleId, source.url, known.key, { source: { url: source.url, name: source.name } }, worker), 'queue a known item');
      }
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
    await retry(() => state.markSeen(outcome.finalFailures.map((f) => ({ feedUrl: url, key: f.key, articleId: f.articleId, at: iso }))), 'mark items seen');
    const retryLater = report.itemsNew - outcome.pending.length - outcome.known.length - outcome.finalFailures.length > 0;
    const before = await retry(() => state.source(url), 'read a source');
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
    await retry(() => state.saveSource(after), 'save a source');
    await retry(() => cluster.addReport(worker, report), 'store a source report');
    await retry(() => cluster.finishSource(worker, url, after.nextDueAt as string, this.options.pass), 'finish a source');
    this.reports.push(report);
  }
}
