/**
 * Scores one corpus's outputs with the corpus's own metric, for wiredesk and the baseline on the same pages,
 * and prints the corpus's block: quality, speed, start-up, peak RSS, `extraction.method` counts and the
 * regression list (pages where wiredesk is ≥ 0.3 F1 below plain Readability).
 */
import type { Corpus, CorpusPage } from './extract-corpus.js';
import { aggregateShingle, aggregateWcxb, scoreShinglePage, shinglePagePrf, wcxbWordF1, wordTokens, type PrfScore, type ShingleScore } from './extract-metrics.js';
import type { PageOutput, SpeedRun } from './extract-runs.js';
import type { PhaseCost } from './extract-process-probe.js';

/** A page's F1 beside the baseline's, with word counts (`\w+` tokens). */
export interface PageComparison {
  file: string;
  url: string;
  oursF1: number;
  baseF1: number;
  truthWords: number;
  oursWords: number;
  baseWords: number;
}

/** Everything measured on one corpus. */
export interface CorpusResult {
  corpus: Corpus;
  ours: PrfScore;
  base: PrfScore;
  pages: PageComparison[];
  regressions: PageComparison[];
  methods: Map<string, number>;
  oursRun: SpeedRun;
  baseRun: SpeedRun;
  /** Pages the baseline read without their `<style>` elements (jsdom threw on them). */
  baseRestyled: number;
  oursFailures: number;
  baseFailures: number;
  /** Pages per extraction CPU-second on every page (wiredesk) and on the baseline's timed pages. */
  oursSpeed: number;
  baseSpeed: number;
  /** wiredesk's speed on the pages the baseline was timed on (its sample, or every page). */
  oursSpeedSamePages: number;
  ratio: number;
}

/** A page is on the regression list when wiredesk's F1 is this far or further below the baseline's. */
export const REGRESSION_GAP = 0.3;

/** Scores both extractors on every page of the corpus with its own metric. */
export function scoreCorpus(corpus: Corpus, oursRun: SpeedRun, baseRun: SpeedRun, baseOutputs: Map<string, PageOutput>): CorpusResult {
  const oursShingles: ShingleScore[] = [];
  const baseShingles: ShingleScore[] = [];
  const oursWords: PrfScore[] = [];
  const baseWords: PrfScore[] = [];
  const pages: PageComparison[] = [];
  const methods = new Map<string, number>();
  let oursFailures = 0;
  let baseFailures = 0;
  let baseRestyled = 0;
  for (const page of corpus.pages) {
    const ours = oursRun.outputs.get(page.id) ?? missing();
    const base = baseOutputs.get(page.id) ?? missing();
    const key = ours.method ?? `error:${ours.error ?? 'none'}`;
    methods.set(key, (methods.get(key) ?? 0) + 1);
    if (ours.error !== null) oursFailures++;
    if (base.error !== null) baseFailures++;
    if (base.restyled) baseRestyled++;
    let oursF1: number;
    let baseF1: number;
    if (corpus.metric === 'scrapinghub') {
      const o = scoreShinglePage(page.truth, ours.text);
      const b = scoreShinglePage(page.truth, base.text);
      oursShingles.push(o);
      baseShingles.push(b);
      oursF1 = shinglePagePrf(o).f1;
      baseF1 = shinglePagePrf(b).f1;
    } else {
      const o = wcxbWordF1(ours.text, page.truth);
      const b = wcxbWordF1(base.text, page.truth);
      oursWords.push(o);
      baseWords.push(b);
      oursF1 = o.f1;
      baseF1 = b.f1;
    }
    pages.push(compare(page, oursF1, baseF1, ours.text, base.text));
  }
  const ours = corpus.metric === 'scrapinghub' ? aggregateShingle(oursShingles) : aggregateWcxb(oursWords);
  const base = corpus.metric === 'scrapinghub' ? aggregateShingle(baseShingles) : aggregateWcxb(baseWords);
  const regressions = pages.filter((p) => p.baseF1 - p.oursF1 >= REGRESSION_GAP - 1e-12).sort((a, b) => b.baseF1 - b.oursF1 - (a.baseF1 - a.oursF1));
  const oursSpeed = perCpuSecond(oursRun.timedPages, oursRun.timed);
  const baseSpeed = perCpuSecond(baseRun.timedPages, baseRun.timed);
  const oursSpeedSamePages = oursRun.sample === null ? oursSpeed : perCpuSecond(oursRun.sample.pages, oursRun.sample.cost);
  return { corpus, ours, base, pages, regressions, methods, oursRun, baseRun, baseRestyled, oursFailures, baseFailures, oursSpeed, baseSpeed, oursSpeedSamePages, ratio: oursSpeedSamePages / baseSpeed };
}

/** Prints the corpus's block. */
export function printCorpus(r: CorpusResult, showWorst: number): void {
  const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
  const metric = r.corpus.metric === 'scrapinghub' ? 'scrapinghub rule: 4-shingle P/R averaged over pages, F1 of the means' : 'WCXB metric: word-bag P/R/F1 of lowercased \\w+ tokens, each averaged over pages';
  out(`\n== ${r.corpus.name}: ${r.corpus.pages.length} pages, ${(r.oursRun.timedHtmlChars / 1e6).toFixed(1)} MB of HTML (${metric})`);
  out(table(
    ['quality', 'precision', 'recall', 'F1', 'failures'],
    [
      ['wiredesk', f4(r.ours.precision), f4(r.ours.recall), f4(r.ours.f1), String(r.oursFailures)],
      ['plain Readability on jsdom', f4(r.base.precision), f4(r.base.recall), f4(r.base.f1), `${r.baseFailures}${r.baseRestyled > 0 ? ` (+${r.baseRestyled} read without <style>: jsdom threw)` : ''}`],
    ],
  ));
  out(`F1 delta wiredesk − plain Readability: ${signed(r.ours.f1 - r.base.f1)}`);
  out('');
  printSpeed(r);
  out(`extraction.method: ${[...r.methods].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(', ')}`);
  out(`regression list (wiredesk F1 ≥ ${REGRESSION_GAP} below plain Readability): ${r.regressions.length} page${r.regressions.length === 1 ? '' : 's'}`);
  if (r.regressions.length > 0) out(indent(pageTable(r.regressions)));
  if (showWorst > 0) {
    out(`worst ${showWorst} pages of wiredesk:`);
    out(indent(pageTable([...r.pages].sort((a, b) => a.oursF1 - b.oursF1).slice(0, showWorst))));
  }
}

/** Prints the corpus's speed lines: both extractors' speed, the ratio, start-up and peak RSS (`--speed-only` prints only these). */
export function printSpeed(r: CorpusResult): void {
  const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
  const speedRows: string[][] = [speedRow('wiredesk, every page', r.oursRun.timedPages, r.oursRun.timed)];
  if (r.oursRun.sample !== null) speedRows.push(speedRow("wiredesk, the baseline's sample (timed last)", r.oursRun.sample.pages, r.oursRun.sample.cost));
  speedRows.push(speedRow(r.baseRun.timedPages === r.corpus.pages.length ? 'plain Readability, every page' : `plain Readability, sample of ${r.baseRun.timedPages}`, r.baseRun.timedPages, r.baseRun.timed));
  out(table(['speed (1 worker thread each, start-up excluded)', 'pages', 'pages/CPU-s', 'pages/s wall', 'CPU ms: extraction', 'of it worker thread', 'main thread', 'process'], speedRows));
  out(`speed ratio wiredesk / plain Readability on the same pages: ${r.ratio.toFixed(1)}x (extraction CPU)`);
  out(`start-up (worker spawn, module load, first page): wiredesk ${startup(r.oursRun.startup)}; plain Readability ${startup(r.baseRun.startup)}`);
  out(`peak RSS of the process (worker threads included): wiredesk ${r.oursRun.peakRssMb.toFixed(0)} MB; plain Readability's timed run ${r.baseRun.peakRssMb.toFixed(0)} MB (${r.oursRun.rssMethod})`);
}

/** One line per corpus with the numbers the README quotes. */
export function printSummary(results: readonly CorpusResult[]): void {
  process.stdout.write('\n== summary (F1 by each corpus\'s own metric; speed in pages per extraction CPU-second, 1 worker, start-up excluded)\n');
  const rows = results.map((r) => [
    r.corpus.name,
    r.corpus.metric,
    String(r.corpus.pages.length),
    f4(r.ours.f1),
    f4(r.base.f1),
    signed(r.ours.f1 - r.base.f1),
    r.oursSpeed.toFixed(1),
    r.baseSpeed.toFixed(1),
    `${r.ratio.toFixed(1)}x`,
    r.oursRun.peakRssMb.toFixed(0),
    String(r.regressions.length),
  ]);
  process.stdout.write(`${table(['corpus', 'metric', 'pages', 'F1', 'Readability F1', 'delta', 'pages/CPU-s', 'Readability pages/CPU-s (its timed pages)', 'ratio (same pages)', 'peak RSS MB', 'regressions'], rows)}\n`);
}

/** Pages per second of extraction CPU (process − main thread) over a phase. */
export function perCpuSecond(pages: number, cost: PhaseCost): number {
  return pages / (cost.extractionCpuMs / 1000);
}

function compare(page: CorpusPage, oursF1: number, baseF1: number, oursText: string, baseText: string): PageComparison {
  return { file: page.file, url: page.url, oursF1, baseF1, truthWords: wordTokens(page.truth).length, oursWords: wordTokens(oursText).length, baseWords: wordTokens(baseText).length };
}

function missing(): PageOutput {
  return { text: '', method: null, error: 'no result', restyled: false };
}

function speedRow(name: string, pages: number, c: PhaseCost): string[] {
  return [name, String(pages), perCpuSecond(pages, c).toFixed(1), (pages / (c.wallMs / 1000)).toFixed(1), c.extractionCpuMs.toFixed(0), c.workerThreadCpuMs.toFixed(0), c.mainCpuMs.toFixed(0), c.processCpuMs.toFixed(0)];
}

function startup(c: PhaseCost): string {
  return `${c.wallMs.toFixed(0)} ms wall, ${c.processCpuMs.toFixed(0)} ms process CPU`;
}

function pageTable(pages: readonly PageComparison[]): string {
  return table(
    ['file', 'wiredesk F1', 'Readability F1', 'words: gold', 'wiredesk', 'Readability', 'url'],
    pages.map((p) => [p.file, f4(p.oursF1), f4(p.baseF1), String(p.truthWords), String(p.oursWords), String(p.baseWords), p.url]),
  );
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function f4(n: number): string {
  return n.toFixed(4);
}

function signed(n: number): string {
  return `${n >= 0 ? '+' : ''}${n.toFixed(4)}`;
}
