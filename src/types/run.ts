import type { ErrorRecord } from '../errors/index.js';

/** Outcome of one source in one run. */
export interface SourceRunReport {
  name: string;
  url: string;
  status: 'ok' | 'not-modified' | 'failed' | 'partial' | 'skipped';
  http: { status: number | null; finalUrl: string | null; notModified: boolean; durationMs: number | null; encoding: string | null };
  itemsSeen: number;
  itemsNew: number;
  articlesWritten: number;
  /** The feed-level error when the source failed as a whole. */
  error: ErrorRecord | null;
  /** Per-article failures. */
  failures: (ErrorRecord & { itemUrl: string | null })[];
  warnings: { code: string; message: string }[];
  notBefore: string | null;
  durationMs: number;
}

/** One run as written to `runs/<runId>.json`. */
export interface RunReport {
  schemaVersion: number;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  status: 'ok' | 'partial' | 'failed';
  sources: SourceRunReport[];
  totals: { sources: number; sourcesFailed: number; itemsSeen: number; itemsNew: number; articlesWritten: number; failures: number };
  /** Paths (relative to the output directory) written by this run, so readers can follow without scanning. */
  written: { articles: string[]; stories: string[] };
}

/** An article a run wrote: its id and the day it is filed under (the output derives its path from both). */
export interface ArticleRef {
  id: string;
  filedDay: string;
}

/**
 * A run as the pipeline reports it: like `RunReport`, but what it wrote is named by ids. The
 * output sink turns the ids into paths when it writes the report file.
 */
export interface RunSummary extends Omit<RunReport, 'written'> {
  written: { articles: ArticleRef[]; stories: string[] };
}
