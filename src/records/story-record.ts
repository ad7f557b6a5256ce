import type { StoriesConfig } from '../config/index.js';
import { SCHEMA_VERSION, type ArticleRecord, type StoryRecord } from '../types/index.js';

/**
 * The one place that decides what a story record says. The pipeline (a member joins, a story
 * splits or merges), prune (members removed) and rebuild (members read back from article files)
 * all build the record from its members with `storyRecordOf`, so the same members always give the
 * same record, whichever of them got there.
 */

/** What a story record needs to know of one member. */
export interface StoryMember {
  id: string;
  title: string;
  /** The feed name it came from. */
  source: string;
  /** Set when the member is a syndicated copy of another article. */
  duplicateOf: string | null;
  /** When the crawler fetched it (ISO). */
  seenAt: string;
}

/** A story's history that its members cannot tell: the stories that ended in it. */
export type StoryMerges = StoryRecord['merged'];

/**
 * How long a story stays open after its latest report: the story window plus the story memory
 * (config `stories.windowHours`, `stories.memoryDays`), as long as the story index keeps it joinable.
 */
export interface StoryTerms {
  openHours: number;
}

/** What of the `stories` config decides the terms: the window and the memory. */
export type StorySpan = Pick<StoriesConfig, 'windowHours' | 'memoryDays'>;

/** The story terms of a `stories` config. */
export function storyTermsOf(stories: StorySpan): StoryTerms {
  return { openHours: stories.windowHours + stories.memoryDays * 24 };
}

/**
 * The story record of `members`, given in the order they joined the story:
 * - the representative (and the title) is the first member that is not a copy of another (a
 *   story's headline is an original report, not a reprint), else the first member;
 * - sources are the members' feed names, first appearance first;
 * - firstSeenAt and lastSeenAt are the earliest and latest fetch times of the members;
 * - expiresAt is lastSeenAt plus the terms' open hours: a report of the event fetched later starts
 *   a new story (the index has forgotten this one by then);
 * - merged lists the ended stories' ids, each once.
 * Null when there are no members: such a story has no file.
 */
export function storyRecordOf(id: string, members: readonly StoryMember[], merged: StoryMerges, terms: StoryTerms): StoryRecord | null {
  const first = members[0];
  if (first === undefined) return null;
  const representative = members.find((m) => m.duplicateOf === null) ?? first;
  const sources: string[] = [];
  let firstSeenAt = first.seenAt;
  let lastSeenAt = first.seenAt;
  for (const member of members) {
    if (!sources.includes(member.source)) sources.push(member.source);
    if (member.seenAt < firstSeenAt) firstSeenAt = member.seenAt;
    if (member.seenAt > lastSeenAt) lastSeenAt = member.seenAt;
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    members: members.map((m) => m.id),
    representative: representative.id,
    title: representative.title,
    sources,
    firstSeenAt,
    lastSeenAt,
    expiresAt: expiryOf(lastSeenAt, terms),
    merged: dedupeMerges(merged),
  };
}

/** lastSeenAt plus the open hours (ISO); a time that does not parse (never written by the crawler) is kept as it is. */
function expiryOf(lastSeenAt: string, terms: StoryTerms): string {
  const at = Date.parse(lastSeenAt);
  return Number.isNaN(at) ? lastSeenAt : new Date(at + terms.openHours * 3_600_000).toISOString();
}

/**
 * The merges a surviving story records when `ended` stories end in it at `at`: its own, then each
 * ended story's own history and the ended story itself, each id once (a commit redone after a
 * crash adds nothing).
 */
export function mergesAfter(own: StoryMerges, ended: readonly { id: string; merged: StoryMerges }[], at: string, survivorId: string): StoryMerges {
  const out: StoryMerges = [...own];
  for (const story of ended) {
    if (story.id === survivorId) continue;
    for (const entry of [...story.merged, { storyId: story.id, at }]) if (!out.some((m) => m.storyId === entry.storyId)) out.push(entry);
  }
  return out;
}

/** A member as an article record describes it. */
export function memberOfArticle(article: ArticleRecord): StoryMember {
  return { id: article.id, title: article.title, source: article.feed.name, duplicateOf: article.story.duplicateOf, seenAt: article.fetchedAt };
}

function dedupeMerges(merged: StoryMerges): StoryMerges {
  const out: StoryMerges = [];
  for (const entry of merged) if (!out.some((m) => m.storyId === entry.storyId)) out.push(entry);
  return out;
}
