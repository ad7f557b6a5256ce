/**
 * `--scale` of the stories bench: 1,000,000 synthetic fingerprints through the simhash index, then
 * a synthetic stream through the whole story stage (language identification and segmentation
 * included) with a 72 h window and the default story memory (scale-stream.ts), then the same
 * stream through the named baseline (single-pass-baseline.ts), so that the stage's cost is also
 * printed as a multiple of the baseline's, measured in the same process: the machine's speed moves
 * the stage's own rate by half from day to day.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createStoryIndex, DEFAULT_MEMORY_DAYS, SimhashIndex, type AliasTable, type LanguageDetector } from '../../src/fingerprint/index.js';
import { seededRandom } from '../../tests/support/seeded-random.js';
import { createStream, DECLARED, INTERVAL_S, LANGUAGE_MIX, restrictedMix } from './scale-stream.js';
import { createSinglePassBaseline } from './single-pass-baseline.js';

/** What `--scale` runs: the full bench by default; a shorter story stream or the stage alone while profiling. */
export interface ScaleOptions {
  /** Articles in the story stream (default 200,000: the floor is measured on those after the memory is full). */
  articles: number;
  /** Skip the 1,000,000-fingerprint index check. */
  stageOnly: boolean;
  /**
   * Only these languages' events (their shares of LANGUAGE_MIX, scaled to fill the stream), to
   * profile one language's path; absent: the full mix, whose digest the speed sessions compare.
   */
  languages?: readonly string[];
}

/** Runs both scale checks; returns the failures `--check` reports. */
export function benchScale(aliases: AliasTable, languageDetector: LanguageDetector, scale: ScaleOptions = { articles: 200_000, stageOnly: false }): string[] {
  const mix = scale.languages === undefined ? LANGUAGE_MIX : restrictedMix(scale.languages);
  const failures = scale.stageOnly ? [] : benchFingerprints();
  const stage = benchStoryStage(aliases, languageDetector, scale.articles, mix, scale.languages === undefined);
  failures.push(...stage.failures);
  // The stage's state is garbage from here on: collected before the baseline's pass, not during it.
  exposeGc()();
  benchBaseline(scale.articles, mix, stage.msPerArticle);
  return failures;
}

function benchFingerprints(): string[] {
  const failures: string[] = [];
  const random = seededRandom(77);
  const gc = exposeGc();
  gc();
  const before = process.memoryUsage();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const index = new SimhashIndex(3);
  const n = 1_000_000;
  const hashes = new Uint32Array(n * 2);
  for (let i = 0; i < n * 2; i += 1) hashes[i] = Math.floor(random() * 2 ** 32);
  for (let i = 0; i < n; i += 1) index.add({ hi: hashes[2 * i] as number, lo: hashes[2 * i + 1] as number }, i);
  let hits = 0;
  for (let i = 0; i < n; i += 1) {
    // Half the queries are near an entry (a 2-bit change), half are fresh random fingerprints.
    const hi = i % 2 === 0 ? (hashes[2 * i] as number) ^ 0x10001 : Math.floor(random() * 2 ** 32);
    hits += index.query({ hi: hi >>> 0, lo: hashes[2 * i + 1] as number }).length;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // Retained memory: collect the queries' garbage first, with the index still referenced.
  gc();
  const after = process.memoryUsage();
  if (index.size !== n) throw new Error('scale: index lost entries');
  const megabytes = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 2 ** 20;
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
  process.stdout.write(
    `\n== scale: 1,000,000 fingerprints inserted and queried in ${seconds.toFixed(2)} s wall (${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU), ` +
      `${megabytes.toFixed(0)} MB held (heap + buffers), ${hits} hits, load average ${loadavg()[0]?.toFixed(1)}\n`,
  );
  if (seconds > 10) failures.push(`scale: fingerprint index took ${seconds.toFixed(2)} s > 10 s`);
  if (megabytes > 150) failures.push(`scale: fingerprint index held ${megabytes.toFixed(0)} MB > 150 MB`);
  return failures;
}

/** Articles between the state checkpoints (taken outside the timed calls). */
const CHECKPOINT = 25_000;
/** The story window. */
const WINDOW_HOURS = 72;
/**
 * Articles after which the 30-day story memory is full (the window's 72 h plus 30 days): from here
 * on the stream runs as a crawl does on day 100. Before, the memory is still filling, the remembered
 * stories and the heap grow, and each article costs less (the first 100,000 ran at 1.05-1.45x the
 * steady state's rate in four runs of 200,000-300,000).
 */
const MEMORY_FULL = Math.ceil(((WINDOW_HOURS + DEFAULT_MEMORY_DAYS * 24) * 3600) / INTERVAL_S);
/** The steady-state rate needs at least this many articles after MEMORY_FULL. */
const STEADY_MIN = 25_000;

/** The articles whose CPU time is compared: those after the memory is full when there are enough of them, else all. */
function comparedFrom(articles: number): number {
  return articles - MEMORY_FULL >= STEADY_MIN ? MEMORY_FULL : 0;
}

function benchStoryStage(aliases: AliasTable, languageDetector: LanguageDetector, articles: number, mix: readonly [string, number][], fullMix: boolean): { failures: string[]; msPerArticle: number } {
  const failures: string[] = [];
  const next = createStream(mix);
  // A digest of every assignment (outside the timed part): a speed change must leave it as it was.
  const digest = createHash('sha256');
  const story = createStoryIndex({ windowHours: WINDOW_HOURS, aliases, languageDetector });
  let generatedMs = 0;
  let assignedMs = 0;
  let assignedCpu = 0;
  // Each article's CPU as well as the sum: a collector pause is charged to the one article it
  // interrupts, so a language of 5 % of the stream moves by ~150 µs with a few large pauses; its
  // median does not.
  const perLanguage = new Map<string, { count: number; cpu: number; each: number[] }>();
  const checkpoints: string[] = [];
  // The rate of each stretch between checkpoints, and of the steady state (see MEMORY_FULL).
  const stretches: number[] = [];
  let stretchCpu = 0;
  let steadyCpu = 0;
  for (let i = 0; i < articles; i += 1) {
    const t0 = performance.now();
    const { doc, lang } = next(i);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const assignment = story.assign(doc);
    const c2 = process.cpuUsage(c1);
    digest.update(JSON.stringify(assignment));
    digest.update('\n');
    const cpu = (c2.user + c2.system) / 1000;
    assignedCpu += cpu;
    stretchCpu += cpu;
    if (i >= MEMORY_FULL) steadyCpu += cpu;
    assignedMs += performance.now() - t1;
    generatedMs += t1 - t0;
    const entry = perLanguage.get(lang) ?? { count: 0, cpu: 0, each: [] };
    entry.count += 1;
    entry.cpu += cpu;
    entry.each.push(cpu);
    perLanguage.set(lang, entry);
    if ((i + 1) % CHECKPOINT === 0) {
      const snapshot = story.snapshot();
      const live = snapshot.nodes?.length ?? 0;
      stretches.push(CHECKPOINT / (stretchCpu / 1000));
      stretchCpu = 0;
      checkpoints.push(`${i + 1}: ${live} live, ${snapshot.memory?.length ?? 0} remembered, ${(JSON.stringify(snapshot).length / Math.max(1, live)).toFixed(0)} B per live article, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
    }
  }
  const rate = articles / (assignedMs / 1000);
  const cpuRate = articles / (assignedCpu / 1000);
  const steady = comparedFrom(articles) > 0 ? (articles - MEMORY_FULL) / (steadyCpu / 1000) : null;
  process.stdout.write(
    `== scale: ${articles} articles through the story stage (${WINDOW_HOURS} h window, ${DEFAULT_MEMORY_DAYS}-day story memory, one every ${INTERVAL_S} s, ${mix.map(([l, s]) => `${l} ${Math.round(s * 100)} %`).join(', ')}; ` +
      `${Math.round(DECLARED * 100)} % declare their language): ${rate.toFixed(0)} articles/s wall, ${cpuRate.toFixed(0)} per CPU second (${gcMode()}), load average ${loadavg()[0]?.toFixed(1)} ` +
      `(generation ${(generatedMs / 1000).toFixed(1)} s excluded)\n` +
      `   per language, µs CPU per article, mean (median): ${[...perLanguage].map(([l, e]) => `${l} ${((1000 * e.cpu) / e.count).toFixed(0)} (${(1000 * median(e.each)).toFixed(0)})`).join(', ')}\n` +
      `   state at ${checkpoints.join('; ')}\n` +
      (stretches.length > 0 ? `   per CPU second by stretch of ${CHECKPOINT}: ${stretches.map((r) => r.toFixed(0)).join(', ')}\n` : '') +
      (steady === null
        ? `   steady state not reached: the story memory is full after ${MEMORY_FULL} articles, no floor checked\n`
        : `   steady state (articles ${MEMORY_FULL + 1}-${articles}, the story memory full): ${steady.toFixed(0)} per CPU second\n`) +
      `   assignments digest ${digest.digest('hex').slice(0, 16)} (sha256 of every assignment as JSON; equal digests, equal grouping)\n`,
  );
  // CPU time is the measure on a shared machine (the wall clock also counts other processes' turns).
  if (steady !== null && steady < 2000 && fullMix) failures.push(`scale: story stage ${steady.toFixed(0)} articles per CPU second at steady state < 2000`);
  const from = comparedFrom(articles);
  return { failures, msPerArticle: (from === 0 ? assignedCpu : steadyCpu) / (articles - from) };
}

/**
 * The same stream through the named baseline (single-pass-baseline.ts), timed the same way, and
 * the stage's CPU per article over the same articles as a multiple of the baseline's.
 */
function benchBaseline(articles: number, mix: readonly [string, number][], stageMsPerArticle: number): void {
  const next = createStream(mix);
  const baseline = createSinglePassBaseline(WINDOW_HOURS);
  const from = comparedFrom(articles);
  let cpu = 0;
  for (let i = 0; i < articles; i += 1) {
    const { doc } = next(i);
    const time = Date.parse(doc.seenAt);
    const c1 = process.cpuUsage();
    baseline.assign(doc.title, doc.text, time);
    const c2 = process.cpuUsage(c1);
    if (i >= from) cpu += (c2.user + c2.system) / 1000;
  }
  const baselineMs = cpu / (articles - from);
  const range = from === 0 ? 'all articles' : `articles ${from + 1}-${articles}`;
  process.stdout.write(
    `   baseline, the same stream through single-pass clustering against story centroids (Topic Detection and Tracking's, no languages, copies, graph or memory; ${baseline.stories} stories open at the end): ` +
      `${(1000 / baselineMs).toFixed(0)} per CPU second over ${range}; the story stage costs ${(stageMsPerArticle / baselineMs).toFixed(2)}x its CPU per article there\n`,
  );
}

/** A callable gc without a command-line flag (the npm script starts node without --expose-gc). */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * How this process collects garbage, printed with the rate: the CLI runs the story stage under
 * --single-threaded-gc (bin/wiredesk.js's shebang), and `npm run bench:stories` starts node the same way,
 * so the rate is the stage's cost as users run it. The process CPU counts V8's helper threads too.
 */
function gcMode(): string {
  return process.execArgv.includes('--single-threaded-gc') ? 'as the CLI runs node, --single-threaded-gc' : "V8's default collector, not as the CLI runs node";
}
