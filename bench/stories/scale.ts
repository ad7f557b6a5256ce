/**
 * `--scale` of the stories bench: 1,000,000 synthetic fingerprints through the simhash index, then
 * a synthetic stream through the whole story stage (language identification and segmentation
 * included) with a 72 h window and the default story memory.
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createStoryIndex, SimhashIndex, type AliasTable, type LanguageDetector, type StoryDoc } from '../../src/fingerprint/index.js';
import { seededRandom } from '../../tests/support/seeded-random.js';
import { BASE_TIME } from './corpus.js';

/** Runs both scale checks; returns the failures `--check` reports. */
export function benchScale(aliases: AliasTable, languageDetector: LanguageDetector): string[] {
  return [...benchFingerprints(), ...benchStoryStage(aliases, languageDetector)];
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

function benchStoryStage(aliases: AliasTable, languageDetector: LanguageDetector): string[] {
  const failures: string[] = [];
  const random = seededRandom(77);
  const articles = 100_000;
  const vocabulary = Array.from({ length: 30_000 }, (_, i) => `w${i.toString(36)}`);
  const story = createStoryIndex({ windowHours: 72, aliases, languageDetector });
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
