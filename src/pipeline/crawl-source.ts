import type { SourceConfig } from '../config/index.js';
import { WiredeskError } from '../errors/index.js';
import type { ExtractorPool } from '../extract/index.js';
import { onAbort } from '../fetch/index.js';
import type { StateStore } from '../store/index.js';
import type { SourceRunReport } from '../types/index.js';
import type { CommitResult } from './commit-article.js';
import type { CommitQueue } from './commit-queue.js';
import { fetchSource, type SourceStateView } from './fetch-source.js';
import type { RunDeps, SourceOutcome } from './pipeline-types.js';
import { sourceStateAfter } from './source-state.js';

/** What one source's crawl shares with the others of its run (or of the daemon's session). */
export interface SourceCrawlContext {
  queue: CommitQueue;
  view: SourceStateView;
  /** What `committer.recordKnown` wrote (the queue reports its own commits). */
  onWritten(result: CommitResult): void;
  /** The source starts fetching. */
  started?(): void;
  /** The source's fetching is over: nothing more of it will be queued for commit. */
  fetched(): void;
}

/**
 * One source from feed to saved state: fetch and extract (stage A, `fetchSource`), wait for its
 * articles' commits, record items whose article was already stored, then save the source's state.
 * A source whose run was stopped before it started is reported as ABORTED and leaves its state as
 * it was. Rejects only with a fatal (storage, state) error.
 */
export async function crawlSource(deps: RunDeps, source: SourceConfig, order: number, ctx: SourceCrawlContext): Promise<SourceRunReport> {
  let outcome: SourceOutcome;
  ctx.started?.();
  try {
    if (deps.signal?.aborted === true) {
      deps.onProgress?.({ type: 'source-done', source: source.name, itemsNew: 0, status: 'failed' });
      return notStarted(source);
    }
    const stage = deps.signal ? { ...deps, extractor: stoppable(deps.extractor, deps.signal) } : deps;
    outcome = await fetchSource(stage, source, order, ctx.view, (article) => ctx.queue.add(article));
  } finally {
    ctx.fetched();
  }
  const { report } = outcome;
  for (const settled of await ctx.queue.settle(outcome.pending)) {
    if (!settled.ok) throw settled.error;
    report.articlesWritten++;
  }
  for (const known of outcome.known) {
    ctx.onWritten(await deps.committer.recordKnown({ source, key: known.key, articleId: known.articleId, at: deps.clock.now().toISOString() }));
  }
  // Own claims go first, so two sources each waiting for the other's article cannot wait forever.
  ctx.view.releaseArticles(outcome.claimed ?? []);
  const later: typeof outcome.knownLater = [];
  for (const known of outcome.knownLater) {
    await ctx.view.released(known.articleId);
    // The claimant stored it: this feed is named in its alsoIn. It did not: the item stays unseen for the next run.
    if ((await deps.state.articles([known.articleId])).has(known.articleId)) {
      ctx.onWritten(await deps.committer.recordKnown({ source, key: known.key, articleId: known.articleId, at: deps.clock.now().toISOString() }));
      later.push(known);
    }
  }
  const known = [...outcome.known, ...later];
  const settled = new Set([...outcome.pending.map((p) => p.item.key), ...known.map((k) => k.key), ...outcome.finalFailures.map((f) => f.key)]);
  const uncommitted = report.itemsNew - report.articlesWritten - known.length - outcome.finalFailures.length;
  await saveSourceState(deps.state, outcome, deps.clock.now(), uncommitted > 0, settled);
  return report;
}

/**
 * A finished source's state: items failed for good are seen, validators and schedule facts are
 * kept. A feed fetch cut short by the run's stop says nothing about the source: nothing is saved.
 */
async function saveSourceState(state: StateStore, outcome: SourceOutcome, at: Date, leftForLater: boolean, settled: Set<string>): Promise<void> {
  const { report } = outcome;
  if (report.error?.code === 'ABORTED') return;
  const iso = at.toISOString();
  await state.markSeen(outcome.finalFailures.map((f) => ({ feedUrl: report.url, key: f.key, articleId: f.articleId, at: iso })));
  const before = await state.source(report.url);
  await state.saveSource(
    sourceStateAfter(before, report.url, {
      name: report.name,
      ok: report.status !== 'failed',
      at: iso,
      // Items this run did not settle (retryable failure, abort) stay unseen for the next run;
      // keeping this response's validators would get that run a 304 and skip them until the feed
      // changes, so the next fetch is unconditional instead.
      validators: leftForLater ? { etag: null, lastModified: null } : outcome.validators,
      notBefore: report.notBefore,
      ttlMinutes: outcome.ttlMinutes,
      documents: outcome.documents,
      // Only items now settled: one left for a later run is new again then and would be counted twice.
      newItemDates: outcome.itemDates.filter((d) => settled.has(d.key)).map((d) => d.at),
      error: report.error,
    }),
  );
}

/**
 * An extractor whose waits end when the run stops: a page still queued for a worker (or being
 * extracted) is then given up as ABORTED, retryable, so its item stays unseen for the next run
 * instead of holding the stop for as long as the extraction backlog takes.
 */
function stoppable(extractor: ExtractorPool, signal: AbortSignal): ExtractorPool {
  return {
    extract(input) {
      if (signal.aborted) return Promise.reject(stopped(input.url));
      let unsubscribe = (): void => undefined;
      const aborted = new Promise<never>((_, reject) => {
        unsubscribe = onAbort(signal, () => reject(stopped(input.url)));
      });
      return Promise.race([extractor.extract(input), aborted]).finally(unsubscribe);
    },
    close: () => extractor.close(),
  };
}

function stopped(url: string): WiredeskError {
  return new WiredeskError('ABORTED', 'pipeline: run stopped before this page was extracted', { url, retryable: true });
}

/** The report of a source the run's stop reached before it started. */
function notStarted(source: SourceConfig): SourceRunReport {
  const error = new WiredeskError('ABORTED', 'pipeline: run stopped before this source was fetched', { url: source.url, retryable: true });
  return {
    name: source.name,
    url: source.url,
    status: 'failed',
    http: { status: null, finalUrl: null, notModified: false, durationMs: null, encoding: null },
    itemsSeen: 0,
    itemsNew: 0,
    articlesWritten: 0,
    error: error.toRecord(),
    failures: [],
    warnings: [],
    notBefore: null,
    durationMs: 0,
  };
}
