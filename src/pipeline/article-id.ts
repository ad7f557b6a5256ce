import { createHash } from 'node:crypto';
import type { FeedItem } from '../types/index.js';

/**
 * Stable article id: 16 hex chars of SHA-256 over the item's canonical URL, else feed URL + guid,
 * else feed URL + identity key. Derived before the page is fetched so "seen before" and the
 * output file name agree across runs; never built from untrusted text, so always path-safe.
 */
export function articleIdFor(feedUrl: string, item: FeedItem): string {
  const basis = item.canonicalUrl ?? (item.guid !== null ? `${feedUrl}\u0000guid:${item.guid}` : `${feedUrl}\u0000key:${item.key}`);
  return createHash('sha256').update(basis).digest('hex').slice(0, 16);
}
