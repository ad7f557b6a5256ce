import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArticleRecord, StoryRecord } from '../types/index.js';
import { SCHEMA_VERSION } from '../types/index.js';
import { errnoOf, storeWriteError } from './atomic-write.js';
import { emptySourceState, emptyState, recordItemTime, type CrawlerState } from './crawler-state.js';
import type { Store } from './open-store.js';
import { listArticleFiles, readArticleFile, readStories } from './scan-output.js';
import { LAYOUT } from './store-layout.js';

/** What `rebuildState` recovered. */
export interface RebuildResult {
  articles: number;
  /** Article files that did not parse (left in place, reported). */
  unreadable: string[];
  /** Ids found in more than one file: the newest fetch was kept in the index. */
  duplicateIds: string[];
  seenKeys: number;
  sources: number;
  storiesRewritten: string[];
  /** Where the old (corrupt) state file was moved, if there was one. */
  movedAside: string | null;
}

/**
 * Recreates the state from the article files (the lock must be held): the id → path index, the
 * seen keys of every feed (guid, URL and canonical URL of each article, so none is fetched again),
 * per-source last success and recent item times, and story membership (a story file missing one
 * of its articles, or missing altogether, is rewritten). HTTP validators, back-off and the
 * fingerprint index cannot be recovered: the next run fetches each feed unconditionally and
 * new articles start new story groups against older ones. The old state file is kept aside.
 */
export async function rebuildState(store: Store, now: Date): Promise<RebuildResult> {
  const state = emptyState();
  const result: RebuildResult = { articles: 0, unreadable: [], duplicateIds: [], seenKeys: 0, sources: 0, storiesRewritten: [], movedAside: null };
  const byId = new Map<string, ArticleRecord>();

  // 1. Every article file: index, seen keys, per-source facts.
  for (const file of await listArticleFiles(store.outDir)) {
    const record = await readArticleFile(store.outDir, file.rel);
    if (record === null || record.id !== file.id || typeof record.feed?.url !== 'string') {
      result.unreadable.push(file.rel);
      continue;
    }
    const previous = byId.get(record.id);
    if (previous !== undefined) {
      result.duplicateIds.push(record.id);
      if (previous.fetchedAt >= record.fetchedAt) continue;
    }
    byId.set(record.id, record);
    state.articlePaths[record.id] = file.rel;
    addSeenKeys(state, record);
    const source = (state.sources[record.feed.url] ??= emptySourceState(record.feed.name));
    if (source.lastSuccessAt === null || record.fetchedAt > source.lastSuccessAt) source.lastSuccessAt = record.fetchedAt;
    recordItemTime(source, record.publishedAt ?? record.fetchedAt);
  }
  result.articles = byId.size;
  result.sources = Object.keys(state.sources).length;
  result.seenKeys = Object.values(state.seen).reduce((n, keys) => n + Object.keys(keys).length, 0);

  // 2. Story membership, following merges to the surviving story.
  result.storiesRewritten = await repairStories(store, byId);

  // 3. Keep the broken state for inspection, then save the rebuilt one.
  const statePath = join(store.stateDir, LAYOUT.stateFile);
  const aside = `${statePath}.broken-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(statePath, aside);
    result.movedAside = aside;
  } catch (cause) {
    if (errnoOf(cause) !== 'ENOENT') throw storeWriteError(aside, cause);
  }
  await store.saveState(state);
  return result;
}

function addSeenKeys(state: CrawlerState, record: ArticleRecord): void {
  const keys = (state.seen[record.feed.url] ??= {});
  for (const key of new Set([record.guid, record.url, record.canonicalUrl, record.finalUrl])) {
    if (key !== null && key !== '' && keys[key] === undefined) keys[key] = { articleId: record.id, at: record.fetchedAt };
  }
}

async function repairStories(store: Store, byId: Map<string, ArticleRecord>): Promise<string[]> {
  const stories = new Map<string, StoryRecord>();
  const mergedInto = new Map<string, string>();
  for (const story of await readStories(store.outDir)) {
    stories.set(story.id, story);
    for (const m of story.merged ?? []) mergedInto.set(m.storyId, story.id);
  }
  const resolve = (id: string): string => {
    const seen = new Set<string>();
    let current = id;
    while (mergedInto.has(current) && !seen.has(current)) {
      seen.add(current);
      current = mergedInto.get(current) ?? current;
    }
    return current;
  };
  const changed = new Set<string>();
  const articles = [...byId.values()].sort((a, b) => a.fetchedAt.localeCompare(b.fetchedAt));
  for (const article of articles) {
    const storyId = resolve(article.story.id);
    let story = stories.get(storyId);
    if (story === undefined) {
      story = {
        schemaVersion: SCHEMA_VERSION,
        id: storyId,
        members: [],
        representative: article.id,
        title: article.title,
        sources: [],
        firstSeenAt: article.fetchedAt,
        lastSeenAt: article.fetchedAt,
        merged: [],
      };
      stories.set(storyId, story);
    }
    if (story.members.includes(article.id)) continue;
    story.members.push(article.id);
    if (!story.sources.includes(article.feed.name)) story.sources.push(article.feed.name);
    if (article.fetchedAt < story.firstSeenAt) story.firstSeenAt = article.fetchedAt;
    if (article.fetchedAt > story.lastSeenAt) story.lastSeenAt = article.fetchedAt;
    changed.add(storyId);
  }
  const written: string[] = [];
  for (const id of changed) {
    const story = stories.get(id);
    if (story !== undefined) written.push(await store.writeStory(story));
  }
  return written;
}
