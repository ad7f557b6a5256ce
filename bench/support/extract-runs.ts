/**
 * Runs a corpus through an extractor the way a crawl runs it: a worker pool started fresh, start-up (worker
 * spawn, module load and the first page) measured apart, then every page timed through the pool with the
 * next page already queued, so the worker never waits on the bench. Both extractors (wiredesk's own pool and
 * the baseline's) go through this one function.
 */
import { createExtractorPool } from '../../src/extract/index.js';
import { DEFAULT_EXTRACT } from '../../src/config/defaults.js';
import { createBaselinePool } from './extract-baseline-pool.js';
import { readPageHtml, type CorpusPage } from './extract-corpus.js';
import { costSince, liveThreadIds, markPhase, peakRssMb, resetPeakRss, sampleRss, type PhaseCost } from './extract-process-probe.js';

/** What one page gave. */
export interface PageOutput {
  text: string;
  /** wiredesk's `extraction.method`; null for the baseline and for failures. */
  method: string | null;
  /** Error code or message when the page gave nothing (timeout, crash, EXTRACT_EMPTY, …). */
  error: string | null;
  /** Baseline only: jsdom threw on the stylesheets and the page was read without its `<style>` elements. */
  restyled: boolean;
}

/** An extractor behind a pool. */
export interface PageRunner {
  extract(html: string, url: string): Promise<PageOutput>;
  close(): Promise<void>;
}

/** The measured run of one extractor over one corpus. */
export interface SpeedRun {
  outputs: Map<string, PageOutput>;
  /** Pool creation to the first page's result. */
  startup: PhaseCost;
  /** Every page of `timedPages`, after start-up. */
  timed: PhaseCost;
  timedPages: number;
  /** Characters of HTML over the timed pages (≈ bytes for markup). */
  timedHtmlChars: number;
  /** The evenly spaced sample alone (it runs first), when a sample was asked for. */
  sample: { cost: PhaseCost; pages: number } | null;
  /** Peak RSS of the process over the run (kernel mark, reset at the start; or sampled). */
  peakRssMb: number;
  rssMethod: 'VmHWM' | 'sampled';
}

/** wiredesk's extractor pool with one worker, given the crawl's per-page budget and HTML cap. */
export function startWiredesk(timeoutMs: number): PageRunner {
  const pool = createExtractorPool({ workers: 1, timeoutMs });
  return {
    async extract(html, url) {
      try {
        const article = await pool.extract({ html, url, maxHtmlBytes: DEFAULT_EXTRACT.maxHtmlBytes });
        return { text: article.text, method: article.extraction.method, error: null, restyled: false };
      } catch (error) {
        const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'EXTRACT_FAILED';
        return { text: '', method: null, error: code, restyled: false };
      }
    },
    close: () => pool.close(),
  };
}

/** Plain Readability on jsdom in `workers` worker threads; `stripped` for the untimed quality pass (same text). */
export function startBaseline(timeoutMs: number, workers: number, stripped = false): PageRunner {
  const pool = createBaselinePool(workers, timeoutMs, stripped);
  return {
    async extract(html, url) {
      const result = await pool.extract(html, url);
      return { text: result.text, method: null, error: result.error, restyled: result.restyled };
    },
    close: () => pool.close(),
  };
}

/**
 * Starts a runner, warms it on the first page, then times the rest of `pages` and `sample` (when given, a subset
 * of `pages`) in one pass, sample last, with a drain between so each part's cost is its own.
 */
export async function runTimed(start: () => PageRunner, pages: readonly CorpusPage[], sample: readonly CorpusPage[] | null): Promise<SpeedRun> {
  const first = pages[0];
  if (first === undefined) throw new Error('extract-bench: a corpus without pages');
  const vmHwm = resetPeakRss() && peakRssMb() !== null;
  const sampler = sampleRss(20);
  const baseTids = liveThreadIds();
  const startupMark = markPhase();
  const runner = start();
  try {
    await runner.extract(readPageHtml(first), first.url);
    const startup = costSince(startupMark, baseTids);
    const outputs = new Map<string, PageOutput>();
    const timedMark = markPhase();
    let sampleCost: { cost: PhaseCost; pages: number } | null = null;
    let chars = 0;
    if (sample !== null && sample.length < pages.length) {
      // The sample runs last, once the JIT has compiled the extractor on the other pages: a crawl's pages after
      // its first few dozen. Timed first, right after start-up, they ran at about half the later speed, and the
      // ratio compared that warm-up against a baseline whose own warm-up is a small part of its seconds per page.
      const inSample = new Set(sample.map((p) => p.id));
      chars += await feed(runner, pages.filter((p) => !inSample.has(p.id)), outputs, 2);
      const sampleMark = markPhase();
      chars += await feed(runner, sample, outputs, 2);
      sampleCost = { cost: costSince(sampleMark, baseTids), pages: sample.length };
    } else {
      chars += await feed(runner, pages, outputs, 2);
    }
    const timed = costSince(timedMark, baseTids);
    const sampled = sampler.stop();
    const hwm = vmHwm ? peakRssMb() : null;
    return { outputs, startup, timed, timedPages: pages.length, timedHtmlChars: chars, sample: sampleCost, peakRssMb: hwm ?? sampled, rssMethod: hwm === null ? 'sampled' : 'VmHWM' };
  } finally {
    sampler.stop();
    await runner.close();
  }
}

/** Runs pages for their output only (no timing), `lanes` pages in flight. */
export async function runUntimed(start: () => PageRunner, pages: readonly CorpusPage[], lanes: number): Promise<Map<string, PageOutput>> {
  const outputs = new Map<string, PageOutput>();
  if (pages.length === 0) return outputs;
  const runner = start();
  try {
    await feed(runner, pages, outputs, lanes);
    return outputs;
  } finally {
    await runner.close();
  }
}

// `lanes` pages in flight: with one worker, two lanes keep the next page queued while the worker is busy,
// so the bench's own file reading never leaves the worker idle.
// Returns the characters of HTML sent.
async function feed(runner: PageRunner, pages: readonly CorpusPage[], outputs: Map<string, PageOutput>, lanes: number): Promise<number> {
  let next = 0;
  let chars = 0;
  const lane = async (): Promise<void> => {
    while (next < pages.length) {
      const page = pages[next++] as CorpusPage;
      const html = readPageHtml(page);
      chars += html.length;
      outputs.set(page.id, await runner.extract(html, page.url));
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return chars;
}
