/**
 * Article-extraction benchmark (issue 13): both dev corpora in one run, each with its own benchmark's metric,
 * wiredesk beside plain Readability-on-jsdom on the same pages, speed measured the way a crawl runs.
 *
 *   npm run bench:extract -- --corpus ../shared/corpus/extraction-dev --wcxb ../shared/corpus/extraction-wcxb-dev
 *                            [--check] [--floors key=value,...] [--baseline-sample N] [--baseline-workers N]
 *                            [--timeout-ms N] [--baseline-timeout-ms N] [--limit N] [--show-worst N] [--speed-only]
 *
 * Corpora: `--corpus DIR` is scored by the scrapinghub article-extraction-benchmark rule (4-shingle F1),
 * `--wcxb DIR` by WCXB's own metric (per-page word-bag F1 of lowercased \w+ tokens, averaged); either may be
 * left out. Both have the layout of ../shared/corpus/README.md; the flag, not the files, names the metric.
 *
 * How it runs: every corpus first through wiredesk's extractor pool (createExtractorPool, `workers: 1`, the
 * crawl's per-page budget and HTML cap), then through plain Readability on jsdom in a worker thread of the
 * same kind (bench/support/extract-baseline-pool.ts), so wiredesk's peak RSS is measured before jsdom ever ran.
 * Each run starts its pool fresh; start-up (worker spawn, module load, first page) is reported apart, then
 * every page is timed with the next one already queued. Pages are read from disk as they are sent.
 *
 * Speed = pages per extraction CPU-second: process CPU (process.cpuUsage) minus the main thread's own CPU
 * (/proc/self/task/PID/schedstat), i.e. the worker thread plus V8's platform threads doing its garbage
 * collection and JIT compilation (a third or more of the total); the worker thread alone, the main thread and
 * the process are printed beside it. A page over its budget replaces the worker: the new worker's start-up
 * then counts as extraction CPU, as it would in a crawl. `npm run bench:extract` starts node with
 * --single-threaded-gc, as bin/wiredesk.js starts the crawler (V8 flags hold for the whole process, so the
 * extractor's worker thread and the baseline run under it too). The ratio compares both on
 * the same pages: `--baseline-sample N` times the baseline on N evenly spaced pages (wiredesk's pass runs those
 * pages last, after the JIT has warmed up on the others, and times them apart, so its speed on them is known too) and reads the other pages for quality only, untimed, on
 * `--baseline-workers` threads (default 2) and with `<style>` elements removed before jsdom parses them
 * (Readability removes them before reading, so the text is the same; jsdom is faster without them).
 * Quality is always on every page.
 *
 * Regression list: pages where wiredesk's F1 is ≥ 0.3 below the baseline's under the corpus's metric.
 * `--check` exits 1 with one line per missed issue-13 target (bench/support/extract-targets.ts; speed and ratio
 * are the lowest over the corpora, peak RSS the highest of wiredesk's runs);
 * `--floors sh=0.97,wcxb=0.90,wcxbDelta=0,speed=30,ratio=4,regressions=5,rss=450` replaces the named targets
 * by regression floors for the exit code (targets are still printed, met or missed).
 * `--speed-only` skips the baseline's untimed quality pass and all scoring: speed, ratio, start-up and peak RSS
 * only (the cheap run for speed work; `--check` then judges those three).
 * The corpora are third-party data: read from the given paths, never copied into the repo.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evenSample, loadCorpus, type Corpus } from './support/extract-corpus.js';
import { canReadThreadCpu } from './support/extract-process-probe.js';
import { printCorpus, printSpeed, printSummary, scoreCorpus, type CorpusResult } from './support/extract-report.js';
import { runTimed, runUntimed, startBaseline, startWiredesk, type SpeedRun } from './support/extract-runs.js';
import { judge, parseFloors, type CheckKey } from './support/extract-targets.js';
import { DEFAULT_EXTRACT } from '../src/config/defaults.js';

/** Per-page budget of the baseline (wall time; jsdom needs seconds on the largest pages of a loaded machine). */
const BASELINE_TIMEOUT_MS = 60_000;

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    wcxb: { type: 'string' },
    check: { type: 'boolean', default: false },
    floors: { type: 'string' },
    'baseline-sample': { type: 'string' },
    'baseline-workers': { type: 'string' },
    'timeout-ms': { type: 'string' },
    'baseline-timeout-ms': { type: 'string' },
    limit: { type: 'string' },
    'show-worst': { type: 'string' },
    'speed-only': { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  const started = performance.now();
  if (values.corpus === undefined && values.wcxb === undefined) {
    process.stderr.write('usage: extract-bench [--corpus DIR] [--wcxb DIR] [--check] [--floors key=value,...] [--baseline-sample N] [--baseline-workers N] [--timeout-ms N] [--baseline-timeout-ms N] [--limit N] [--show-worst N] [--speed-only]\n');
    return 2;
  }
  let floors: Partial<Record<CheckKey, number>>;
  try {
    floors = parseFloors(values.floors ?? '');
  } catch (error) {
    process.stderr.write(`extract-bench: ${(error as Error).message}\n`);
    return 2;
  }
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  const timeoutMs = Number(values['timeout-ms'] ?? DEFAULT_EXTRACT.timeoutMs);
  // The baseline is the reference, not the crawl: a page it loses to a busy machine's clock would flatter wiredesk.
  const baselineTimeoutMs = Number(values['baseline-timeout-ms'] ?? BASELINE_TIMEOUT_MS);
  const sampleSize = values['baseline-sample'] === undefined ? null : Number(values['baseline-sample']);
  const baselineWorkers = Math.max(1, Number(values['baseline-workers'] ?? 2));
  const corpora: Corpus[] = [];
  if (values.corpus !== undefined) corpora.push(loadCorpus(resolve(values.corpus), 'scrapinghub', limit));
  if (values.wcxb !== undefined) corpora.push(loadCorpus(resolve(values.wcxb), 'wcxb', limit));

  const say = (line: string): boolean => process.stdout.write(`${line}\n`);
  say(`extraction bench: ${corpora.map((c) => `${c.name} (${c.pages.length} pages, ${c.metric})`).join(', ')}; per-page budget ${timeoutMs} ms (wiredesk, the crawl's default), ${baselineTimeoutMs} ms (baseline)`);
  say(`speed: ${canReadThreadCpu() ? 'pages per extraction CPU-second = process CPU − main-thread CPU (/proc schedstat), i.e. worker thread + its GC helper threads' : 'per-thread CPU unreadable here: pages per process CPU-second (main thread included)'}`);
  say(`baseline: plain Readability 0.6 on jsdom (textContent) in a worker thread; ${sampleSize === null ? 'timed on every page' : `timed on ${sampleSize} evenly spaced pages per corpus; the rest read for quality only, on ${baselineWorkers} threads, with <style> elements removed before jsdom (Readability removes them itself: same text, faster)`}`);

  const oursRuns = new Map<Corpus, SpeedRun>();
  for (const corpus of corpora) {
    const sample = sampleSize === null ? null : evenSample(corpus.pages, sampleSize);
    const t = performance.now();
    oursRuns.set(corpus, await runTimed(() => startWiredesk(timeoutMs), corpus.pages, sample));
    say(`  wiredesk on ${corpus.name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const results: CorpusResult[] = [];
  for (const corpus of corpora) {
    const sample = sampleSize === null ? corpus.pages : evenSample(corpus.pages, sampleSize);
    const t = performance.now();
    const baseRun = await runTimed(() => startBaseline(baselineTimeoutMs, 1), sample, null);
    if (values['speed-only']) {
      say(`  plain Readability on ${corpus.name} (timed pages only): ${((performance.now() - t) / 1000).toFixed(1)} s`);
      results.push(scoreCorpus(corpus, oursRuns.get(corpus) as SpeedRun, baseRun, baseRun.outputs));
      continue;
    }
    const inSample = new Set(sample.map((p) => p.id));
    const rest = await runUntimed(() => startBaseline(baselineTimeoutMs, baselineWorkers, true), corpus.pages.filter((p) => !inSample.has(p.id)), baselineWorkers + 1);
    say(`  plain Readability on ${corpus.name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const baseOutputs = new Map([...baseRun.outputs, ...rest]);
    results.push(scoreCorpus(corpus, oursRuns.get(corpus) as SpeedRun, baseRun, baseOutputs));
  }

  if (values['speed-only']) {
    for (const r of results) {
      say(`\n== ${r.corpus.name}: ${r.corpus.pages.length} pages, ${(r.oursRun.timedHtmlChars / 1e6).toFixed(1)} MB of HTML (speed only: quality not scored)`);
      printSpeed(r);
    }
  } else {
    for (const r of results) printCorpus(r, Number(values['show-worst'] ?? 0));
    printSummary(results);
  }

  const sh = results.find((r) => r.corpus.metric === 'scrapinghub');
  const wcxb = results.find((r) => r.corpus.metric === 'wcxb');
  const scored = !values['speed-only'];
  const lines = judge(
    {
      sh: scored ? (sh?.ours.f1 ?? null) : null,
      wcxb: scored ? (wcxb?.ours.f1 ?? null) : null,
      wcxbDelta: wcxb === undefined || !scored ? null : wcxb.ours.f1 - wcxb.base.f1,
      regressions: results.length === 0 || !scored ? null : results.reduce((n, r) => n + r.regressions.length, 0),
      speed: results.length === 0 ? null : Math.min(...results.map((r) => r.oursSpeed)),
      ratio: results.length === 0 ? null : Math.min(...results.map((r) => r.ratio)),
      rss: results.length === 0 ? null : Math.max(...results.map((r) => r.oursRun.peakRssMb)),
    },
    floors,
  );
  say('\n== issue 13 targets');
  for (const line of lines) say(`  ${line.text}`);
  const met = lines.filter((l) => l.targetMet === true).length;
  const judged = lines.filter((l) => l.targetMet !== null).length;
  say(`targets met: ${met} of ${judged}`);
  const usage = process.resourceUsage();
  const cpuS = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  say(`total wall time: ${((performance.now() - started) / 1000).toFixed(1)} s, process CPU ${cpuS.toFixed(1)} s; process peak RSS (whole run, baseline included): ${(usage.maxRSS / 1024).toFixed(0)} MB`);
  if (!values.check) return 0;
  const failed = lines.filter((l) => l.failed);
  if (failed.length > 0) {
    say('CHECK FAILED:');
    for (const line of failed) say(`  ${line.text}`);
    return 1;
  }
  say(Object.keys(floors).length > 0 ? 'check passed (regression floors where given, issue targets elsewhere)' : 'check passed (issue 13 targets)');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`extract-bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
