import type { StateStore } from '../store/index.js';
import type { RunSummary } from '../types/index.js';
import { CommitQueue } from './commit-queue.js';
import { crawlSource } from './crawl-source.js';
import type { SourceStateView } from './fetch-source.js';
import type { RunDeps } from './pipeline-types.js';
import { RunWindow } from './run-window.js';
import { SourceGate } from './source-gate.js';

/**
 * One crawl of the given sources, from feed to run report:
 * 1. sources are admitted up to `fetch.sourceConcurrency` at once, round-robin by feed host
 *    (`SourceGate`); their requests start as their hosts become ready (the crawler's pacer);
 * 2. per source, a conditional feed fetch, parsing, and the items not handled before; each new
 *    article is fetched and extracted, then committed within about a second (grouped, written,
 *    and recorded in the state in one step: commit-article.ts);
 * 3. once a source's articles are committed, its state (validators, schedule facts, failures);
 * 4. the run report, written last.
 * Errors of one feed or article are recorded and the run goes on; only storage and state failures
 * (fatal codes) reject. A stopped run (signal) commits what it has extracted and reports.
 */
export async function runOnce(deps: RunDeps): Promise<RunSummary> {
  const { clock, logger, config } = deps;
  const window = new RunWindow(clock.now());
  const log = logger.child({ run_id: window.runId });
  const sources = deps.sources ?? config.sources.filter((s) => s.enabled);
  const queue = new CommitQueue(deps.committer, config.stories.commitHoldMs, (result) => window.addWritten(result));
  const gate = deps.gate ?? new SourceGate(config.fetch.sourceConcurrency);
  const view = stateView(deps.state);
  const onAbort = (): void => queue.flush();
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  log.info('run started', { sources: sources.length });

  let fetching = 0;
  const context = {
    queue,
    view,
    onWritten: (result: Parameters<RunWindow['addWritten']>[0]) => window.addWritten(result),
    started: () => void fetching++,
    // No source is fetching (the others wait for their commits or for admission): nothing more is
    // coming soon, so commit what waits now rather than after the hold.
    fetched: () => {
      if (--fetching === 0) queue.flush();
    },
  };
  try {
    await Promise.all(sources.map((source, order) => gate.run(source.url, async () => window.addSource(order, await crawlSource(deps, source, order, context)))));
  } finally {
    deps.signal?.removeEventListener('abort', onAbort);
  }

  // The report names the story files the run's commits changed: those a batch holds are written first.
  await deps.committer.flushStories();
  const summary = window.summary(clock.now());
  await deps.sink.writeRunReport(summary);
  log.info('run finished', { status: summary.status, articles_written: summary.totals.articlesWritten, failures: summary.totals.failures, duration_ms: summary.durationMs });
  return summary;
}

/** What stage A reads from the state (one view per run or session: it holds the run's claims). */
export function stateView(state: StateStore): SourceStateView {
  // Article ids taken by a source in flight: a page listed by a feed and a sitemap is fetched once
  // (released when the source is done, so a daemon's session does not keep them).
  const claimed = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  return {
    validatorsFor: async (url) => (await state.source(url))?.validators ?? null,
    documentValidators: async (url) => (await state.source(url))?.documents ?? {},
    claimArticle(articleId) {
      if (claimed.has(articleId)) return false;
      claimed.add(articleId);
      return true;
    },
    releaseArticles(articleIds) {
      for (const id of articleIds) {
        claimed.delete(id);
        for (const wake of waiting.get(id) ?? []) wake();
        waiting.delete(id);
      }
    },
    released(articleId) {
      if (!claimed.has(articleId)) return Promise.resolve();
      return new Promise((resolve) => waiting.set(articleId, [...(waiting.get(articleId) ?? []), resolve]));
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
