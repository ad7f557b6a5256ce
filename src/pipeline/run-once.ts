import type { StateStore } from '../store/index.js';
import { SCHEMA_VERSION, type ArticleRef, type RunSummary, type SourceRunReport } from '../types/index.js';
import { CommitQueue } from './commit-queue.js';
import { fetchSource, type SourceStateView } from './fetch-source.js';
import type { RunDeps, SourceOutcome } from './pipeline-types.js';
import { runLimited } from './run-limited.js';
import { sourceStateAfter } from './source-state.js';

/** Sources crawled at once; each source's own requests are paced by the fetch layer per host. */
const SOURCES_IN_FLIGHT = 8;

/**
 * One crawl of the given sources, from feed to run report:
 * 1. per source, a conditional feed fetch, parsing, and the items not handled before;
 * 2. each new article is fetched and extracted, then committed within about a second (grouped,
 *    written, and recorded in the state in one step: commit-article.ts);
 * 3. once a source's articles are committed, its state (validators, schedule facts, failures);
 * 4. the run report, written last.
 * Errors of one feed or article are recorded and the run goes on; only storage and state failures
 * (fatal codes) reject. A stopped run (signal) commits what it has extracted and reports.
 */
export async function runOnce(deps: RunDeps): Promise<RunSummary> {
  const { clock, logger, config } = deps;
  const startedAt = clock.now();
  const runId = createRunId(startedAt);
  const log = logger.child({ run_id: runId });
  const sources = deps.sources ?? config.sources.filter((s) => s.enabled);
  const written = { articles: new Map<string, ArticleRef>(), stories: new Set<string>() };
  const queue = new CommitQueue(deps.committer, config.stories.commitHoldMs);
  const view = stateView(deps.state);
  const onAbort = (): void => queue.flush();
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  log.info('run started', { sources: sources.length });

  let fetching = 0;
  const outcomes = await runLimited(sources, SOURCES_IN_FLIGHT, async (source, i) => {
    let outcome: SourceOutcome;
    fetching++;
    try {
      outcome = await fetchSource(deps, source, i, view, (article) => queue.add(article));
    } finally {
      // No source is fetching (the others wait for their commits): nothing more is coming soon, so
      // commit what waits now rather than after the hold.
      if (--fetching === 0) queue.flush();
    }
    const { report } = outcome;
    for (const settled of await queue.settle(outcome.pending)) {
      if (!settled.ok) throw settled.error;
      report.articlesWritten++;
      const { articles, stories, removedStories } = settled.result;
      for (const a of articles) written.articles.set(a.id, a);
      for (const s of stories) written.stories.add(s);
      for (const s of removedStories) written.stories.delete(s);
    }
    for (const known of outcome.known) {
      const result = await deps.committer.recordKnown({ source, key: known.key, articleId: known.articleId, at: clock.now().toISOString() });
      for (const a of result.articles) written.articles.set(a.id, a);
    }
    const settled = new Set([...outcome.pending.map((p) => p.item.key), ...outcome.known.map((k) => k.key), ...outcome.finalFailures.map((f) => f.key)]);
    const uncommitted = report.itemsNew - report.articlesWritten - outcome.known.length - outcome.finalFailures.length;
    await saveSourceState(deps.state, outcome, clock.now(), uncommitted > 0, settled);
    return outcome;
  }).finally(() => deps.signal?.removeEventListener('abort', onAbort));

  const finishedAt = clock.now();
  const summary = buildSummary(runId, startedAt, finishedAt, outcomes.map((o) => o.report), {
    articles: [...written.articles.values()],
    stories: [...written.stories],
  });
  await deps.sink.writeRunReport(summary);
  log.info('run finished', { status: summary.status, articles_written: summary.totals.articlesWritten, failures: summary.totals.failures, duration_ms: summary.durationMs });
  return summary;
}

/** A run id that sorts by time and is a safe file name, e.g. `20261121-031500-4f2a9c`. */
export function createRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${Math.floor(Math.random() * 0xffffff)
    .toString(16)
    .padStart(6, '0')}`;
}

function stateView(state: StateStore): SourceStateView {
  // Article ids taken by a source in this run: a page listed by a feed and a sitemap is fetched once.
  const claimed = new Set<string>();
  return {
    validatorsFor: async (url) => (await state.source(url))?.validators ?? null,
    documentValidators: async (url) => (await state.source(url))?.documents ?? {},
    claimArticle(articleId) {
      if (claimed.has(articleId)) return false;
      claimed.add(articleId);
      return true;
    },
    async handledItems(feedUrl, items) {
      const seen = await state.seenKeys(feedUrl, items.map((i) => i.key));
      const rest = items.filter((i) => !seen.has(i.key));
      const stored = await state.articles(rest.map((i) => i.articleId));
      const elsewhere = new Set<string>();
      for (const item of rest) {
        const entry = stored.get(item.articleId);
        if (entry === undefined) continue;
        // A stored article is its feed's seen item (commits record no separate seen key for it).
        if (entry.feedUrl === feedUrl || entry.alsoIn.some((f) => f.url === feedUrl)) seen.add(item.key);
        else elsewhere.add(item.articleId);
      }
      return { seen, elsewhere };
    },
    pageValidators: (url) => state.urlValidators(url),
  };
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
      // Only items now seen: one left for a later run is new again then and would be counted twice.
      newItemDates: outcome.itemDates.filter((d) => settled.has(d.key)).map((d) => d.at),
      error: report.error,
    }),
  );
}

function buildSummary(runId: string, startedAt: Date, finishedAt: Date, sources: SourceRunReport[], written: RunSummary['written']): RunSummary {
  const totals = {
    sources: sources.length,
    sourcesFailed: sources.filter((s) => s.status === 'failed').length,
    itemsSeen: sum(sources, (s) => s.itemsSeen),
    itemsNew: sum(sources, (s) => s.itemsNew),
    articlesWritten: sum(sources, (s) => s.articlesWritten),
    failures: sum(sources, (s) => s.failures.length + (s.error === null ? 0 : 1)),
  };
  const status: RunSummary['status'] = totals.failures === 0 ? 'ok' : totals.sourcesFailed === sources.length && sources.length > 0 ? 'failed' : 'partial';
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

function sum<T>(xs: T[], f: (x: T) => number): number {
  return xs.reduce((acc, x) => acc + f(x), 0);
}
