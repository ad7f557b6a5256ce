import type { ArticleEntry } from '../store/index.js';
import type { ArticleRecord } from '../types/index.js';
import type { StoryMember } from './story-record.js';

/** The catalog's member as a story record sees it. */
export function memberOf(entry: ArticleEntry): StoryMember {
  return { id: entry.id, title: entry.title, source: entry.source, duplicateOf: entry.duplicateOf, seenAt: entry.seenAt };
}

/** What the state's catalog keeps of an article record. */
export function catalogEntryOf(record: ArticleRecord, filedDay: string, joinedSeq: number): ArticleEntry {
  return {
    id: record.id,
    filedDay,
    feedUrl: record.feed.url,
    source: record.feed.name,
    title: record.title,
    duplicateOf: record.story.duplicateOf,
    storyId: record.story.id,
    joinedSeq,
    seenAt: record.fetchedAt,
    alsoIn: record.feed.alsoIn ?? [],
  };
}
