import type { StoryRecord } from '../../types/index.js';
import type { ArticleCommit, ArticleEntry } from '../state-store.js';

type Merges = StoryRecord['merged'];

/** A story as the catalog holds it: members by joining order, and its merges (null: no row). */
interface CachedStory {
  members: ArticleEntry[];
  merged: Merges | null;
}

/**
 * The members and merges of stories the catalog's one writer (a grouper, for its term) has read,
 * kept up to date by its own commits, so each commit does not read its stories back from the
 * database (two statements per article). Only that writer may use it: nobody else changes these
 * rows while it holds the role, and a new term starts with an empty cache. Bounded: the stories
 * used longest ago are dropped past `limit` and read again when a commit touches them.
 */
export class PgStoryCache {
  private readonly stories = new Map<string, CachedStory>();
  /** Story of each member of a cached story (where a moved article is to be taken out). */
  private readonly storyOf = new Map<string, string>();

  constructor(private readonly limit: number) {}

  /** Of `storyIds`, the ones not cached (to read with `load`). */
  missing(storyIds: readonly string[]): string[] {
    return storyIds.filter((id) => !this.stories.has(id));
  }

  /** Stores stories as read from the database (members in joining order). */
  load(stories: ReadonlyMap<string, CachedStory>): void {
    for (const [id, story] of stories) {
      this.drop(id);
      this.stories.set(id, { members: story.members.map(copyEntry), merged: story.merged === null ? null : asJsonb(story.merged) });
      for (const m of story.members) this.storyOf.set(m.id, id);
    }
    for (const id of this.stories.keys()) {
      if (this.stories.size <= this.limit) break;
      this.drop(id);
    }
  }

  /** The members of a cached story (copies), or undefined when it is not cached. */
  members(storyId: string): ArticleEntry[] | undefined {
    const story = this.touch(storyId);
    return story?.members.map(copyEntry);
  }

  /** The merges of a cached story (null: none recorded), or undefined when it is not cached. */
  merges(storyId: string): Merges | null | undefined {
    return this.touch(storyId)?.merged;
  }

  /** What a commit changed, as `wd_commit` applies it: catalog entries upserted, merges upserted, then ended stories' merges deleted. */
  noteCommit(c: Pick<ArticleCommit, 'articles' | 'merges' | 'endedStories'>): void {
    for (const entry of c.articles) {
      const from = this.storyOf.get(entry.id);
      if (from !== undefined) {
        const story = this.stories.get(from);
        if (story !== undefined) story.members = story.members.filter((m) => m.id !== entry.id);
        this.storyOf.delete(entry.id);
      }
      const to = this.stories.get(entry.storyId);
      if (to === undefined) continue;
      insertByJoinOrder(to.members, copyEntry(entry));
      this.storyOf.set(entry.id, entry.storyId);
    }
    for (const m of c.merges) {
      const story = this.stories.get(m.storyId);
      if (story !== undefined) story.merged = asJsonb(m.merged);
    }
    for (const id of c.endedStories) {
      const story = this.stories.get(id);
      if (story !== undefined) story.merged = null;
    }
  }

  private touch(storyId: string): CachedStory | undefined {
    const story = this.stories.get(storyId);
    if (story === undefined) return undefined;
    // Most recently used last: the oldest go first past the limit.
    this.stories.delete(storyId);
    this.stories.set(storyId, story);
    return story;
  }

  private drop(storyId: string): void {
    const story = this.stories.get(storyId);
    if (story === undefined) return;
    for (const m of story.members) if (this.storyOf.get(m.id) === storyId) this.storyOf.delete(m.id);
    this.stories.delete(storyId);
  }
}

function insertByJoinOrder(members: ArticleEntry[], entry: ArticleEntry): void {
  let i = members.length;
  while (i > 0 && (members[i - 1] as ArticleEntry).joinedSeq > entry.joinedSeq) i -= 1;
  members.splice(i, 0, entry);
}

function copyEntry(entry: ArticleEntry): ArticleEntry {
  return { ...entry, alsoIn: asJsonb(entry.alsoIn) };
}

/**
 * A JSON value as PostgreSQL's jsonb gives it back: object keys shortest first, then by bytes. A
 * cached value then serialises (in story and article files) exactly as one read from the database.
 */
export function asJsonb<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => asJsonb(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = asJsonb((value as Record<string, unknown>)[k]);
  return out as T;
}
