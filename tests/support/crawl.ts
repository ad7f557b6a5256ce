import { readFile } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import { join } from 'node:path';
import type { WiredeskConfig } from '../../src/config/index.js';
import { createFetcher } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/log/index.js';
import { openCrawler, openStateReadonly } from '../../src/ops/index.js';
import type { RunProgress } from '../../src/pipeline/index.js';
import type { SourceState } from '../../src/store/index.js';
import { systemClock, type ArticleRecord, type Clock, type RunReport, type RunSummary } from '../../src/types/index.js';

/** Options of `crawlOnce`. */
export interface CrawlOptions {
  signal?: AbortSignal;
  onProgress?: (event: RunProgress) => void;
  /** DNS resolver for the fetcher (tests resolve `.invalid` names without a query). */
  lookup?: LookupFunction;
  clock?: Clock;
}

/**
 * One crawl through the real crawler (ops → pipeline → files and SQLite state), closed afterwards.
 * Returns the run report as written to the output directory (paths), and the pipeline's summary.
 */
export async function crawlOnce(config: WiredeskConfig, out: string, options: CrawlOptions = {}): Promise<RunReport & { summary: RunSummary }> {
  const clock = options.clock ?? systemClock;
  const fetcher = createFetcher({ config: config.fetch, logger: silentLogger, clock, ...(options.lookup ? { lookup: options.lookup } : {}) });
  const crawler = await openCrawler({ ...config, extract: { ...config.extract, workers: 0 } }, { outDir: out, logger: silentLogger, clock, fetcher });
  try {
    const summary = await crawler.run({ ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    return { ...(await readLatestReport(out)), summary };
  } finally {
    await crawler.close();
  }
}

/** The report `latest-run.json` points at. */
export async function readLatestReport(out: string): Promise<RunReport> {
  const latest = JSON.parse(await readFile(join(out, 'latest-run.json'), 'utf8')) as { path: string };
  return JSON.parse(await readFile(join(out, latest.path), 'utf8')) as RunReport;
}

/** The articles a run report lists. */
export async function writtenArticles(out: string, report: RunReport): Promise<ArticleRecord[]> {
  return Promise.all(report.written.articles.map(async (p) => JSON.parse(await readFile(join(out, p), 'utf8')) as ArticleRecord));
}

/** A source's saved state (read-only, as `status` reads it). */
export async function savedSource(out: string, url: string): Promise<SourceState | null> {
  const state = openStateReadonly({ outDir: out });
  try {
    return (await state?.source(url)) ?? null;
  } finally {
    await state?.close();
  }
}
