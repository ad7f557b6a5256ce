import { SCHEMA_VERSION, type ArticleRecord, type StoryRecord } from '../types/index.js';

/**
 * Adds an article to its story record (or starts one). Pure: the caller reads and writes files.
 * The representative is the first member that is not a copy of another, so a story's headline
 * is an original report rather than a syndicated reprint.
 */
export function addToStory(existing: StoryRecord | null, article: ArticleRecord, at: string): StoryRecord {
  const story: StoryRecord =
    existing === null
      ? {
          schemaVersion: SCHEMA_VERSION,
          id: article.story.id,
          members: [],
          representative: article.id,
          title: article.title,
          sources: [],
          firstSeenAt: at,
          lastSeenAt: at,
          merged: [],
        }
      : { ...existing, members: [...existing.members], sources: [...existing.sources], merged: [...existing.merged] };
  if (!story.members.includes(article.id)) story.members.push(article.id);
  if (!story.sources.includes(article.feed.name)) story.sources.push(article.feed.name);
  story.lastSeenAt = at;
  return story;
}

/**
 * Folds absorbed stories into the surviving one: members and sources appended in order,
 * earliest first-seen kept, and the merge recorded so readers can follow a vanished id.
 */
export function mergeStories(survivor: StoryRecord, absorbed: StoryRecord[], at: string): StoryRecord {
  const merged: StoryRecord = { ...survivor, members: [...survivor.members], sources: [...survivor.sources], merged: [...survivor.merged] };
  for (const other of absorbed) {
    for (const id of other.members) if (!merged.members.includes(id)) merged.members.push(id);
    for (const s of other.sources) if (!merged.sources.includes(s)) merged.sources.push(s);
    if (other.firstSeenAt < merged.firstSeenAt) merged.firstSeenAt = other.firstSeenAt;
    // Once: a merge redone after a crash (the absorbed file was not removed yet) is the same merge.
    if (!merged.merged.some((m) => m.storyId === other.id)) merged.merged.push({ storyId: other.id, at });
  }
  merged.lastSeenAt = at;
  return merged;
}
