import type { SourceConfig } from '../config/index.js';
import type { PendingArticle } from '../pipeline/index.js';

/** A queued extracted article as stored in `wd_queue.payload` (JSON; the source by url and name). */
export type QueuedArticle = Omit<PendingArticle, 'source'> & { source: { url: string; name: string } };

/** What a worker queues for an extracted article. */
export function queuedOf(article: PendingArticle): QueuedArticle {
  return { ...article, source: { url: article.source.url, name: article.source.name } };
}

/**
 * The pending article back from the queue: the grouper's own config entry for the source when it
 * has one, else a plain one with that url and name (grouping reads only those two).
 */
export function pendingOf(queued: QueuedArticle, sources: ReadonlyMap<string, SourceConfig>): PendingArticle {
  return { ...queued, source: sourceConfigOf(queued.source, sources) };
}

/** A source as the grouper knows it, from its url and name. */
export function sourceConfigOf(source: { url: string; name: string }, sources: ReadonlyMap<string, SourceConfig>): SourceConfig {
  return (
    sources.get(source.url) ?? {
      name: source.name,
      url: source.url,
      kind: 'feed' as const,
      allowPrivateNetwork: false,
      privateHosts: [],
      obeyRobots: true,
      headers: {},
      headerOrigins: [],
      enabled: true,
      intervalMinutes: null,
      cron: null,
      extract: null,
    }
  );
}

/** Commit order within a batch, as the single-process commit queue orders its hold: publication time, then source and item order. */
export function comparePending(a: PendingArticle, b: PendingArticle): number {
  const ta = a.extracted.publishedAt ?? a.item.publishedAt ?? a.fetchedAt;
  const tb = b.extracted.publishedAt ?? b.item.publishedAt ?? b.fetchedAt;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.sourceIndex - b.sourceIndex || a.itemIndex - b.itemIndex;
}
