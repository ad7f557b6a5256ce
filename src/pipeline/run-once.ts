import { WiredeskError, isFatalCode, toWiredeskError } from '../errors/index.js';
import { createStoryIndex, type StoryIndex, type StoryIndexSnapshot } from '../fingerprint/index.js';
import { SCHEMA_VERSION, type RunReport, type SourceRunReport } from '../types/index.js';
import { commitArticle } from './commit-article.js';
import { fetchSource } from './fetch-source.js';
import { createRunId, storyRelPath } from '../store/index.js';
import type { PendingArticle, RunDeps, SourceOutcome } from './pipeline-types.js';
import { runLimited } from './run-limited.js';
import { createStateView, type StateView } from './state-view.js';

/** Sources crawled at once; each source's own requests are paced by the fetch layer per host. */
const SOURCES_IN_FLIGHT = 8;
/** State is saved every this many committed articles, so a crash loses little work. */
const SAVE_EVERY = 50;
/** Extracted articles waiting to be grouped before a batch is committed (bounds memory on big runs). */
const COMMIT_BATCH = 500;

/**
 * One crawl of the given sources, from feed to run report. Errors of one feed or article are
 * recorded and the run goes on; only storage and state failures (fatal codes) reject.
 */
export async function runOnce(deps: RunDeps): Promise<RunReport> {
  const { store, clock, logger, config } = deps;
  const startedAt = clock.now();
  const runId = createRunId(startedAt);
  const log = logger.child({ run_id: runId });
  const sources = deps.sources ?? config.sources.filter((s) => s.enabled);
  // Sets: a big run writes thousands of paths, and merges re-write and remove some of them.
  const writtenArticles = new Set<string>();
  const writtenStories = new Set<string>();

  // 1. State from earlier runs: validators, seen items, the story index.
  const state = await store.loadState();
  const view = createStateView(state);
  const index = restoreStoryIndex(deps, view.storySnapshot());
  log.info('run started', { sources: sources.length });

  // 2–5. Per source: conditional feed fetch → parse → drop seen → fetch and extract new articles.
  // 6–8. Group and write in a deterministic order (publication time, then feed and item order), so the
  // earliest copy of a wire text is the original whatever order pages arrived in. Articles are
  // committed in batches once enough are waiting, which bounds memory on big runs and keeps a
  // crash from losing more than one batch of work.
  const reports: SourceRunReport[] = [];
  const buffer: PendingArticle[] = [];
  let sinceSave = 0;
  const commitBuffered = async (): Promise<void> => {
    const batch = buffer.splice(0, buffer.length).sort(comparePending);
    for (const article of batch) {
      const report = reports[article.sourceIndex];
      try {
        const paths = await commitArticle(deps.store, index, article);
        for (const p of paths.articles) writtenArticles.add(p);
        for (const p of paths.stories) writtenStories.add(p);
        for (const id of paths.removedStories) writtenStories.delete(storyRelPath(id));
        if (report) report.articlesWritten++;
        view.markSeen(article.source.url, article.item.key, article.articleId, article.fetchedAt);
      } catch (error) {
        const wrapped = toWiredeskError(error, 'INTERNAL', article.item.url);
        if (isFatalCode(wrapped.code)) throw wrapped;
        report?.failures.push({ ...wrapped.toRecord(), itemUrl: article.item.url });
        if (report && report.status === 'ok') report.status = 'partial';
      }
      if (++sinceSave >= SAVE_EVERY) {
        sinceSave = 0;
        view.setStorySnapshot(index.snapshot());
        await store.saveState(view.state);
      }
    }
  };
  let commits = Promise.resolve();
  const flush = (): Promise<void> => (commits = commits.then(commitBuffered));
  const outcomes = await runLimited(sources, SOURCES_IN_FLIGHT, async (source, i) => {
    const outcome = await fetchSource(deps, source, i, view);
    reports[i] = outcome.report;
    buffer.push(...outcome.pending.splice(0, outcome.pending.length));
    if (buffer.length >= COMMIT_BATCH) await flush();
    return outcome;
  });
  await flush();

  // 9. Per-source state: validators, next-allowed time, failures; items failed for good are seen.
  const finishedAt = clock.now();
  for (const outcome of outcomes) recordSourceState(view, outcome, finishedAt);
  view.setStorySnapshot(index.snapshot());
  await store.saveState(view.state);

  // 10. The run report, written last (then latest-run.json), so readers know the run is complete.
  const report = buildReport(runId, startedAt, finishedAt, outcomes.map((o) => o.report), { articles: [...writtenArticles], stories: [...writtenStories] });
  await store.writeRunReport(report);
  log.info('run finished', { status: report.status, articles_written: report.totals.articlesWritten, failures: report.totals.failures, duration_ms: report.durationMs });
  return report;
}

/** The story index as the last run left it; a snapshot that cannot be restored is corrupt state, not a fresh start. */
function restoreStoryIndex(deps: RunDeps, snapshot: unknown): StoryIndex {
  try {
    return createStoryIndex({ windowHours: deps.config.stories.windowHours, aliases: deps.aliases }, (snapshot ?? null) as StoryIndexSnapshot | null);
  } catch (cause) {
    if (cause instanceof WiredeskError && cause.code === 'CONFIG_INVALID') throw cause;
    throw new WiredeskError('STATE_CORRUPT', `pipeline: the story index in ${deps.store.stateDir} cannot be restored: ${(cause as Error).message}. Run "wiredesk state rebuild".`, {
      cause,
      details: { path: deps.store.stateDir },
    });
  }
}

function recordSourceState(view: StateView, outcome: SourceOutcome, at: Date): void {
  const { report } = outcome;
  // A feed fetch cut short by the run's stop says nothing about the source: no failure, no back-off.
  if (report.error?.code === 'ABORTED') return;
  for (const failed of outcome.finalFailures) view.markSeen(report.url, failed.key, failed.articleId, at.toISOString());
  // New items this run did not settle (retryable failure, abort, failed commit) stay unseen for the
  // next run; keeping this response's validators would get that run a 304 and skip them until the
  // feed changes, so the next fetch is unconditional instead.
  const leftForLater = report.itemsNew - report.articlesWritten - outcome.finalFailures.length > 0;
  view.recordSource(report.url, {
    name: report.name,
    ok: report.status !== 'failed',
    at: at.toISOString(),
    validators: leftForLater ? { etag: null, lastModified: null } : outcome.validators,
    documents: leftForLater && outcome.documents !== null ? {} : outcome.documents,
    notBefore: report.notBefore,
    ttlMinutes: outcome.ttlMinutes,
    // Only items now seen: one left for a later run is new again then and would be counted twice.
    newItemDates: outcome.itemDates.filter((d) => view.isSeen(report.url, d.key)).map((d) => d.at),
    error: report.error,
  });
}

function buildReport(runId: string, startedAt: Date, finishedAt: Date, sources: SourceRunReport[], written: RunReport['written']): RunReport {
  const totals = {
    sources: sources.length,
    sourcesFailed: sources.filter((s) => s.status === 'failed').length,
    itemsSeen: sum(sources, (s) => s.itemsSeen),
    itemsNew: sum(sources, (s) => s.itemsNew),
    articlesWritten: sum(sources, (s) => s.articlesWritten),
    failures: sum(sources, (s) => s.failures.length + (s.error === null ? 0 : 1)),
  };
  const status: RunReport['status'] = totals.failures === 0 ? 'ok' : totals.sourcesFailed === sources.length && sources.length > 0 ? 'failed' : 'partial';
  return {
    schemaVersion: SCHEMA_VERSION,
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    status,
    sources,
    totals,
    written,
  };
}

function comparePending(a: PendingArticle, b: PendingArticle): number {
  const ta = a.extracted.publishedAt ?? a.item.publishedAt ?? a.fetchedAt;
  const tb = b.extracted.publishedAt ?? b.item.publishedAt ?? b.fetchedAt;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.sourceIndex - b.sourceIndex || a.itemIndex - b.itemIndex;
}

function sum<T>(xs: T[], f: (x: T) => number): number {
  return xs.reduce((acc, x) => acc + f(x), 0);
}
