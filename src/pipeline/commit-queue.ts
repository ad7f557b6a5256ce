import type { CommitResult } from './commit-article.js';
import type { Committer } from './committer.js';
import type { PendingArticle } from './pipeline-types.js';

/** Extracted articles wait at most this long before they are committed (fetch → file latency). */
export const DEFAULT_HOLD_MS = 1_000;
/** A batch this big is committed at once (bounds memory on big runs). */
const MAX_BATCH = 500;

type Settled = { ok: true; result: CommitResult } | { ok: false; error: unknown };

/**
 * Holds extracted articles briefly and commits them in publication-time order, so the earliest
 * copy of a wire text that arrives within the hold is the original whatever order the pages came
 * in, while every article still reaches disk within about a second of its extraction.
 */
export class CommitQueue {
  private buffer: PendingArticle[] = [];
  private readonly settled = new Map<PendingArticle, Promise<Settled>>();
  private readonly waiting = new Map<PendingArticle, (s: Settled) => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly committer: Committer,
    private readonly holdMs: number = DEFAULT_HOLD_MS,
    /** Told of each commit as it lands (in commit order), for the run report's list of files. */
    private readonly onCommitted: (result: CommitResult) => void = () => undefined,
  ) {}

  /** Queues an article; it is committed within `holdMs`. */
  add(article: PendingArticle): void {
    this.buffer.push(article);
    this.settled.set(article, new Promise<Settled>((resolve) => this.waiting.set(article, resolve)));
    if (this.buffer.length >= MAX_BATCH) this.flush();
    else if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.holdMs);
  }

  /** Commits everything queued now (nothing more is coming soon, or the run is stopping). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer.splice(0, this.buffer.length).sort(comparePending);
    for (const article of batch) {
      const resolve = this.waiting.get(article);
      this.waiting.delete(article);
      this.committer.commit(article).then(
        (result) => {
          this.onCommitted(result);
          resolve?.({ ok: true, result });
        },
        (error: unknown) => resolve?.({ ok: false, error }),
      );
    }
  }

  /** The outcome of each of these articles' commits, once all are done. */
  async settle(articles: readonly PendingArticle[]): Promise<Settled[]> {
    const out: Settled[] = [];
    for (const article of articles) {
      const done = this.settled.get(article);
      if (done === undefined) continue;
      out.push(await done);
      this.settled.delete(article);
    }
    return out;
  }
}

function comparePending(a: PendingArticle, b: PendingArticle): number {
  const ta = a.extracted.publishedAt ?? a.item.publishedAt ?? a.fetchedAt;
  const tb = b.extracted.publishedAt ?? b.item.publishedAt ?? b.fetchedAt;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.sourceIndex - b.sourceIndex || a.itemIndex - b.itemIndex;
}
