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
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: unknown; url?: unknown }>;
  const files = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html.gz')).sort();
  const pages: CorpusPage[] = [];
  for (const file of files) {
    if (pages.length >= limit) break;
    const id = file.replace(/\.html\.gz$/, '');
    const gt = truth[id];
    if (gt === undefined) continue;
    // A gold text or URL that is missing or not a string scores as an empty text, served from no address: the page counts, the run goes on.
    const url = typeof gt.url === 'string' ? gt.url : '';
    pages.push({ id, file, url, truth: typeof gt.articleBody === 'string' ? gt.articleBody : '', path: join(dir, 'html', file) });
  }
  return { name: basename(dir), metric, dir, pages };
}

/**
 * The page's HTML (decompressed now; the caller drops it once sent). A file that is not gzip is read as it is;
 * one whose gzip is broken is an empty page, said on stderr: it fails alone and scores 0, the run goes on.
 */
export function readPageHtml(page: CorpusPage): string {
  const bytes = readFileSync(page.path);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (error) {
    process.stderr.write(`extract-bench: ${page.file} cannot be decompressed (${(error as Error).message}): scored as an empty page\n`);
    return '';
  }
}

/** Evenly spaced pages over the sorted corpus: a fixed subset, the same on every run. */
export function evenSample<T>(items: readonly T[], n: number): T[] {
  if (!(n > 0) || n >= items.length) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]).filter((x): x is T => x !== undefined);
}
