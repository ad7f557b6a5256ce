/**
 * Story board benchmark (issue 16).
 *
 *   npm run bench:board [-- --check] [--stories 5000] [--runs 5] [--baseline-runs 3] [--page FILE]
 *
 * Generates a seeded window of 5,000 stories (~12,000 reports with their full texts, one story
 * in eight Arabic), renders the board (CPU time in Node), writes the page and its text chunks
 * (texts/<chunk>.js, as the publisher does; the CPU of rendering it again with every chunk on
 * hand, as the next publish does, is printed too) to a temp dir and opens it from file:// in headless
 * Debian Chromium (playwright-core), fresh profile. For each run, a new page: load (navigation
 * start → the first frame after the load event, with DOMContentLoaded, first contentful paint and
 * the main thread's busy time and CPU time from the DevTools Performance domain), then opening the first
 * report (its chunk loaded by a script element, until its paragraphs are in and a frame drawn),
 * then filter times: each keystroke of "mosul", clearing it (every story shown again), a language
 * and a source, each from the input event to the next frame after layout. `--check` exits 1 when
 * the median load costs 2 s or more of the renderer main thread's CPU, the median worst filter step
 * is not under 200 ms (the issue's targets), or (at 5,000 stories) the baseline's load is less than 1.5x ours. The
 * baseline, measured in the same run between ours: the same page with every story's reports built
 * as DOM while parsing (no <noscript> deferral). `--page FILE` measures an existing board page instead (a real output's board/index.html,
 * its texts/ beside it).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderBoard } from '../src/board/index.js';
import { generateBoardInput } from '../tests/support/generate-board-input.js';
import { launchChromium } from '../tests/support/launch-chromium.js';

const args = process.argv.slice(2);
const CHECK = args.includes('--check');
const STORIES = numberArg('--stories', 5000);
const RUNS = numberArg('--runs', 5);
const BASELINE_RUNS = Math.min(RUNS, numberArg('--baseline-runs', 3));
const PAGE = args.includes('--page') ? args[args.indexOf('--page') + 1] : undefined;
const LOAD_TARGET_MS = 2000;
const FILTER_TARGET_MS = 200;
/**
 * Our load against the baseline's in the same run (1.90-2.27x at 5,000 stories so far): the deferral of
 * reports must keep paying. Held only on the generated 5,000-story board: on small boards fixed costs
 * dominate both pages (1,000 stories: 1.10x wall, 1.42x CPU).
 */
const BASELINE_RATIO_FLOOR = 1.5;
const BASELINE_FLOOR_STORIES = 5000;
const TIMEOUT_S = 300;

interface RunResult {
  loadMs: number;
  domContentLoadedMs: number;
  firstPaintMs: number;
  busyMs: number;
  /** CPU time of the renderer's main thread until load ended (DevTools `ThreadTime`): what the page costs, whatever else runs on the machine. */
  cpuMs: number;
  /** Opening the first report: its chunk loaded and its text shown (-1 when the page has no report with a text). */
  openMs: number;
  filter: { step: string; ms: number }[];
}

async function main(): Promise<number> {
  const deadline = setTimeout(() => {
    console.error(`board-bench: aborted after ${TIMEOUT_S} s`);
    process.exit(1);
  }, TIMEOUT_S * 1000);
  deadline.unref();
  const dir = await mkdtemp(join(tmpdir(), 'wiredesk-board-bench-'));
  let file = join(dir, 'index.html');
  let html: string;
  if (PAGE === undefined) {
    const now = new Date();
    const input = generateBoardInput({ stories: STORIES, now });
    const cpu0 = process.cpuUsage();
    const page = renderBoard(input, { generatedAt: now, since: new Date(now.getTime() - 72 * 3_600_000) });
    const cpu = process.cpuUsage(cpu0);
    html = page.html;
    await writeFile(file, html);
    await mkdir(join(dir, 'texts'));
    for (const chunk of page.texts) await writeFile(join(dir, chunk.name), chunk.text);
    const textBytes = page.texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);
    // The next publish, nothing new: every chunk is on hand, so only the page is rendered (texts hashed) and written.
    const cpu1 = process.cpuUsage();
    const again = renderBoard(input, { generatedAt: now, since: new Date(now.getTime() - 72 * 3_600_000), existingAssets: page.assets });
    const cpuAgain = process.cpuUsage(cpu1);
    console.log(
      `board bench: ${STORIES.toLocaleString('en')} stories, ${input.articles.size.toLocaleString('en')} reports, page ${(Buffer.byteLength(html) / 1_048_576).toFixed(1)} MB ` +
        `+ ${page.texts.length} text chunks ${(textBytes / 1_048_576).toFixed(1)} MB (largest ${(Math.max(...page.texts.map((t) => Buffer.byteLength(t.text))) / 1_048_576).toFixed(2)} MB); ` +
        `render ${fmt((cpu.user + cpu.system) / 1000)} ms CPU in Node; again with every chunk on hand ${fmt((cpuAgain.user + cpuAgain.system) / 1000)} ms CPU, ` +
        `${again.texts.length} chunks to write`,
    );
  } else {
    file = resolve(PAGE);
    html = await readFile(file, 'utf8');
    console.log(`board bench: ${file}, ${(Buffer.byteLength(html) / 1_048_576).toFixed(1)} MB`);
  }
  const source = firstSource(html);
  // The baseline: the same page with every story's timeline and reports built as DOM while it is
  // parsed (its <noscript> wrappers removed), which is what a plain server-rendered list costs.
  const baselineFile = join(dir, 'baseline.html');
  await writeFile(baselineFile, html.replace(/<noscript>(?=<svg|<ol)/g, '').replace(/<\/noscript><\/article>/g, '</article>'));

  const browser = await launchChromium();
  const results: RunResult[] = [];
  const baseline: RunResult[] = [];
  try {
    const version = browser.context.browser()?.version() ?? 'unknown';
    console.log(`Chromium ${version}, headless, file:// (${RUNS} runs, each a new page; ${BASELINE_RUNS} baseline runs in between)`);
    for (let run = 1; run <= RUNS; run++) {
      const result = await measureRun(browser.context, pathToFileURL(file).href, source);
      results.push(result);
      const worst = result.filter.reduce((m, s) => (s.ms > m.ms ? s : m));
      console.log(
        `  run ${run}: load ${fmt(result.loadMs)} ms (DOMContentLoaded ${fmt(result.domContentLoadedMs)}, first paint ${fmt(result.firstPaintMs)}, main thread busy ${fmt(result.busyMs)} ms, main thread CPU ${fmt(result.cpuMs)} ms); ` +
          `open a report ${fmt(result.openMs)} ms; ` +
          `filter steps ${result.filter.map((s) => `${s.step} ${fmt(s.ms)}`).join(', ')} ms; worst ${fmt(worst.ms)} ms (${worst.step})`,
      );
      if (run <= BASELINE_RUNS) {
        const base = await measureRun(browser.context, pathToFileURL(baselineFile).href, source);
        baseline.push(base);
        console.log(`  baseline ${run} (every report built as DOM at parse): load ${fmt(base.loadMs)} ms, main thread busy ${fmt(base.busyMs)} ms, main thread CPU ${fmt(base.cpuMs)} ms`);
      }
    }
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
  const loadMedian = median(results.map((r) => r.loadMs));
  const cpuMedian = median(results.map((r) => r.cpuMs));
  const filterMedian = median(results.map((r) => Math.max(...r.filter.map((s) => s.ms))));
  console.log(
    `load: median ${fmt(loadMedian)} ms wall, ${fmt(cpuMedian)} ms main-thread CPU (target < ${LOAD_TARGET_MS}, checked on CPU); filter: median worst step ${fmt(filterMedian)} ms (target < ${FILTER_TARGET_MS}); ` +
      `open a report (text from its chunk): median ${fmt(median(results.map((r) => r.openMs)))} ms`,
  );
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);
  const baseRatio = baseline.length > 0 ? ratio(median(baseline.map((r) => r.loadMs)), loadMedian) : Number.NaN;
  if (baseline.length > 0) {
    console.log(
      `baseline (same page, reports built at parse): load median ${fmt(median(baseline.map((r) => r.loadMs)))} ms, ${baseRatio.toFixed(2)}× ours; ` +
        `main thread busy ${ratio(median(baseline.map((r) => r.busyMs)), median(results.map((r) => r.busyMs))).toFixed(2)}× ours; ` +
        `main thread CPU ${ratio(median(baseline.map((r) => r.cpuMs)), cpuMedian).toFixed(2)}× ours`,
    );
  }
  if (!CHECK) return 0;
  // The load target is checked on the main thread's CPU time: wall time on this shared machine moves 3x
  // with what else runs (691-2,175 ms medians for one page in CI runs), CPU time far less. The wall
  // time is held against the baseline in the same run instead, which the machine's load moves alike.
  const failures = [
    ...(cpuMedian < LOAD_TARGET_MS ? [] : [`load ${fmt(cpuMedian)} ms of main-thread CPU ≥ ${LOAD_TARGET_MS} ms`]),
    ...(baseline.length === 0 || PAGE !== undefined || STORIES < BASELINE_FLOOR_STORIES || baseRatio >= BASELINE_RATIO_FLOOR ? [] : [`load only ${baseRatio.toFixed(2)}× faster than the baseline (floor ${BASELINE_RATIO_FLOOR}×)`]),
    ...(filterMedian < FILTER_TARGET_MS ? [] : [`filter ${fmt(filterMedian)} ms ≥ ${FILTER_TARGET_MS} ms`]),
  ];
  console.log(failures.length === 0 ? 'check passed' : `check FAILED: ${failures.join('; ')}`);
  return failures.length === 0 ? 0 : 1;
}

async function measureRun(context: Awaited<ReturnType<typeof launchChromium>>['context'], url: string, source: string): Promise<RunResult> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const timing = (await page.evaluate(TIMING_SCRIPT)) as { load: number; dcl: number; fcp: number };
    const { busyMs, cpuMs } = await taskMs(cdp);
    // Let the idle-time search index build, as it does while a reader looks at the page.
    await page.evaluate(IDLE_SCRIPT);
    const openMs = (await page.evaluate(OPEN_SCRIPT)) as number;
    const filter = (await page.evaluate(`(${FILTER_SCRIPT})(${JSON.stringify(source)})`)) as { step: string; ms: number }[];
    return { loadMs: timing.load, domContentLoadedMs: timing.dcl, firstPaintMs: timing.fcp, busyMs, cpuMs, openMs, filter };
  } finally {
    await page.close();
  }
}

// In-page code is kept as plain JavaScript text: it runs in the browser, not in Node (and tsx's
// transforms would otherwise add helpers the page does not have).
// Load ends at the first frame after the load event: the stories on screen are built and painted.
const TIMING_SCRIPT = `(async () => {
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const ready = performance.now();
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return { load: ready, dcl: nav.domContentLoadedEventEnd, fcp: paint ? paint.startTime : -1 };
})()`;

const IDLE_SCRIPT = `new Promise((r) => (window.requestIdleCallback ? window.requestIdleCallback(() => r(null), { timeout: 5000 }) : setTimeout(r, 100)))`;

// Opens the first report that has a text (the first story is built by now) and waits for its
// paragraphs: the chunk is loaded by a script element, parsed and the text put in (5 s at most).
const OPEN_SCRIPT = `(async () => {
  const body = document.querySelector('#stories details.report > .body[data-t]');
  if (!body) return -1;
  const t0 = performance.now();
  body.parentElement.open = true;
  const until = t0 + 5000;
  while (!body.querySelector('p:not(.note)') && performance.now() < until) await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return body.querySelector('p:not(.note)') ? performance.now() - t0 : 5000;
})()`;

const FILTER_SCRIPT = `async (src) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const q = document.getElementById('q');
  const lang = document.getElementById('lang');
  const source = document.getElementById('src');
  const steps = [];
  const step = async (name, act) => {
    const t0 = performance.now();
    act();
    void document.body.offsetHeight;
    await frame();
    steps.push({ step: name, ms: performance.now() - t0 });
  };
  const type = (value) => () => { q.value = value; q.dispatchEvent(new Event('input', { bubbles: true })); };
  const choose = (select, value) => () => { select.value = value; select.dispatchEvent(new Event('change', { bubbles: true })); };
  for (const prefix of ['m', 'mo', 'mos', 'mosu', 'mosul']) await step('"' + prefix + '"', type(prefix));
  await step('clear', type(''));
  await step('lang ar', choose(lang, 'ar'));
  await step('all languages', choose(lang, ''));
  await step('source', choose(source, src));
  await step('all sources', choose(source, ''));
  return steps;
}`;

async function taskMs(cdp: { send(method: 'Performance.getMetrics'): Promise<{ metrics: { name: string; value: number }[] }> }): Promise<{ busyMs: number; cpuMs: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  // ThreadTime counts from the renderer thread's start: each run opens a new page, whose file:// navigation
  // gets a renderer of its own (checked: no build-up over runs), so it is this page's load.
  return { busyMs: metric('TaskDuration'), cpuMs: metric('ThreadTime') };
}

// The source filter is exercised with the first source option of the page.
function firstSource(html: string): string {
  return /<select id="src"[^>]*><option value="">[^<]*<\/option><option value="(\d+)"/.exec(html)?.[1] ?? '0';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function fmt(ms: number): string {
  return Math.round(ms).toLocaleString('en');
}

function numberArg(name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: expected a positive whole number`);
  return n;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
