/**
 * Time-bounded fuzzing of the feed and sitemap parsers for slowness and untyped failures (issue 18 #1):
 *
 *   npm run fuzz:feeds -- [--seconds 60] [--seed 1] [--limit-s-per-mb 2] [--save .fuzz-failures]
 *
 * Inputs are our fixtures (fixtures/feeds, fixtures/sitemaps) mutated at random: bytes flipped,
 * cut, slices duplicated, and, to find anything superlinear, a random slice or a markup token known to
 * stress parsers (`<!--`, `<b>`, `&#`, `<link `, CDATA, namespace declarations, …) repeated up to
 * 2 MB at a random place. Each input is parsed once and its CPU time measured; one that takes more
 * than `--limit-s-per-mb` seconds per MB (at least 50 ms, so a garbage-collection pause on a tiny
 * input does not count) is retried twice and fails only if every try is slow. Any error other than
 * a WiredeskError fails too. Failing inputs, and the slowest one, are written to `--save` for a repro.
 * Exit 1 on any failure.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isWiredeskError } from '../src/errors/index.js';
import { parseFeed, parseSitemap } from '../src/feeds/index.js';
import { seededRandom } from '../tests/support/seeded-random.js';

const FETCHED_AT = new Date('2024-03-06T00:00:00Z');
/** Below this much CPU time no input fails: tiny inputs are dominated by timer and GC noise. */
const FLOOR_SECONDS = 0.05;
const MAX_AMPLIFIED_BYTES = 2 * 1024 * 1024;
const TOKENS = [
  '<!--', '-->', '<![CDATA[', ']]>', '<b>', '</b>', '<item>', '</item>', '<entry>', '<a href="x">', '<link ', '<base href=',
  '<script>', '<style>', '&', '&#', '&#x', '&amp;', '&amp;#0;', '&nbsp;', '&#150;', '<x:y xmlns:x="u">', ' xmlns:a="b"', ' a="&amp;"',
  'a@', '@(', '<?xml ', '<!DOCTYPE x [', '<url><loc>https://x.example/a</loc>', '<news:news>', '<sitemap><loc>', '<', '>', '"', "'",
  '\u0000', '\u0092', '\ufeff', 'é', '<p>', '</p>', '<br>', '<title>', '</title>', 'GMT+', '2024-03-05T', 'Tue, 05 Mar',
];

interface Failure {
  kind: 'slow' | 'threw';
  target: string;
  what: string;
  bytes: number;
  detail: string;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string', default: '1' },
      'limit-s-per-mb': { type: 'string', default: '2' },
      save: { type: 'string', default: '.fuzz-failures' },
    },
  });
  const seconds = Number(values.seconds);
  const limit = Number(values['limit-s-per-mb']);
  const random = seededRandom(Number(values.seed));
  const seeds = loadSeeds();
  const failures: Failure[] = [];
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  let inputs = 0;
  let megabytes = 0;
  let worst = { secondsPerMb: 0, what: '', bytes: 0 };
  let worstInput: Uint8Array | null = null;
  while (process.hrtime.bigint() < deadline) {
    const seed = seeds[Math.floor(random() * seeds.length)];
    if (seed === undefined) break;
    const { bytes, what } = mutate(seed.bytes, random);
    const label = `${seed.name}: ${what}`;
    const result = timed(seed.target, bytes);
    inputs++;
    megabytes += bytes.length / 1e6;
    if (result.error !== null) {
      failures.push({ kind: 'threw', target: seed.target, what: label, bytes: bytes.length, detail: result.error });
      save(values.save ?? '', failures.length, bytes);
      continue;
    }
    const budget = Math.max(FLOOR_SECONDS, (limit * bytes.length) / 1e6);
    let cpu = result.cpu;
    // A slow input is tried again: only one that is slow every time is a finding.
    for (let retry = 0; cpu > budget && retry < 2; retry++) cpu = Math.min(cpu, timed(seed.target, bytes).cpu);
    const secondsPerMb = cpu / Math.max(bytes.length / 1e6, 1e-9);
    if (cpu > FLOOR_SECONDS && secondsPerMb > worst.secondsPerMb) {
      worst = { secondsPerMb, what: label, bytes: bytes.length };
      worstInput = bytes;
    }
    if (cpu > budget) {
      failures.push({ kind: 'slow', target: seed.target, what: label, bytes: bytes.length, detail: `${cpu.toFixed(2)} CPU-s (${secondsPerMb.toFixed(2)} s/MB)` });
      save(values.save ?? '', failures.length, bytes);
    }
  }
  // The slowest input is kept too: the next finding is usually its neighbour.
  if (worstInput !== null && values.save !== undefined && values.save !== '') {
    mkdirSync(values.save, { recursive: true });
    writeFileSync(join(values.save, 'slowest.bin'), worstInput);
  }
  console.log(`fuzz:feeds: ${inputs} inputs, ${megabytes.toFixed(1)} MB, ${seconds} s, seed ${values.seed}, limit ${limit} s/MB (floor ${FLOOR_SECONDS * 1000} ms)`);
  console.log(`  slowest input over the floor: ${worst.bytes === 0 ? 'none' : `${worst.secondsPerMb.toFixed(3)} s/MB (${worst.bytes} bytes; ${worst.what})`}`);
  for (const failure of failures.slice(0, 20)) console.log(`  FAIL ${failure.kind} [${failure.target}] ${failure.what} (${failure.bytes} bytes): ${failure.detail}`);
  console.log(`${inputs - failures.length} passed, ${failures.length} failed`);
  return failures.length > 0 ? 1 : 0;
}

interface Seed {
  name: string;
  target: 'feed' | 'sitemap';
  bytes: Uint8Array;
}

function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  for (const [root, target, files] of [
    ['fixtures/feeds', 'feed', ['feed.xml', 'feed.json', 'feed.bin']],
    ['fixtures/sitemaps', 'sitemap', ['sitemap.xml']],
  ] as const) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      for (const file of files) {
        const path = join(root, name, file);
        if (existsSync(path)) seeds.push({ name: `${target}/${name}`, target, bytes: new Uint8Array(readFileSync(path)) });
      }
    }
  }
  return seeds;
}

/** CPU seconds of one parse (garbage collection included), and the message of any non-typed error. */
function timed(target: 'feed' | 'sitemap', bytes: Uint8Array): { cpu: number; error: string | null } {
  const start = process.cpuUsage();
  let error: string | null = null;
  try {
    if (target === 'feed') parseFeed(bytes, { contentType: null, baseUrl: 'https://fuzz.example/feed', fetchedAt: FETCHED_AT });
    else parseSitemap(bytes, { contentType: null, baseUrl: 'https://fuzz.example/sitemap.xml', fetchedAt: FETCHED_AT });
  } catch (caught) {
    if (!isWiredeskError(caught)) error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
  }
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1e6, error };
}

function mutate(seed: Uint8Array, random: () => number): { bytes: Uint8Array; what: string } {
  const at = Math.floor(random() * (seed.length + 1));
  const choice = random();
  if (choice < 0.2) {
    const bytes = seed.slice();
    const flips = 1 + Math.floor(random() * 8);
    for (let i = 0; i < flips && bytes.length > 0; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    return { bytes, what: `${flips} byte flips` };
  }
  if (choice < 0.3) return { bytes: seed.slice(0, at), what: `cut at ${at}` };
  if (choice < 0.45) {
    const start = Math.floor(random() * seed.length);
    const slice = seed.slice(start, start + 1 + Math.floor(random() * 512));
    return { bytes: concat(seed.subarray(0, at), slice, seed.subarray(at)), what: `duplicated ${slice.length} bytes at ${at}` };
  }
  // Amplification: whatever is superlinear in a parser shows on a long run of one pattern.
  const unit =
    random() < 0.6
      ? new TextEncoder().encode(TOKENS[Math.floor(random() * TOKENS.length)] ?? '<')
      : seed.slice(Math.floor(random() * seed.length)).slice(0, 1 + Math.floor(random() * 64));
  if (unit.length === 0) return { bytes: seed, what: 'unchanged' };
  const target = 16 * 1024 * 2 ** Math.floor(random() * 8); // 16 KB … 2 MB
  const count = Math.max(1, Math.floor(Math.min(target, MAX_AMPLIFIED_BYTES) / unit.length));
  const run = new Uint8Array(unit.length * count);
  for (let i = 0; i < count; i++) run.set(unit, i * unit.length);
  const label = JSON.stringify(new TextDecoder().decode(unit.subarray(0, 24)));
  return { bytes: concat(seed.subarray(0, at), run, seed.subarray(at)), what: `${label} ×${count} at ${at}` };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function save(dir: string, index: number, bytes: Uint8Array): void {
  if (dir === '') return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `failure-${index}.bin`), bytes);
}

process.exitCode = main();
