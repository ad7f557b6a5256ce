import { createHash } from 'node:crypto';
import type { FeedItem } from '../types/index.js';

/**
 * Gives every item its identity key for "seen before": the guid when no other item in the feed
 * carries it, else the canonical URL when that is unique, else a hash of title and summary.
 * A feed that stamps one guid on every item therefore keeps every item apart.
 * Returns how many items carry a guid that another item also carries.
 */
export function assignKeys(items: FeedItem[]): number {
  const guidCounts = countBy(items, (item) => item.guid);
  const urlCounts = countBy(items, (item) => item.canonicalUrl);
  let reused = 0;
  for (const item of items) {
    if (item.guid !== null && guidCounts.get(item.guid) !== 1) reused++;
    if (item.guid !== null && guidCounts.get(item.guid) === 1) item.key = item.guid;
    else if (item.canonicalUrl !== null && urlCounts.get(item.canonicalUrl) === 1) item.key = item.canonicalUrl;
    else item.key = contentKey(item);
  }
  return reused;
}

/** `sha1:` + hex of title and summary: stable across polls for an unchanged item. */
export function contentKey(item: Pick<FeedItem, 'title' | 'summary'>): string {
  return `sha1:${createHash('sha1').update(`${item.title}\n${item.summary ?? ''}`).digest('hex')}`;
}

function countBy(items: FeedItem[], pick: (item: FeedItem) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const value = pick(item);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}
