/**
 * Story grouping benchmark (issues 6 and 14).
 *
 *   npm run bench:stories -- --corpus ../shared/corpus/stories-dev [--check] [--scale] [--quick]
 *                            [--set key=value,...] [--memory-days N] [--floors FILE=PAIR/B3,...]
 *                            [--pair-floors SUBSET=F1,...] [--halves] [--seeds N,...] [--stage-only] [--scale-articles N]
 *                            [--languages en,zh,...]
 *
 * Labelled files (articles with a `gold` event; unlabelled ones are clustered too, not scored): pairwise and B-cubed P/R/F1, groups against
 * gold, the all-singletons baseline, with the default settings (72 h window, default story
 * memory); undated files are the mean of 5 fixed shuffles with every article inside the window.
 * Pair sets (`X-articles.jsonl` with `X-pairs.jsonl`): every article clustered (5 shuffles; once in time order when the articles are dated), each
 * rated pair checked for co-membership, scored overall, per language and per language pair, with
 * the detected languages against the set's labels and the largest group per language; `--halves`
 * adds each subset's F1 on two halves of the pairs (split by a hash of the pair's ids); `--seeds`
 * replaces the shuffle seeds (1-5) of undated files.
 * Syndication check on every file (bench/stories/syndication.ts). `--scale`: the fingerprint index
 * and the story stage at scale (bench/stories/scale.ts; `--stage-only` skips the fingerprint index,
 * `--scale-articles N` runs a shorter stream: the floor is checked on the articles after the story memory is full (142,560), so only when 25,000 or more follow; `--languages zh,fr` keeps
 * only those languages' events, to profile their path: no floor is checked and the digest is not the mix's; then the same
 * stream through the named baseline, single-pass clustering against story centroids, and the stage's CPU per article as a
 * multiple of the baseline's, bench/stories/single-pass-baseline.ts). `--check` exits 1 below the issue's floors.
 * `npm run bench:stories` starts node with --single-threaded-gc, as bin/wiredesk.js starts the crawler
 * (the stage's rate is process CPU, V8's helper threads included).
 * `--floors` (labelled files) and `--pair-floors` (pair-set subsets: `overall`, `tr`,
 * `de-en`) set regression floors that replace the issue's targets for the exit code while a target
 * is not reached; the targets are still printed with "target missed".
 * The corpus is third-party data: it is read from the given path, never copied into the repo.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStoryIndex, loadLanguageDetector, parseAliases, type AliasTable, type LanguageDetector, type StoryDoc, type StoryTuning } from '../src/fingerprint/index.js';
import { finalStories } from '../tests/support/final-stories.js';
import { absentStory, asStream, chronological, pipelineDoc, wallKindOf, readCorpus, readPairs, shuffle, timeOf, type CorpusDoc } from './stories/corpus.js';
import { blobGroups, countPairs, detectionAccuracy, largestGroups, pairScores, recordAssignment, type PairRun } from './stories/pair-set.js';
import { benchScale } from './stories/scale.js';
import { formatScores, groupIndexes, meanScores, scoreClusters } from './stories/scores.js';
import { syndicationCheck } from './stories/syndication.js';

/** The issue's floors: ECB+ by name, every other labelled file (Giveme5W1H and hidden sets) the default. */
const LABELLED_FLOORS: Record<string, { pairF1: number; b3F1: number }> = { 'ecbplus.jsonl': { pairF1: 0.91, b3F1: 0.94 } };
const DEFAULT_FLOORS = { pairF1: 0.9, b3F1: 0.92 };
const PAIR_FLOORS = { overall: 0.8, perLanguage: 0.75, crossLanguage: 0.6, minPairs: 50 };
const DUPLICATE_FLOORS = { recall: 0.98, falseRate: 0.001 };
/** Seeds of the fixed shuffles of undated files; `--seeds 6,7,8,9,10` checks a change on other orders. */
const SHUFFLES = [1, 2, 3, 4, 5];

interface Setup {
  aliases: AliasTable;
  tuning: Partial<StoryTuning>;
  memoryDays: number | undefined;
  languageDetector: LanguageDetector;
}

/** Per-file pairwise/B-cubed F1 floors that replace the issue's for `--check` (from `--floors`). */
const fileFloors = new Map<string, { pairF1: number; b3F1: number }>();
/** Pair-set subsets ("overall", "tr", "de-en") whose F1 floor `--pair-floors` replaces for `--check`. */
const pairFloors = new Map<string, number>();
/** Issue targets missed while a `--floors` regression floor held (reported beside "check passed"). */
const missedTargets: string[] = [];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): boolean => args.includes(name);
  const value = (name: string): string | null => {
    const i = args.indexOf(name);
    return i >= 0 ? (args[i + 1] ?? null) : null;
  };
  const seeds = (value('--seeds') ?? '').split(',').filter((p) => p !== '');
  if (seeds.length > 0) SHUFFLES.splice(0, SHUFFLES.length, ...seeds.map(Number));
  const tuning: Partial<StoryTuning> = {};
  // --set linkSimilarity=0.16,neighbours=6: experiments without editing the defaults.
  for (const pair of (value('--set') ?? '').split(',').filter((p) => p !== '')) {
    const [key, raw] = pair.split('=');
    (tuning as Record<string, number>)[key as string] = Number(raw);
  }
  for (const item of (value('--floors') ?? '').split(',').filter((p) => p !== '')) {
    const match = /^([^=]+)=([0-9.]+)\/([0-9.]+)$/.exec(item.trim());
    if (match === null) {
      process.stderr.write(`stories-bench: --floors wants FILE=PAIR/B3[,FILE=PAIR/B3...], got ${JSON.stringify(item)}\n`);
      process.exitCode = 2;
      return;
    }
    fileFloors.set(match[1] as string, { pairF1: Number(match[2]), b3F1: Number(match[3]) });
  }
  for (const item of (value('--pair-floors') ?? '').split(',').filter((p) => p !== '')) {
    const match = /^([a-z-]+)=([0-9.]+)$/.exec(item.trim());
    if (match === null) {
      process.stderr.write(`stories-bench: --pair-floors wants SUBSET=F1[,SUBSET=F1...] (overall, a language, a language pair), got ${JSON.stringify(item)}\n`);
      process.exitCode = 2;
      return;
    }
    pairFloors.set(match[1] as string, Number(match[2]));
  }
  const corpusDir = value('--corpus');
  if (corpusDir === null && !flag('--scale')) {
    process.stderr.write('usage: stories-bench --corpus DIR [--check] [--scale] [--quick] [--set k=v,...] [--memory-days N] [--floors FILE=PAIR/B3,...] [--pair-floors SUBSET=F1,...]\n');
    process.exitCode = 2;
    return;
  }
  const aliases = parseAliases(JSON.parse(readFileSync(fileURLToPath(new URL('../config/aliases.json', import.meta.url)), 'utf8')));
  const loadStarted = performance.now();
  const languageDetector = await loadLanguageDetector();
  process.stdout.write(`language detector loaded in ${(performance.now() - loadStarted).toFixed(0)} ms (start-up, not counted below)\n`);
  const memoryDays = value('--memory-days') === null ? undefined : Number(value('--memory-days'));
  const setup: Setup = { aliases, tuning, memoryDays, languageDetector };
  const failures: string[] = [];
  if (corpusDir !== null) {
    const dir = resolve(corpusDir);
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
    for (const name of fileFloors.keys()) if (!files.includes(name)) process.stderr.write(`stories-bench: --floors names ${name}, which is not in ${corpusDir}\n`);
    for (const file of files) {
      if (file.endsWith('-pairs.jsonl')) continue;
      const pairsFile = file.replace(/-articles\.jsonl$/, '-pairs.jsonl');
      if (file.endsWith('-articles.jsonl') && existsSync(join(dir, pairsFile))) {
        failures.push(...benchPairSet(file, readCorpus(join(dir, file)), join(dir, pairsFile), setup, flag('--quick'), flag('--halves')));
        continue;
      }
      const docs = readCorpus(join(dir, file));
      if (docs.every((d) => d.gold === null)) {
        process.stdout.write(`\n== ${file}: skipped (no article labelled, and not a pair set)\n`);
        continue;
      }
      failures.push(...benchLabelled(file, docs, setup, flag('--quick')));
    }
  }
  if (flag('--scale')) {
    const only = value('--languages');
    failures.push(...benchScale(aliases, languageDetector, { articles: Number(value('--scale-articles') ?? 200_000), stageOnly: flag('--stage-only'), ...(only === null ? {} : { languages: only.split(',') }) }));
  }
  if (flag('--check') && failures.length > 0) {
    process.stdout.write(`CHECK FAILED:\n  ${failures.join('\n  ')}\n`);
    process.exitCode = 1;
  } else if (flag('--check')) {
    const note = missedTargets.length > 0 ? ` on regression floors; issue targets missed: ${missedTargets.join('; ')}` : '';
    process.stdout.write(`check passed${note}\n`);
  }
}

function benchLabelled(file: string, all: CorpusDoc[], setup: Setup, quick: boolean): string[] {
  const failures: string[] = [];
  const { docs, dated, leftOut } = asStream(all);
  const orders = dated ? [chronological(docs)] : SHUFFLES.map((seed) => shuffle(docs, seed));
  const started = performance.now();
  const entries = pipelineDocs(docs);
  // Unlabelled articles (a stream's noise) are clustered with the rest and left out of the scores.
  const scored = (order: readonly CorpusDoc[], predicted: readonly string[]): ReturnType<typeof scoreClusters> => {
    const kept = order.flatMap((d, i) => (d.gold === null ? [] : [i]));
    return scoreClusters(kept.map((i) => order[i]?.gold as string), kept.map((i) => predicted[i] as string));
  };
  const scores = meanScores(orders.map((order) => scored(order, cluster(order, setup, entries))));
  const baseline = meanScores(orders.map((order) => scored(order, order.map((d) => d.id))));
  const ms = performance.now() - started;
  const labelled = docs.filter((d) => d.gold !== null);
  const gold = new Set(labelled.map((d) => d.gold)).size;
  const unlabelled = docs.length - labelled.length;
  process.stdout.write(
    `\n== ${file}: ${docs.length} articles${unlabelled > 0 ? ` (${unlabelled} unlabelled: clustered, not scored)` : ''}${leftOut > 0 ? `, ${leftOut} undated left out` : ''}, ${gold} gold events, ` +
      `${dated ? 'chronological' : `${orders.length} shuffles`} (${ms.toFixed(0)} ms)\n`,
  );
  process.stdout.write(`  stories        ${formatScores(scores)}\n`);
  process.stdout.write(`  all-singletons ${formatScores(baseline)}\n`);
  if (dated) {
    const memoryDays = setup.memoryDays ?? 30;
    const reach = 72 + memoryDays * 24;
    const labelledInTime = (orders[0] ?? []).filter((d) => d.gold !== null);
    process.stdout.write(
      `  reach          ${(chainedPairs(labelledInTime, 72) * 100).toFixed(1)} % of gold pairs are chained by gaps ≤ 72 h, ` +
        `${(chainedPairs(labelledInTime, reach) * 100).toFixed(1)} % by gaps ≤ the window + ${memoryDays} days of story memory\n`,
    );
  }
  failures.push(...checkLabelledFloors(file, scores));
  if (!quick) {
    const goldOf = new Map(labelled.map((d) => [d.id, d.gold]));
    const differentPairs = countDifferentPairs(labelled);
    const sameStory = (a: string, b: string): boolean | null => {
      const [ga, gb] = [goldOf.get(a), goldOf.get(b)];
      return ga === undefined || gb === undefined ? null : ga === gb;
    };
    const result = syndicationCheck(docs, setup, sameStory, differentPairs);
    failures.push(...checkDuplicates(file, result.recall, result.falsePairs, differentPairs));
  }
  return failures;
}

function benchPairSet(file: string, all: CorpusDoc[], pairsPath: string, setup: Setup, quick: boolean, halves: boolean): string[] {
  const failures: string[] = [];
  // Dated articles go in time order, once, as a crawl meets them: shuffled, a report dated months before the
  // latest one would leave the window as it arrived (a pair set with dates scored 0.44 overall so). Undated sets
  // are shuffled as before; a mostly dated set leaves its undated articles out (asStream, as labelled files do).
  const { docs, dated, leftOut } = asStream(all);
  // A pair naming an article the set does not hold (a scrape that failed, or an undated one left out) is left out and counted, not fatal.
  const ids = new Set(docs.map((d) => d.id));
  const rated = readPairs(pairsPath, new Map(docs.map((d) => [d.id, d.lang])));
  // A pair without a readable rating says nothing either way: left out and counted with the rest.
  const pairs = rated.filter((p) => ids.has(p.id1) && ids.has(p.id2) && Number.isFinite(p.overall));
  const entries = pipelineDocs(docs);
  const started = performance.now();
  const orders = dated ? [chronological(docs)] : (quick ? SHUFFLES.slice(0, 2) : SHUFFLES).map((seed) => shuffle(docs, seed));
  const runs: PairRun[] = orders.map((order) => {
    const run: PairRun = { storyOf: new Map(), languageOf: new Map() };
    const index = createStoryIndex({ windowHours: 72, aliases: setup.aliases, tuning: setup.tuning, memoryDays: setup.memoryDays, languageDetector: setup.languageDetector });
    for (const doc of order) {
      const entry = entries.get(doc.id) ?? null;
      if (entry !== null) recordAssignment(run, doc.id, index.assign(entry));
      else run.storyOf.set(doc.id, absentStory(doc));
    }
    return run;
  });
  const ms = performance.now() - started;
  const counts = countPairs(pairs, runs);
  const halfCounts = halves ? { A: countPairs(pairs, runs, 'A'), B: countPairs(pairs, runs, 'B') } : null;
  process.stdout.write(
    `\n== ${file}: ${docs.length} articles${leftOut > 0 ? `, ${leftOut} undated left out` : ''}, ${pairs.length} rated pairs${pairs.length < rated.length ? ` (${rated.length - pairs.length} more name an article the set lacks${leftOut > 0 ? ' or left out' : ''} or have no rating: left out)` : ''}, ` +
      `${dated ? 'chronological' : `${runs.length} shuffles`} (${ms.toFixed(0)} ms)\n`,
  );
  const keys = [...counts.keys()].sort((a, b) => (a === 'overall' ? -1 : b === 'overall' ? 1 : (counts.get(b)?.pairs ?? 0) - (counts.get(a)?.pairs ?? 0)));
  for (const key of keys) {
    const c = counts.get(key) as NonNullable<ReturnType<typeof counts.get>>;
    const s = pairScores(c);
    const n = c.pairs / runs.length;
    process.stdout.write(`  pairs ${key.padEnd(8)} P ${s.p.toFixed(3)} R ${s.r.toFixed(3)} F1 ${s.f1.toFixed(3)}  (${n} pairs, ${c.same / runs.length} same)\n`);
    if (halfCounts !== null) {
      const half = (h: 'A' | 'B'): string => {
        const hc = halfCounts[h].get(key);
        return hc === undefined ? `${h} -` : `${h} F1 ${pairScores(hc).f1.toFixed(3)} (${hc.pairs / runs.length} pairs)`;
      };
      process.stdout.write(`                 halves ${half('A')}, ${half('B')}\n`);
    }
    const target = key === 'overall' ? PAIR_FLOORS.overall : n < PAIR_FLOORS.minPairs ? null : key.includes('-') ? PAIR_FLOORS.crossLanguage : PAIR_FLOORS.perLanguage;
    if (target === null) continue;
    const own = pairFloors.get(key);
    const verdict = s.f1 >= target ? 'target met' : 'target missed';
    const held = own === undefined ? '' : `, regression floor ${own} ${s.f1 >= own ? 'held' : 'BROKEN'}`;
    process.stdout.write(`                 issue target ${target}: ${verdict}${held}\n`);
    if (s.f1 < target && own !== undefined && s.f1 >= own) missedTargets.push(`${file} pair F1 ${key} ${s.f1.toFixed(3)} < ${target}`);
    const limit = own ?? target;
    if (s.f1 < limit) failures.push(`${file}: pair F1 ${key} ${s.f1.toFixed(3)} < ${limit}${own === undefined ? '' : ' (regression floor)'}`);
  }
  process.stdout.write(`  walls          ${describeWalls(docs, entries)}\n`);
  const first = runs[0] as PairRun;
  const accuracy = detectionAccuracy(docs, first);
  const detected = [...accuracy].map(([lang, a]) => `${lang} ${a.correct}/${a.total}${a.misses.size > 0 ? ` (${[...a.misses].map(([l, n]) => `${n}→${l}`).join(' ')})` : ''}`);
  process.stdout.write(`  languages      detected as labelled: ${detected.join(', ')}\n`);
  const largest = largestGroups(docs, pairs, first);
  process.stdout.write(
    `  largest group  ${[...largest]
      .sort((a, b) => b[1].inLanguage - a[1].inLanguage)
      .map(([lang, g]) => `${lang} ${g.inLanguage}${g.size > g.inLanguage ? `/${g.size}` : ''} (rated inside: ${g.sameInside} same, ${g.differentInside} different)`)
      .join('; ')}\n`,
  );
  for (const [i, run] of runs.entries()) {
    for (const blob of blobGroups(docs, pairs, run)) {
      const text = `group of ${blob.size} (${blob.languages}) sharing no story: rated inside ${blob.sameInside} same, ${blob.differentInside} different (${dated ? 'time order' : `shuffle ${SHUFFLES[i]}`})`;
      process.stdout.write(`  BLOB           ${text}\n`);
      failures.push(`${file}: ${text}`);
    }
  }
  if (!quick) {
    const rated = new Map<string, boolean>();
    for (const p of pairs) rated.set([p.id1, p.id2].sort().join(' '), p.overall <= 2);
    const differentPairs = pairs.filter((p) => p.overall > 2).length;
    const result = syndicationCheck(docs, setup, (a, b) => rated.get([a, b].sort().join(' ')) ?? null, differentPairs);
    failures.push(...checkDuplicates(file, result.recall, result.falsePairs, differentPairs));
  }
  return failures;
}

/** Each article as the pipeline would commit it (`pipelineDoc`), judged once per file rather than once per shuffle. */
function pipelineDocs(docs: readonly CorpusDoc[]): Map<string, StoryDoc | null> {
  return new Map(docs.map((doc) => [doc.id, pipelineDoc(doc, 0)]));
}

/** How many texts the extraction's classifier takes for walls, and how they entered (`entries`, from `pipelineDocs`). */
function describeWalls(docs: readonly CorpusDoc[], entries: ReadonlyMap<string, StoryDoc | null>): string {
  const kinds = new Map<string, number>();
  let walls = 0;
  let absent = 0;
  for (const doc of docs) {
    const kind = wallKindOf(doc);
    if (kind === null) continue;
    walls += 1;
    if ((entries.get(doc.id) ?? null) === null) absent += 1;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const list = [...kinds].map(([k, n]) => `${k} ${n}`).join(', ');
  return `${walls} of ${docs.length} texts are walls to the extraction's classifier${list === '' ? '' : ` (${list})`}: ${walls - absent} entered as their headline, ${absent} not at all (fetched again later), as the pipeline takes walls without feed text`;
}

function cluster(order: CorpusDoc[], setup: Setup, entries: ReadonlyMap<string, StoryDoc | null>): string[] {
  // Stories are redrawn as links arrive: what counts is where each article ends up.
  const index = createStoryIndex({ windowHours: 72, aliases: setup.aliases, tuning: setup.tuning, memoryDays: setup.memoryDays, languageDetector: setup.languageDetector });
  const storyOf = finalStories(index, order.map((doc) => entries.get(doc.id) ?? null).filter((doc): doc is StoryDoc => doc !== null));
  return order.map((d) => storyOf.get(d.id) ?? absentStory(d));
}

/**
 * Prints the measured F1s against the issue's targets (and a `--floors` regression floor, when
 * given for this file) and returns the failures `--check` reports: the regression floor replaces
 * the issue's target for the exit code, never for the printout.
 */
function checkLabelledFloors(file: string, scores: { pairF1: number; b3F1: number }): string[] {
  const targets = LABELLED_FLOORS[file] ?? DEFAULT_FLOORS;
  const own = fileFloors.get(file);
  const failures: string[] = [];
  const line = (name: string, measured: number, target: number, floor: number | undefined): string => {
    const verdict = measured >= target ? 'target met' : 'target missed';
    if (measured < target && floor !== undefined && measured >= floor) missedTargets.push(`${file} ${name} ${measured.toFixed(3)} < ${target}`);
    const held = floor === undefined ? '' : `, regression floor ${floor} ${measured >= floor ? 'held' : 'BROKEN'}`;
    const limit = floor ?? target;
    if (measured < limit) failures.push(`${file}: ${name} ${measured.toFixed(3)} < ${limit}${floor === undefined ? '' : ' (regression floor)'}`);
    return `${name} ${measured.toFixed(3)} (issue target ${target}: ${verdict}${held})`;
  };
  const pair = line('pairwise F1', scores.pairF1, targets.pairF1, own?.pairF1);
  const b3 = line('B-cubed F1', scores.b3F1, targets.b3F1, own?.b3F1);
  process.stdout.write(`  floors         ${pair}; ${b3}\n`);
  return failures;
}

function checkDuplicates(file: string, recall: number, falsePairs: number, differentPairs: number): string[] {
  const failures: string[] = [];
  if (recall < DUPLICATE_FLOORS.recall) failures.push(`${file}: duplicate recall ${recall.toFixed(4)} < ${DUPLICATE_FLOORS.recall}`);
  if (differentPairs > 0 && falsePairs / differentPairs > DUPLICATE_FLOORS.falseRate) failures.push(`${file}: false duplicate rate ${falsePairs / differentPairs} > ${DUPLICATE_FLOORS.falseRate}`);
  return failures;
}

function countDifferentPairs(docs: readonly CorpusDoc[]): number {
  const sizes = [...groupIndexes(docs.map((d) => d.gold as string)).values()].map((m) => m.length);
  return (docs.length * (docs.length - 1)) / 2 - sizes.reduce((s, c) => s + (c * (c - 1)) / 2, 0);
}

/** Share of gold pairs whose articles are linked by a chain of same-event articles at most `hours` apart. */
function chainedPairs(order: readonly CorpusDoc[], hours: number): number {
  let all = 0;
  let linked = 0;
  for (const members of groupIndexes(order.map((d) => d.gold as string)).values()) {
    const times = members.map((i) => timeOf(order[i])).sort((a, b) => a - b);
    all += (times.length * (times.length - 1)) / 2;
    let run = 1;
    for (let i = 1; i <= times.length; i += 1) {
      if (i < times.length && (times[i] as number) - (times[i - 1] as number) <= hours * 3_600_000) run += 1;
      else {
        linked += (run * (run - 1)) / 2;
        run = 1;
      }
    }
  }
  return all === 0 ? 1 : linked / all;
}

await main();
