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
 * Records stories that ended because their members joined this one: the earliest first-seen is
 * kept and the ended ids (and the ids they had absorbed) are listed, so readers can follow an id
 * that vanished. Each is recorded once, so a commit redone after a crash changes nothing.
 */
export function recordEnded(survivor: StoryRecord, ended: StoryRecord[], at: string): StoryRecord {
  const story: StoryRecord = { ...survivor, merged: [...survivor.merged] };
  for (const other of ended) {
    if (other.id === story.id) continue;
    if (other.firstSeenAt < story.firstSeenAt) story.firstSeenAt = other.firstSeenAt;
    for (const entry of [...other.merged, { storyId: other.id, at }]) {
      if (!story.merged.some((m) => m.storyId === entry.storyId)) story.merged.push(entry);
    }
  }
  return story;
}

/**
 * The story with exactly these members (in their order) after others left it: the representative
 * is again the first original among them, and the sources are those of the members left.
 */
export function withMembers(story: StoryRecord, members: ArticleRecord[]): StoryRecord {
  const representative = members.find((m) => m.story.duplicateOf === null) ?? (members[0] as ArticleRecord);
  const sources: string[] = [];
  for (const m of members) if (!sources.includes(m.feed.name)) sources.push(m.feed.name);
  return { ...story, members: members.map((m) => m.id), representative: representative.id, title: representative.title, sources, merged: [...story.merged] };
}
