/**
 * Article-extraction benchmark: precision / recall / F1 by the benchmark's own scoring rule
 * (../shared/corpus/README.md), pages/s on one core and peak RSS, for wiredesk's extractor next to plain
 * Readability on jsdom measured in the same run on the same pages.
 *
 *   npm run bench:extract -- --corpus ../shared/corpus/extraction-dev [--check] [--baseline-sample N]
 *                            [--compare-dom] [--limit N] [--show-worst N]
 *
 * Every row first runs 5 pages untimed (module loading, JIT warm-up), then all pages timed.
 * --check fails (exit 1) below F1 0.96. --baseline-sample N runs the jsdom baseline on a fixed, evenly spaced
 * subset of N pages (CI time); the output says so. --compare-dom also runs wiredesk's pipeline on jsdom
 * (the DOM choice recorded in docs/notes/extract.md).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import { extractArticleWith } from '../src/extract/extract-article.js';
import { createExtractorPool } from '../src/extract/index.js';

const F1_FLOOR = 0.96;

interface Page {
  id: string;
  url: string;
  truth: string;
  html: string;
}

interface PageScore {
  tp: number;
  fp: number;
  fn: number;
}

interface RunResult {
  name: string;
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  /** Pages per second of wall time spent extracting (one thread). */
  pagesPerSecond: number;
  /** Pages per CPU second of the process (steadier than wall time on a shared machine; includes GC threads). */
  pagesPerCpuSecond: number;
  peakRssMb: number;
  failures: number;
  scores: Map<string, PageScore>;
}

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    check: { type: 'boolean', default: false },
    'baseline-sample': { type: 'string' },
    'compare-dom': { type: 'boolean', default: false },
    'no-baseline': { type: 'boolean', default: false },
    limit: { type: 'string' },
    'show-worst': { type: 'string' },
  },
});

async function main(): Promise<number> {
  if (values.corpus === undefined) {
    process.stderr.write('usage: extract-bench --corpus DIR [--check] [--baseline-sample N] [--compare-dom]\n');
    return 2;
  }
  const pages = loadCorpus(resolve(values.corpus), values.limit === undefined ? Infinity : Number(values.limit));
  process.stdout.write(`corpus: ${pages.length} pages, ${(pages.reduce((n, p) => n + p.html.length, 0) / 1e6).toFixed(1)} MB of HTML; one process, one thread\n`);
  process.stdout.write('note: the machine is shared (2 cores, other jobs running): speed numbers are pessimistic\n\n');

  const results: RunResult[] = [];
  results.push(await run('wiredesk (linkedom)', pages, (p) => extractArticleWith({ html: p.html, url: p.url }, 'linkedom').text));
  results.push(await runPool('wiredesk via worker pool (1 worker)', pages));
  if (values['compare-dom']) results.push(await run('wiredesk (jsdom)', pages, (p) => extractArticleWith({ html: p.html, url: p.url }, 'jsdom').text));
  if (!values['no-baseline']) {
    const sample = values['baseline-sample'] === undefined ? pages : evenSample(pages, Number(values['baseline-sample']));
    const name = sample.length === pages.length ? 'plain Readability on jsdom' : `plain Readability on jsdom (fixed sample of ${sample.length}/${pages.length} pages)`;
    const baseline = await run(name, sample, plainReadabilityJsdom);
    results.push(baseline);
    if (sample.length !== pages.length) {
      const ours = results[0];
      if (ours !== undefined) results.push(subsetResult('wiredesk (linkedom) on the same sample', ours, sample));
    }
  }

  printTable(results);
  const ours = results[0];
  const baseline = results.find((r) => r.name.startsWith('plain Readability'));
  if (ours !== undefined && baseline !== undefined) {
    process.stdout.write(`\nspeed ratio wiredesk/plain-jsdom: ${(ours.pagesPerSecond / baseline.pagesPerSecond).toFixed(1)}x wall, ${(ours.pagesPerCpuSecond / baseline.pagesPerCpuSecond).toFixed(1)}x CPU\n`);
  }
  const worst = Number(values['show-worst'] ?? 0);
  if (ours !== undefined && worst > 0) printWorst(ours, pages, worst);
  if (values.check && ours !== undefined && ours.f1 < F1_FLOOR) {
    process.stdout.write(`\nFAIL: F1 ${ours.f1.toFixed(4)} is below the floor ${F1_FLOOR}\n`);
    return 1;
  }
  if (values.check) process.stdout.write(`\nOK: F1 ${ours?.f1.toFixed(4)} >= ${F1_FLOOR}\n`);
  return 0;
}

function loadCorpus(dir: string, limit: number): Page[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const files = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html.gz')).sort();
  const pages: Page[] = [];
  for (const file of files) {
    if (pages.length >= limit) break;
    const id = file.replace(/\.html\.gz$/, '');
    const gt = truth[id];
    if (gt === undefined) continue;
    pages.push({ id, url: gt.url, truth: gt.articleBody, html: gunzipSync(readFileSync(join(dir, 'html', file))).toString('utf8') });
  }
  return pages;
}

// Pages run untimed and unscored before each row, so module loading and JIT warm-up land in no row.
const WARMUP_PAGES = 5;

async function run(name: string, pages: Page[], extract: (page: Page) => string): Promise<RunResult> {
  for (const page of pages.slice(0, WARMUP_PAGES)) {
    try {
      extract(page);
    } catch {
      // counted in the timed pass
    }
    await new Promise((r) => setImmediate(r));
  }
  if (global.gc) global.gc();
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const scores = new Map<string, PageScore>();
  let failures = 0;
  let busyMs = 0;
  let cpuMs = 0;
  for (const page of pages) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    let text = '';
    try {
      text = extract(page);
    } catch {
      failures++;
    }
    busyMs += Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    cpuMs += (cpu.user + cpu.system) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    scores.set(page.id, scorePage(page.truth, text));
    // One turn of the event loop between pages: jsdom frees closed windows only then (FACTS.md).
    await new Promise((r) => setImmediate(r));
  }
  clearInterval(sampler);
  return { name, pages: pages.length, ...aggregate([...scores.values()]), pagesPerSecond: pages.length / (busyMs / 1000), pagesPerCpuSecond: pages.length / (cpuMs / 1000), peakRssMb: peak / 2 ** 20, failures, scores };
}

// The production path: one worker thread, structured clone both ways, the worker's heap settings. F1 is the
// same as inline by construction (same function); this row is about throughput. CPU is the whole process.
async function runPool(name: string, pages: Page[]): Promise<RunResult> {
  const pool = createExtractorPool({ workers: 1, timeoutMs: 60_000 });
  try {
    for (const page of pages.slice(0, WARMUP_PAGES)) await pool.extract({ html: page.html, url: page.url }).catch(() => null);
    let peak = process.memoryUsage.rss();
    const scores = new Map<string, PageScore>();
    let failures = 0;
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (const page of pages) {
      let text = '';
      try {
        text = (await pool.extract({ html: page.html, url: page.url })).text;
      } catch {
        failures++;
      }
      scores.set(page.id, scorePage(page.truth, text));
      peak = Math.max(peak, process.memoryUsage.rss());
    }
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return { name, pages: pages.length, ...aggregate([...scores.values()]), pagesPerSecond: pages.length / (wallMs / 1000), pagesPerCpuSecond: pages.length / (cpuMs / 1000), peakRssMb: peak / 2 ** 20, failures, scores };
  } finally {
    await pool.close();
  }
}

function plainReadabilityJsdom(page: Page): string {
  const { JSDOM, VirtualConsole } = createRequire(import.meta.url)('jsdom') as {
    JSDOM: new (html: string, options: { url: string; virtualConsole: unknown }) => { window: { document: unknown; close(): void } };
    VirtualConsole: new () => unknown;
  };
  // A silent console: jsdom reports every stylesheet it cannot parse, which is noise here, not output.
  const dom = new JSDOM(page.html, { url: page.url, virtualConsole: new VirtualConsole() });
  try {
    return new Readability(dom.window.document as never).parse()?.textContent ?? '';
  } finally {
    dom.window.close();
  }
}

// The benchmark's rule: \w+ tokens (Unicode: letters, numbers, underscore), 4-shingle multisets, per-page normalisation.
function scorePage(truth: string, predicted: string): PageScore {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of t) {
    const other = p.get(key) ?? 0;
    tp += Math.min(count, other);
    fn += Math.max(0, count - other);
  }
  for (const [key, count] of p) fp += Math.max(0, count - (t.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const map = new Map<string, number>();
  if (tokens.length === 0) return map;
  if (tokens.length < 4) {
    map.set(tokens.join(' '), 1);
    return map;
  }
  for (let i = 0; i + 4 <= tokens.length; i++) {
    const key = `${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]} ${tokens[i + 3]}`;
    map.set(key, (map.get(key) ?? 0) + 1);
  }
  return map;
}

function pagePrecision(s: PageScore): number {
  if (s.fp === 0 && s.fn === 0) return 1;
  if (s.tp === 0 && s.fp === 0) return 0;
  return s.tp / (s.tp + s.fp);
}

function pageRecall(s: PageScore): number {
  if (s.fp === 0 && s.fn === 0) return 1;
  if (s.tp === 0 && s.fn === 0) return 0;
  return s.tp / (s.tp + s.fn);
}

function aggregate(scores: PageScore[]): { precision: number; recall: number; f1: number } {
  const ps = scores.filter((s) => s.tp + s.fp > 0).map(pagePrecision);
  const rs = scores.filter((s) => s.tp + s.fn > 0).map(pageRecall);
  const precision = ps.length > 0 ? ps.reduce((a, b) => a + b, 0) / ps.length : 0;
  const recall = rs.length > 0 ? rs.reduce((a, b) => a + b, 0) / rs.length : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function subsetResult(name: string, full: RunResult, sample: Page[]): RunResult {
  const scores = new Map<string, PageScore>();
  for (const page of sample) {
    const s = full.scores.get(page.id);
    if (s !== undefined) scores.set(page.id, s);
  }
  return { ...full, name, pages: sample.length, ...aggregate([...scores.values()]), scores };
}

// Evenly spaced pages over the sorted corpus: a fixed subset, the same on every run.
function evenSample(pages: Page[], n: number): Page[] {
  if (!(n > 0) || n >= pages.length) return pages;
  const step = pages.length / n;
  return Array.from({ length: n }, (_, i) => pages[Math.floor(i * step)]).filter((p): p is Page => p !== undefined);
}

function printTable(results: RunResult[]): void {
  const rows = results.map((r) => [r.name, String(r.pages), r.precision.toFixed(4), r.recall.toFixed(4), r.f1.toFixed(4), r.pagesPerSecond.toFixed(1), r.pagesPerCpuSecond.toFixed(1), r.peakRssMb.toFixed(0), String(r.failures)]);
  const head = ['extractor', 'pages', 'precision', 'recall', 'F1', 'pages/s (wall, 1 thread)', 'pages/CPU-s', 'peak RSS MB', 'failures'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  process.stdout.write(`${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write('(peak RSS is the whole process up to the end of that run; runs go in the order listed)\n');
}

function printWorst(result: RunResult, pages: Page[], n: number): void {
  const ranked = pages
    .map((p) => ({ id: p.id, url: p.url, s: result.scores.get(p.id) }))
    .filter((x): x is { id: string; url: string; s: PageScore } => x.s !== undefined)
    .sort((a, b) => a.s.tp - b.s.tp)
    .slice(0, n);
  process.stdout.write(`\nworst ${n} pages (tp share, precision, recall):\n`);
  for (const x of ranked) process.stdout.write(`${x.s.tp.toFixed(3)}  P ${pagePrecision(x.s).toFixed(3)}  R ${pageRecall(x.s).toFixed(3)}  ${x.id.slice(0, 12)}  ${x.url}\n`);
}

main().then((code) => {
  process.exitCode = code;
});
