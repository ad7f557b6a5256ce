import { SCHEMA_VERSION, type ArticleRef, type RunSummary, type SourceRunReport } from '../types/index.js';
import type { CommitResult } from './commit-article.js';

/**
 * What one run report covers: the sources finished in it, in order, and every article and story
 * file its commits wrote (kept in commit order, so a story written and then removed is not listed).
 * `runOnce` fills one for its whole crawl; the daemon's continuous mode closes one per reporting period.
 */
export class RunWindow {
  readonly runId: string;
  readonly #sources: { order: number; report: SourceRunReport }[] = [];
  readonly #articles = new Map<string, ArticleRef>();
  readonly #stories = new Set<string>();

  constructor(readonly startedAt: Date) {
    this.runId = createRunId(startedAt);
  }

  /** Sources finished so far. */
  get size(): number {
    return this.#sources.length;
  }

  /** Records what a commit wrote or removed. */
  addWritten(result: CommitResult): void {
    for (const a of result.articles) this.#articles.set(a.id, a);
    for (const s of result.stories) this.#stories.add(s);
    for (const s of result.removedStories) this.#stories.delete(s);
  }

  /** Records a finished source; reports are listed by `order`. */
  addSource(order: number, report: SourceRunReport): void {
    this.#sources.push({ order, report });
  }

  /** The run report as of `finishedAt`. */
  summary(finishedAt: Date): RunSummary {
    const sources = [...this.#sources].sort((a, b) => a.order - b.order).map((s) => s.report);
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
      runId: this.runId,
      startedAt: this.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - this.startedAt.getTime(),
      status,
      sources,
      totals,
      written: { articles: [...this.#articles.values()], stories: [...this.#stories] },
    };
  }
}

/** A run id that sorts by time and is a safe file name, e.g. `20261121-031500-4f2a9c`. */
export function createRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${Math.floor(Math.random() * 0xffffff)
    .toString(16)
    .padStart(6, '0')}`;
}

function sum<T>(xs: T[], f: (x: T) => number): number {
  return xs.reduce((acc, x) => acc + f(x), 0);
}
