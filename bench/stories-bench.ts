/**
 * Story grouping benchmark (issue 6).
 *
 *   npm run bench:stories -- --corpus ../shared/corpus/stories-dev [--check] [--sweep] [--scale]
 *
 * For each labelled file: pairwise and B-cubed P/R/F1, groups against gold, the all-singletons
 * baseline (ECB+ has no dates: the mean of 5 fixed shuffles, all articles inside the window).
 * Syndication check: republished copies derived from every article with a seeded PRNG (headline
 * rewritten, dateline and agency credit added, last 1–3 paragraphs cut (keeping at least half of
 * the words), 1–2 sentences edited (a word dropped or inserted),
 * newsletter and copyright lines added): duplicate recall and false duplicates between different
 * events. `--scale`: 1,000,000 synthetic fingerprints through the simhash index, 100,000 synthetic
 * articles through the story index with a 72 h window. `--check` exits 1 below the issue's floors.
 * `--floors ecbplus.jsonl=0.78/0.84,...` replaces a file's pairwise/B-cubed F1 floors for `--check`
 * (a regression floor where the issue's target is not reached yet); the issue's targets are still
 * printed beside the measured numbers, with "target missed" where they are.
 * The corpus is third-party data: it is read from the given path, never copied into the repo.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createStoryIndex,
  parseAliases,
  SimhashIndex,
  type AliasTable,
  type StoryAssignment,
  type StoryDoc,
  type StoryTuning,
} from '../src/fingerprint/index.js';
import { finalStories } from '../tests/support/final-stories.js';
import { seededRandom } from '../tests/support/seeded-random.js';

interface CorpusDoc {
  id: string;
  title: string;
  text: string;
  publishedAt: string | null;
  source: string | null;
  gold: string;
}

interface Scores {
  pairP: number;
  pairR: number;
  pairF1: number;
  b3P: number;
  b3R: number;
  b3F1: number;
  groups: number;
  gold: number;
}

const FLOORS = { pairF1: 0.9, b3F1: 0.92, duplicateRecall: 0.98, falseDuplicateRate: 0.001 };
/** Per-file pairwise/B-cubed F1 floors that replace the issue's for `--check` (from `--floors`). */
const fileFloors = new Map<string, { pairF1: number; b3F1: number }>();
/** Issue targets missed while a `--floors` regression floor held (reported beside "check passed"). */
const missedTargets: string[] = [];
const SHUFFLES = [1, 2, 3, 4, 5];
const BASE_TIME = Date.parse('2020-01-01T00:00:00Z');
const overrides: Partial<StoryTuning> = {};

function main(): void {
  const args = process.argv.slice(2);
  const flag = (name: string): boolean => args.includes(name);
  const value = (name: string): string | null => {
    const i = args.indexOf(name);
    return i >= 0 ? (args[i + 1] ?? null) : null;
  };
  const aliases = parseAliases(JSON.parse(readFileSync(fileURLToPath(new URL('../config/aliases.json', import.meta.url)), 'utf8')));
  const failures: string[] = [];
  // --set linkSimilarity=0.16,neighbours=6: experiments without editing the defaults.
  for (const pair of (value('--set') ?? '').split(',').filter((p) => p !== '')) {
    const [key, raw] = pair.split('=');
    (overrides as Record<string, number>)[key as string] = Number(raw);
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
  const corpusDir = value('--corpus');
  if (corpusDir !== null) {
    const files = readdirSync(resolve(corpusDir)).filter((f) => f.endsWith('.jsonl')).sort();
    for (const name of fileFloors.keys()) if (!files.includes(name)) process.stderr.write(`stories-bench: --floors names ${name}, which is not in ${corpusDir}\n`);
    for (const file of files) {
      const docs = readCorpus(join(resolve(corpusDir), file));
      failures.push(...benchFile(file, docs, aliases, { sweep: flag('--sweep'), quick: flag('--quick') }));
    }
  }
  if (flag('--scale')) failures.push(...benchScale(aliases));
  if (corpusDir === null && !flag('--scale')) {
    process.stderr.write('usage: stories-bench --corpus DIR [--check] [--floors FILE=PAIR/B3,...] [--sweep] [--scale]\n');
    process.exitCode = 2;
    return;
  }
  if (flag('--check') && failures.length > 0) {
    process.stdout.write(`CHECK FAILED:\n  ${failures.join('\n  ')}\n`);
    process.exitCode = 1;
  } else if (flag('--check')) {
    const note = missedTargets.length > 0 ? ` on regression floors; issue targets missed: ${missedTargets.join('; ')}` : '';
    process.stdout.write(`check passed${note}\n`);
  }
}

function benchFile(file: string, docs: CorpusDoc[], aliases: AliasTable, mode: { sweep: boolean; quick: boolean }): string[] {
  const failures: string[] = [];
  const dated = docs.every((d) => d.publishedAt !== null);
  const orders = dated ? [chronological(docs)] : SHUFFLES.map((seed) => shuffle(docs, seed));
  // The gold labels of the dated file are topics followed for weeks (Equifax, North Korean
  // missiles): a 72 h window cannot link them. Grouping quality is scored with a window covering
  // the file (as ECB+, undated, is); the 72 h result and its ceiling are printed beside it.
  const spanHours = dated ? Math.ceil((timeOf(orders[0]?.at(-1)) - timeOf(orders[0]?.[0])) / 3_600_000) + 1 : 72;
  const window = Math.max(72, spanHours);
  const started = performance.now();
  const scores = mean(orders.map((order) => score(order, cluster(order, aliases, overrides, window))));
  const baseline = mean(orders.map((order) => score(order, order.map((d) => d.id))));
  const ms = performance.now() - started;
  process.stdout.write(`\n== ${file}: ${docs.length} articles, ${scores.gold} gold events, ${dated ? 'chronological' : `${orders.length} shuffles`} (${ms.toFixed(0)} ms)\n`);
  process.stdout.write(`  stories        ${formatScores(scores)}${window > 72 ? ` [window ${window} h = the file's span]` : ''}\n`);
  process.stdout.write(`  all-singletons ${formatScores(baseline)}\n`);
  failures.push(...checkFloors(file, scores));
  if (window > 72 && !mode.quick) {
    const windowed = mean(orders.map((order) => score(order, cluster(order, aliases, overrides, 72))));
    const ceiling = linkablePairs(orders[0] ?? [], 72);
    process.stdout.write(`  72 h window    ${formatScores(windowed)} [only ${(ceiling * 100).toFixed(1)} % of gold pairs are chained by gaps ≤ 72 h]\n`);
  }
  if (mode.sweep) runSweep(orders, aliases, window);
  if (!mode.quick) failures.push(...syndicationCheck(file, docs, aliases));
  return failures;
}

/**
 * Prints the measured F1s against the issue's targets (and a `--floors` regression floor, when
 * given for this file) and returns the failures `--check` reports: the regression floor replaces
 * the issue's target for the exit code, never for the printout.
 */
function checkFloors(file: string, scores: Scores): string[] {
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
  const pair = line('pairwise F1', scores.pairF1, FLOORS.pairF1, own?.pairF1);
  const b3 = line('B-cubed F1', scores.b3F1, FLOORS.b3F1, own?.b3F1);
  process.stdout.write(`  floors         ${pair}; ${b3}\n`);
  return failures;
}

/** Share of gold pairs whose articles are linked by a chain of same-event articles at most `hours` apart. */
function linkablePairs(order: CorpusDoc[], hours: number): number {
  let all = 0;
  let linked = 0;
  for (const members of groupIndexes(order.map((d) => d.gold)).values()) {
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

function timeOf(doc: CorpusDoc | undefined): number {
  const at = doc?.publishedAt ?? null;
  return at === null ? BASE_TIME : Date.parse(/Z|[+-]\d{2}:?\d{2}$/.test(at) ? at : `${at}Z`);
}

/** Grid over the similarity thresholds (choose on one file, confirm on the other). */
function runSweep(orders: CorpusDoc[][], aliases: AliasTable, window: number): void {
  for (const linkSimilarity of [0.1, 0.12, 0.14, 0.16, 0.18, 0.22]) {
    for (const neighbours of [3, 4, 5, 6, 8]) {
      const tuning = { ...overrides, linkSimilarity, neighbours };
      const s = mean(orders.map((order) => score(order, cluster(order, aliases, tuning, window))));
      process.stdout.write(`  sweep link=${linkSimilarity.toFixed(2)} k=${neighbours}  ${formatScores(s)}\n`);
    }
  }
}

function cluster(order: CorpusDoc[], aliases: AliasTable, tuning: Partial<StoryTuning>, windowHours: number): string[] {
  // Stories are redrawn as links arrive: what counts is where each article ends up.
  const storyOf = finalStories(createStoryIndex({ windowHours, aliases, tuning }), order.map((doc) => toStoryDoc(doc, 0)));
  return order.map((d) => storyOf.get(d.id) as string);
}

function score(order: CorpusDoc[], predicted: string[]): Scores {
  const gold = order.map((d) => d.gold);
  const n = order.length;
  let tp = 0;
  let predPairs = 0;
  let goldPairs = 0;
  const byPred = groupIndexes(predicted);
  const byGold = groupIndexes(gold);
  for (const members of byPred.values()) {
    predPairs += (members.length * (members.length - 1)) / 2;
    const counts = countBy(members.map((i) => gold[i] as string));
    for (const c of counts.values()) tp += (c * (c - 1)) / 2;
  }
  for (const members of byGold.values()) goldPairs += (members.length * (members.length - 1)) / 2;
  const pairP = predPairs === 0 ? 0 : tp / predPairs;
  const pairR = goldPairs === 0 ? 0 : tp / goldPairs;
  let b3P = 0;
  let b3R = 0;
  for (let i = 0; i < n; i += 1) {
    const own = byPred.get(predicted[i] as string) as number[];
    const cls = byGold.get(gold[i] as string) as number[];
    const both = own.filter((j) => gold[j] === gold[i]).length;
    b3P += both / own.length;
    b3R += both / cls.length;
  }
  b3P /= n;
  b3R /= n;
  return { pairP, pairR, pairF1: f1(pairP, pairR), b3P, b3R, b3F1: f1(b3P, b3R), groups: byPred.size, gold: byGold.size };
}

/**
 * Derives one republished copy per article and feeds originals and copies (each copy a few hours and
 * a few articles after its original) through one index.
 */
function syndicationCheck(file: string, docs: CorpusDoc[], aliases: AliasTable): string[] {
  const random = seededRandom(4242);
  const originals = docs.every((d) => d.publishedAt !== null) ? chronological(docs) : shuffle(docs, 1);
  // Undated files: each copy comes up to 40 articles after its original. Dated files: 1–30 hours
  // after it, in time order (a copy must not fall out of the window behind later originals).
  const dated = docs.every((d) => d.publishedAt !== null);
  const keyed: { doc: CorpusDoc; copyOf: string | null; key: number }[] = originals.map((doc, i) => ({ doc, copyOf: null, key: dated ? timeOf(doc) : i }));
  originals.forEach((doc, i) => {
    const copy = republish(doc, random);
    const delay = 1 + Math.floor(random() * 30);
    if (dated) copy.publishedAt = new Date(timeOf(doc) + delay * 3_600_000).toISOString();
    keyed.push({ doc: copy, copyOf: doc.id, key: dated ? timeOf(copy) : i + 0.5 + Math.floor(random() * 40) });
  });
  const stream = keyed.sort((a, b) => a.key - b.key);
  const index = createStoryIndex({ windowHours: 72, aliases, tuning: overrides });
  const goldOf = new Map(docs.map((d) => [d.id, d.gold]));
  let found = 0;
  let copies = 0;
  let falsePairs = 0;
  let flaggedOriginals = 0;
  const distances: number[] = [];
  const originalOf = new Map<string, string>();
  const missed = { none: 0, other: 0 };
  stream.forEach(({ doc, copyOf }, position) => {
    const result: StoryAssignment = index.assign(toStoryDoc(doc, position * 0.01));
    if (copyOf === null) originalOf.set(doc.id, result.duplicateOf ?? doc.id);
    if (copyOf !== null) {
      copies += 1;
      // When the original was itself a copy of an earlier article, the first copy is the answer.
      if (result.duplicateOf === originalOf.get(copyOf)) {
        found += 1;
        distances.push(result.distance ?? -1);
      } else if (result.duplicateOf === null) {
        missed.none += 1;
        if (process.env['STORIES_DEBUG']) process.stdout.write(`MISS ${doc.id} ${JSON.stringify(result)}\n${doc.text.slice(0, 400)}\n`);
      }
      else missed.other += 1;
    } else if (result.duplicateOf !== null) {
      flaggedOriginals += 1;
      const original = result.duplicateOf.replace(/#copy$/, '');
      if (goldOf.get(original) !== doc.gold) falsePairs += 1;
    }
  });
  const goldSizes = [...countBy(docs.map((d) => d.gold)).values()];
  const differentPairs = (docs.length * (docs.length - 1)) / 2 - goldSizes.reduce((s, c) => s + (c * (c - 1)) / 2, 0);
  const recall = found / copies;
  const falseRate = falsePairs / differentPairs;
  distances.sort((a, b) => a - b);
  const within3 = distances.filter((d) => d <= 3).length;
  process.stdout.write(
    `  syndication    duplicate recall ${recall.toFixed(4)} (${found}/${copies}; simhash distance median ${distances[Math.floor(distances.length / 2)] ?? '-'}, ${within3} found within 3 bits; missed: ${missed.none} not marked, ${missed.other} marked as a copy of another article)\n` +
      `                 false duplicates ${falsePairs} of ${differentPairs} different-event pairs = ${(falseRate * 100).toFixed(4)} %; originals marked duplicate of a same-event article: ${flaggedOriginals - falsePairs}\n`,
  );
  const failures: string[] = [];
  if (recall < FLOORS.duplicateRecall) failures.push(`${file}: duplicate recall ${recall.toFixed(4)} < ${FLOORS.duplicateRecall}`);
  if (falseRate > FLOORS.falseDuplicateRate) failures.push(`${file}: false duplicate rate ${falseRate} > ${FLOORS.falseDuplicateRate}`);
  return failures;
}

const CITIES = ['BAGHDAD', 'WASHINGTON', 'LONDON', 'PARIS', 'NEW YORK', 'BEIRUT', 'TOKYO', 'BERLIN'];
const AGENCIES = ['Reuters', 'AP', 'AFP', 'dpa', 'Anadolu', 'Xinhua'];
const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const NEWSLETTER_LINES = [
  'Sign up for our morning newsletter and get the day’s top stories in your inbox.',
  'Get the latest headlines delivered to your inbox: subscribe to our daily briefing.',
  'Want more stories like this? Sign up for our free newsletter.',
  'Never miss a story: subscribe to breaking news alerts.',
];
const COPYRIGHT_LINES = [
  '© 2018 Thomson Reuters. All rights reserved.',
  'Copyright 2017 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  '(c) Agence France-Presse',
  'Copyright © 2016 dpa. All rights reserved.',
];
const EDIT_WORDS = ['reportedly', 'officials', 'late', 'now', 'local', 'again', 'also', 'earlier'];

/** A republished copy with every kind of edit from the issue. */
function republish(doc: CorpusDoc, random: () => number): CorpusDoc {
  const paragraphs = doc.text.split(/\n+/).filter((p) => p.trim() !== '');
  if (paragraphs.length === 0) paragraphs.push(doc.title);
  // Cut 1–3 closing paragraphs, but a copy keeps at least half of the words: a two-line item
  // cut to its dateline is no longer a republished story.
  const words = (list: string[]): number => list.join(' ').split(/\s+/).length;
  let cut = 1 + Math.floor(random() * 3);
  while (cut > 0 && words(paragraphs.slice(0, paragraphs.length - cut)) < words(paragraphs) / 2) cut -= 1;
  const kept = paragraphs.slice(0, paragraphs.length - cut);
  const edits = 1 + Math.floor(random() * 2);
  for (let e = 0; e < edits; e += 1) {
    const p = Math.floor(random() * kept.length);
    const tokens = (kept[p] as string).split(' ');
    const w = Math.floor(random() * tokens.length);
    if (random() < 0.5) tokens.splice(w, 1);
    else tokens.splice(w, 0, EDIT_WORDS[Math.floor(random() * EDIT_WORDS.length)] as string);
    kept[p] = tokens.join(' ');
  }
  const city = pick(CITIES, random);
  const agency = pick(AGENCIES, random);
  const dateline = `${city}, ${pick(MONTHS, random)} ${1 + Math.floor(random() * 28)} (${agency}) - `;
  kept[0] = dateline + (kept[0] as string);
  kept.push(`(Reporting by ${agency} staff; editing by the ${city.toLowerCase()} desk)`);
  kept.push(pick(NEWSLETTER_LINES, random));
  kept.push(pick(COPYRIGHT_LINES, random));
  const lead = (paragraphs[0] ?? doc.title).split(' ').slice(0, 6 + Math.floor(random() * 5)).join(' ');
  return { ...doc, id: `${doc.id}#copy`, title: `${agency}: ${lead}`, text: kept.join('\n\n') };
}

function benchScale(aliases: AliasTable): string[] {
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

  const articles = 100_000;
  const vocabulary = Array.from({ length: 30_000 }, (_, i) => `w${i.toString(36)}`);
  const story = createStoryIndex({ windowHours: 72, aliases });
  let generatedMs = 0;
  let assignedMs = 0;
  let assignedCpu = 0;
  for (let i = 0; i < articles; i += 1) {
    const t0 = performance.now();
    const event = Math.floor(i / 5) + Math.floor(random() * 3);
    const words: string[] = [];
    for (let w = 0; w < 300; w += 1) {
      const own = random() < 0.3;
      const rank = own ? event * 7 + Math.floor(random() * 20) : Math.floor(vocabulary.length ** random()) - 1;
      words.push(vocabulary[rank % vocabulary.length] as string);
    }
    const seenAt = new Date(BASE_TIME + i * 20_000).toISOString();
    const doc: StoryDoc = { id: `a${i}`, title: words.slice(0, 8).join(' '), text: words.join(' '), publishedAt: null, seenAt, source: null };
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    story.assign(doc);
    const c2 = process.cpuUsage(c1);
    assignedCpu += (c2.user + c2.system) / 1000;
    assignedMs += performance.now() - t1;
    generatedMs += t1 - t0;
  }
  const rate = articles / (assignedMs / 1000);
  const snapshotBytes = JSON.stringify(story.snapshot()).length;
  process.stdout.write(
    `== scale: ${articles} articles through the story stage (72 h window, one every 20 s): ${rate.toFixed(0)} articles/s wall, ` +
      `${(articles / (assignedCpu / 1000)).toFixed(0)} per CPU second, load average ${loadavg()[0]?.toFixed(1)} ` +
      `(generation ${(generatedMs / 1000).toFixed(1)} s excluded), snapshot ${(snapshotBytes / 2 ** 20).toFixed(1)} MB\n`,
  );
  if (rate < 2000) failures.push(`scale: story stage ${rate.toFixed(0)} articles/s < 2000`);
  return failures;
}

/** A callable gc without a command-line flag (the npm script runs plain tsx). */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function toStoryDoc(doc: CorpusDoc, offsetHours: number): StoryDoc {
  const seenAt = doc.publishedAt !== null ? doc.publishedAt : new Date(BASE_TIME + offsetHours * 3_600_000).toISOString();
  return { id: doc.id, title: doc.title, text: doc.text, publishedAt: doc.publishedAt, seenAt, source: doc.source };
}

function readCorpus(path: string): CorpusDoc[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const raw = JSON.parse(line) as Record<string, unknown>;
      return {
        id: String(raw['id']),
        title: typeof raw['title'] === 'string' ? raw['title'] : '',
        text: typeof raw['text'] === 'string' ? raw['text'] : '',
        publishedAt: typeof raw['publishedAt'] === 'string' ? raw['publishedAt'] : null,
        source: typeof raw['source'] === 'string' ? raw['source'] : null,
        gold: String(raw['gold']),
      };
    });
}

function chronological(docs: CorpusDoc[]): CorpusDoc[] {
  return [...docs].sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.id.localeCompare(b.id));
}

function shuffle(docs: CorpusDoc[], seed: number): CorpusDoc[] {
  const random = seededRandom(seed);
  const out = [...docs];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as CorpusDoc, out[i] as CorpusDoc];
  }
  return out;
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}

function groupIndexes(labels: string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = groups.get(label);
    if (list === undefined) groups.set(label, [i]);
    else list.push(i);
  });
  return groups;
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function mean(list: Scores[]): Scores {
  const keys = ['pairP', 'pairR', 'pairF1', 'b3P', 'b3R', 'b3F1', 'groups', 'gold'] as const;
  const out = {} as Scores;
  for (const k of keys) out[k] = list.reduce((s, x) => s + x[k], 0) / list.length;
  return out;
}

function formatScores(s: Scores): string {
  const f = (x: number): string => x.toFixed(3);
  return `pairwise P ${f(s.pairP)} R ${f(s.pairR)} F1 ${f(s.pairF1)} | B-cubed P ${f(s.b3P)} R ${f(s.b3R)} F1 ${f(s.b3F1)} | groups ${s.groups.toFixed(1)} (gold ${s.gold})`;
}

main();
