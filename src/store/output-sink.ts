import type { ArticleRecord, RunReport, RunSummary, StoryRecord } from '../types/index.js';

/**
 * Where the crawler's output goes: articles, stories, run reports, and the pages and feeds made
 * from them. One implementation per backend (files in `file/`; database tables in a cluster);
 * callers speak in ids and records, never in paths or tables.
 */
export interface OutputSink {
  /** Where the output lives, for messages. */
  readonly location: string;

  /** Exclusive use of the output: LOCKED (naming the holder) when another crawler has it. */
  acquireLock(): Promise<void>;
  releaseLock(): Promise<void>;
  /** The crawler holding the output right now, if any. */
  lockHolder(): Promise<{ pid: number; hostname: string; startedAt: string } | null>;

  /** Writes (or atomically replaces) an article filed under `filedDay` (YYYY-MM-DD). */
  writeArticle(record: ArticleRecord, filedDay: string): Promise<void>;
  /** The article, or null when it was never written (or was removed). */
  readArticle(id: string, filedDay: string): Promise<ArticleRecord | null>;
  removeArticle(id: string, filedDay: string): Promise<void>;
  /** Removes an article whose commit was interrupted, with anything half-written of it. */
  discardArticle(id: string, filedDay: string): Promise<void>;
  /** Every article in the output, with the day it is filed under (rebuild and import only: it reads everything). */
  scanArticles(): AsyncIterable<{ id: string; filedDay: string; record: ArticleRecord | null; where: string }>;

  writeStory(record: StoryRecord): Promise<void>;
  readStory(id: string): Promise<StoryRecord | null>;
  /** Removes a story (no error when it is already gone). */
  removeStory(id: string): Promise<void>;
  /** Every story in the output (rebuild only). */
  scanStories(): AsyncIterable<StoryRecord>;

  /** Writes the run's report, then the pointer to it, last; returns the report as written. */
  writeRunReport(summary: RunSummary): Promise<RunReport>;
  readLatestRun(): Promise<LatestRunPointer | null>;
  /** Run ids started before `cutoff`, except the latest run's (prune). */
  runsBefore(cutoff: Date): Promise<string[]>;
  removeRun(runId: string): Promise<void>;

  /** Writes the story board page; returns where, relative to the output. */
  writeBoard(html: string): Promise<string>;
  /** Writes a story feed (`stories.atom`, `stories.json`, `lang-<code>.atom`); returns where. */
  writeStoryFeed(name: string, text: string): Promise<string>;
  /** The feed as last written, or null (the next publish compares its entries against it). */
  readStoryFeed(name: string): Promise<string | null>;
  /**
   * Writes a file the board page loads, named relative to the page (`texts/<chunk>.js`, the only
   * kind there is); returns where, relative to the output.
   */
  writeBoardAsset(name: string, text: string): Promise<string>;
  /** Names of the board's assets on hand (`texts/<chunk>.js`): one directory listing, no file read. */
  listBoardAssets(): Promise<string[]>;
  /** Removes a board asset (no error when it is already gone). */
  removeBoardAsset(name: string): Promise<void>;
  /** When the board page was last written, null when never (one stat, no read). */
  boardWrittenAt(): Promise<Date | null>;
}

/** `latest-run.json`: points at the newest run whose files are all written. */
export interface LatestRunPointer {
  schemaVersion: number;
  runId: string;
  /** Path of the run report, relative to the output directory. */
  path: string;
  startedAt: string;
  finishedAt: string;
  status: RunReport['status'];
}
