/**
 * Story index digest: a hash of every assignment and of the final state over a synthetic stream,
 * straight through and across checkpoint/restore, so a change to the index's storage or speed can
 * show it groups exactly as before (run it on the old and the new code; the digests must agree).
 *
 *   npx tsx bench/story-digest.ts [--n 4000] [--window-hours 8] [--memory-days 1] [--restore-every 700]
 *
 * The stream: events of a few reports over a Zipf vocabulary (as bench:growth --scale), one in
 * eight a syndicated copy of an earlier report with a word changed, one in forty an interstitial,
 * one in sixty re-sent under an id already seen; a window far shorter than the stream, so articles
 * leave it and stories come back through the story memory. Prints one line per way of running:
 * the digest of the assignments, of the final snapshot (JSON, format-independent), and counts.
 * Exits 1 when the ways disagree.
 */
import { createHash } from 'node:crypto';
import { createStoryIndex, replayStoryIndex, storyIndexInputOf, type StoryDoc, type StoryIndex, type StoryIndexInput, type StoryIndexOptions, type StoryIndexSnapshot } from '../src/fingerprint/index.js';
import { DEFAULT_STORIES } from '../src/config/index.js';
import { loadAliases, storyIndexOptions } from '../src/ops/index.js';
import { seededRandom } from '../tests/support/seeded-random.js';
import { digestStream } from './story-digest-stream.js';

const args = process.argv.slice(2);
const num = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : Number.NaN;
  return Number.isFinite(v) ? v : fallback;
};
const n = num('n', 4000);
const every = num('restore-every', 700);
const options: StoryIndexOptions = {
  ...(await storyIndexOptions({ stories: { ...DEFAULT_STORIES, windowHours: num('window-hours', 8), memoryDays: num('memory-days', 1) } }, await loadAliases(null))),
};
const docs = digestStream(n, seededRandom(2026));

// Taking an image sweeps the window (what left it is let go at once), so an index that checkpoints
// is compared with the ones restored from its checkpoints; "straight" never checkpoints.
const ways: [string, (index: StoryIndex) => StoryIndex][] = [
  ['straight', (index) => index],
  [
    'checkpointed',
    (index) => {
      for (const _block of index.image().blocks);
      return index;
    },
  ],
  ['image', (index) => createStoryIndex(options, index.image())],
  ['json', (index) => createStoryIndex(options, JSON.parse(JSON.stringify(index.snapshot())) as StoryIndexSnapshot)],
  // As a restart: the previous checkpoint's image, then the inputs logged since (JSON, as the log
  // holds them), replayed with their traces and without.
  ['replayed', (index) => replayed(index, true)],
  ['untraced', (index) => replayed(index, false)],
];
/** The last checkpoint's image and the inputs logged since (the replaying ways). */
let checkpoint: Buffer[] = [];
let logged: StoryIndexInput[] = [];
function replayed(index: StoryIndex, traced: boolean): StoryIndex {
  const restarted = createStoryIndex(options, { live: 0, blocks: checkpoint });
  // Traced as the commit logs it (storyIndexInputOf: with its tokens, without its text).
  replayStoryIndex(restarted, logged.map((input) => JSON.parse(JSON.stringify(traced ? storyIndexInputOf(input.doc, input.trace ?? null) : { doc: input.doc, placement: null })) as StoryIndexInput));
  checkpoint = [...restarted.image().blocks].map((b) => Buffer.from(b));
  logged = [];
  return restarted;
}
const lines: string[] = [];
for (const [name, restart] of ways) {
  const started = process.cpuUsage();
  let index = createStoryIndex(options);
  checkpoint = [...index.image().blocks].map((b) => Buffer.from(b));
  logged = [];
  const assignments = createHash('sha256');
  const counts = { new: 0, duplicate: 0, similar: 0, moved: 0, crossLanguage: 0, memory: 0 };
  for (let i = 0; i < docs.length; i += 1) {
    if (name !== 'straight' && i > 0 && i % every === 0) index = restart(index);
    const a = index.assign(docs[i] as StoryDoc);
    const trace = index.lastTrace();
    logged.push(trace === null ? { doc: docs[i] as StoryDoc, placement: null } : { doc: docs[i] as StoryDoc, placement: null, trace });
    assignments.update(canonical(a)).update('\n');
    counts[a.reason] += 1;
    counts.moved += a.moved.length;
    if (a.via === 'cross-language') counts.crossLanguage += 1;
    if (a.via === 'memory') counts.memory += 1;
  }
  const state = createHash('sha256').update(canonical(index.snapshot())).digest('hex').slice(0, 16);
  const cpu = process.cpuUsage(started);
  const line = `assignments ${assignments.digest('hex').slice(0, 16)} state ${state} ${JSON.stringify(counts)}`;
  lines.push(line);
  process.stdout.write(`${name.padEnd(12)} ${line} (${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU-s)\n`);
}
const same = lines.slice(1).every((l) => l === lines[1]);
process.stdout.write(same ? 'checkpointed and restored agree\n' : 'checkpointed and restored DISAGREE\n');
process.exitCode = same ? 0 : 1;

/** JSON with keys sorted: a restored entry's assignment holds the same fields in another order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
