import { readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoryRecord } from '../types/index.js';
import { errnoOf, storeWriteError } from './atomic-write.js';
import { pruneSeenKeys } from './crawler-state.js';
import type { Store } from './open-store.js';
import { listArticleFiles, listRunIds, readStories } from './scan-output.js';
import { dayOfArticlePath, LAYOUT, runRelPath, storyRelPath } from './store-layout.js';

/** What `pruneOutput` removed. */
export interface PruneResult {
  articlesRemoved: number;
  storiesRemoved: number;
  storiesRewritten: number;
  runsRemoved: number;
  seenKeysRemoved: number;
  pathEntriesRemoved: number;
}

/**
 * Removes everything older than `cutoff`, consistently (the lock must be held):
 * article files filed on a day that ended before the cutoff, their id → path entries, their ids
 * from story member lists (a story left empty is deleted; one that lost its representative gets
 * the oldest remaining member), run reports started before the cutoff (never the one
 * latest-run.json points at), and seen keys first seen before the cutoff.
 * Order makes an interrupted prune safe to repeat: stories are rewritten first, then article
 * files go, then the state is saved.
 */
export async function pruneOutput(store: Store, cutoff: Date): Promise<PruneResult> {
  const result: PruneResult = { articlesRemoved: 0, storiesRemoved: 0, storiesRewritten: 0, runsRemoved: 0, seenKeysRemoved: 0, pathEntriesRemoved: 0 };
  const cutoffDay = cutoff.toISOString().slice(0, 10);
  const state = await store.loadState();

  // 1. Which article files go: whole UTC days before the cutoff's day.
  const doomed = (await listArticleFiles(store.outDir)).filter((f) => f.day < cutoffDay);
  const doomedIds = new Set(doomed.map((f) => f.id));

  // 2. Stories lose those members (rewritten atomically, or deleted when empty).
  for (const story of await readStories(store.outDir)) {
    const members = story.members.filter((id) => !doomedIds.has(id));
    if (members.length === story.members.length) continue;
    if (members.length === 0) {
      await removeFile(join(store.outDir, storyRelPath(story.id)));
      result.storiesRemoved++;
      continue;
    }
    await store.writeStory(await withMembers(store, story, members));
    result.storiesRewritten++;
  }

  // 3. The article files themselves, then day directories left empty.
  for (const file of doomed) {
    await removeFile(join(store.outDir, file.rel));
    result.articlesRemoved++;
  }
  await removeEmptyDirs(join(store.outDir, LAYOUT.articlesDir));

  // 4. Old run reports, but never the one latest-run.json points at.
  const latest = await store.readLatestRun().catch(() => null);
  for (const runId of await listRunIds(store.outDir)) {
    if (runId === latest?.runId || !isRunBefore(runId, cutoff)) continue;
    await removeFile(join(store.outDir, runRelPath(runId)));
    result.runsRemoved++;
  }

  // 5. The state: id → path entries of removed files, and old seen keys.
  for (const id of Object.keys(state.articlePaths)) {
    const day = dayOfArticlePath(state.articlePaths[id] ?? '');
    if (doomedIds.has(id) || day === null || day < cutoffDay) {
      delete state.articlePaths[id];
      result.pathEntriesRemoved++;
    }
  }
  result.seenKeysRemoved = pruneSeenKeys(state, cutoff);
  await store.saveState(state);
  return result;
}

/** A story with a new member list; the representative moves to the oldest remaining member if it left. */
async function withMembers(store: Store, story: StoryRecord, members: string[]): Promise<StoryRecord> {
  const updated: StoryRecord = { ...story, members };
  if (!members.includes(story.representative)) {
    const first = members[0] ?? story.representative;
    updated.representative = first;
    const article = await store.readArticle(first).catch(() => null);
    if (article !== null) updated.title = article.title;
  }
  return updated;
}

/** Run ids start with their UTC start time (`YYYYMMDD-HHMMSS-…`); ids of another shape are kept. */
function isRunBefore(runId: string, cutoff: Date): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(runId);
  if (!match) return false;
  const started = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));
  return started < cutoff.getTime();
}

async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (cause) {
    if (errnoOf(cause) !== 'ENOENT') throw storeWriteError(path, cause);
  }
}

async function removeEmptyDirs(dir: string): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  let empty = true;
  for (const entry of entries) {
    if (entry.isDirectory() && (await removeEmptyDirs(join(dir, entry.name)))) continue;
    empty = false;
  }
  if (empty) await rmdir(dir).catch(() => undefined);
  return empty;
}
