/**
 * An extraction corpus on disk (../shared/corpus/README.md): `html/<id>.html.gz` (gzip'd UTF-8) and
 * `ground-truth.json` mapping id → {articleBody, url}. Pages are read from disk one at a time, when they are
 * sent to a worker, so the bench process holds no corpus in memory and its peak RSS is the extractor's.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Which benchmark's rule scores the corpus. */
export type CorpusMetric = 'scrapinghub' | 'wcxb';

/** One page: where its HTML is, and its gold text. */
export interface CorpusPage {
  id: string;
  /** The file name, as the regression list prints it. */
  file: string;
  url: string;
  truth: string;
  path: string;
}

/** A corpus ready to run. */
export interface Corpus {
  name: string;
  metric: CorpusMetric;
  dir: string;
  pages: CorpusPage[];
}

/** Lists a corpus's pages (sorted by file name), at most `limit`. */
export function loadCorpus(dir: string, metric: CorpusMetric, limit: number): Corpus {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const files = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html.gz')).sort();
  const pages: CorpusPage[] = [];
  for (const file of files) {
    if (pages.length >= limit) break;
    const id = file.replace(/\.html\.gz$/, '');
    const gt = truth[id];
    if (gt === undefined) continue;
    pages.push({ id, file, url: gt.url, truth: gt.articleBody, path: join(dir, 'html', file) });
  }
  return { name: basename(dir), metric, dir, pages };
}

/** The page's HTML (decompressed now; the caller drops it once sent). */
export function readPageHtml(page: CorpusPage): string {
  return gunzipSync(readFileSync(page.path)).toString('utf8');
}

/** Evenly spaced pages over the sorted corpus: a fixed subset, the same on every run. */
export function evenSample<T>(items: readonly T[], n: number): T[] {
  if (!(n > 0) || n >= items.length) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]).filter((x): x is T => x !== undefined);
}
