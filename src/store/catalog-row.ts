import type { ArticleEntry } from './state-store.js';

/**
 * A catalog row as both backends store it (snake_case columns). Only `also_in` differs: PostgreSQL
 * hands back its jsonb parsed, SQLite its TEXT as a string; `readAlsoIn` says which.
 */
export interface CatalogRow<AlsoIn> {
  id: string;
  filed_day: string;
  feed_url: string;
  source: string;
  title: string;
  duplicate_of: string | null;
  story_id: string;
  joined_seq: number;
  seen_at: string;
  also_in: AlsoIn | null;
}

/** The catalog entry of a row; a missing `also_in` is no other feed. */
export function entryOfCatalogRow<AlsoIn>(r: CatalogRow<AlsoIn>, readAlsoIn: (value: AlsoIn) => ArticleEntry['alsoIn']): ArticleEntry {
  return {
    id: r.id,
    filedDay: r.filed_day,
    feedUrl: r.feed_url,
    source: r.source,
    title: r.title,
    duplicateOf: r.duplicate_of,
    storyId: r.story_id,
    joinedSeq: r.joined_seq,
    seenAt: r.seen_at,
    alsoIn: r.also_in === null ? [] : readAlsoIn(r.also_in),
  };
}
