import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArticleRecord, RunReport, StoryRecord } from '../../types/index.js';
import { errnoOf, readJsonFile } from './atomic-write.js';
import { isValidId, LAYOUT } from './store-layout.js';

/** One article file found on disk. */
export interface ArticleFile {
  /** Path relative to the output directory. */
  rel: string;
  id: string;
  /** UTC day the file is filed under, `YYYY-MM-DD`. */
  day: string;
}

/**
 * Every article file of an output directory, in day order, from the directory names alone
 * (no file is opened). Anything not shaped like the layout is ignored.
 */
export async function listArticleFiles(outDir: string): Promise<ArticleFile[]> {
  const files: ArticleFile[] = [];
  const root = join(outDir, LAYOUT.articlesDir);
  for (const yyyy of await listNames(root, /^\d{4}$/)) {
    for (const mm of await listNames(join(root, yyyy), /^\d{2}$/)) {
      for (const dd of await listNames(join(root, yyyy, mm), /^\d{2}$/)) {
        for (const name of await listNames(join(root, yyyy, mm, dd), /^[a-z0-9_-]+\.json$/)) {
          const id = name.slice(0, -'.json'.length);
          if (isValidId(id)) files.push({ rel: `${LAYOUT.articlesDir}/${yyyy}/${mm}/${dd}/${name}`, id, day: `${yyyy}-${mm}-${dd}` });
        }
      }
    }
  }
  return files;
}

/** Reads an article file; null when it vanished or does not parse (callers count those). */
export async function readArticleFile(outDir: string, rel: string): Promise<ArticleRecord | null> {
  try {
    return await readJsonFile<ArticleRecord>(join(outDir, rel));
  } catch {
    return null;
  }
}

/** Ids of every story file. */
export async function listStoryIds(outDir: string): Promise<string[]> {
  return (await listNames(join(outDir, LAYOUT.storiesDir), /^[a-z0-9_-]+\.json$/)).map((n) => n.slice(0, -'.json'.length));
}

/**
 * Story records, optionally only those whose file changed since `since` (a story file is rewritten
 * whenever a member joins, so its mtime is a cheap pre-filter before parsing).
 */
export async function readStories(outDir: string, since: Date | null = null): Promise<StoryRecord[]> {
  return readRecords<StoryRecord>(join(outDir, LAYOUT.storiesDir), await listStoryIds(outDir), since);
}

/** Run ids in time order (run ids start with their UTC start time). */
export async function listRunIds(outDir: string): Promise<string[]> {
  return (await listNames(join(outDir, LAYOUT.runsDir), /^[a-z0-9_-]+\.json$/)).map((n) => n.slice(0, -'.json'.length));
}

/** Run reports whose file changed since `since` (null: all), oldest first. */
export async function readRunReports(outDir: string, since: Date | null = null): Promise<RunReport[]> {
  const reports = await readRecords<RunReport>(join(outDir, LAYOUT.runsDir), await listRunIds(outDir), since);
  return reports.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

// Unparsable files are skipped: these listings feed operator views, which must not die on one file.
async function readRecords<T>(dir: string, ids: string[], since: Date | null): Promise<T[]> {
  const records: T[] = [];
  for (const id of ids) {
    const path = join(dir, `${id}.json`);
    if (since !== null) {
      const info = await stat(path).catch(() => null);
      if (info === null || info.mtime < since) continue;
    }
    const record = await readJsonFile<T>(path).catch(() => null);
    if (record !== null) records.push(record);
  }
  return records;
}

async function listNames(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => pattern.test(n)).sort();
  } catch (cause) {
    if (errnoOf(cause) === 'ENOENT' || errnoOf(cause) === 'ENOTDIR') return [];
    throw cause;
  }
}
