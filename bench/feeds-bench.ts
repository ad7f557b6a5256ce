/**
 * Feed parsing benchmark: throughput of parseFeed on a generated 2 MB RSS 2.0 feed and on every feed
 * of a corpus directory, in MB/s and items/s, on one core (this process, synchronous); and of the
 * news sitemap parser on a generated 50,000-URL news sitemap (the protocol's largest file), parsed
 * in slices as a crawl parses it, beside htmlparser2's bare tokenizer on the same text as the baseline.
 *
 *   npm run bench:feeds -- [--corpus ../shared/corpus/feeds] [--check] [--compare-rss-parser]
 *
 * --check fails (exit 1) when the generated-feed or the sitemap throughput per CPU second (median
 * pass) is below 20 MB/s (issues 4 and 17: "on one core"; wall-clock best and median are printed
 * too) or a corpus file does not parse. A feed or sitemap run below 20 MB/s still passes when it costs at
 * most 7× htmlparser2's bare tokenizer on the same text, passes interleaved (feed 4.1-5.2×, sitemap 5.0-6.4×
 * since the floor was set): the machine, not the parser, was slower. --compare-rss-parser also runs rss-parser 3.13.0 on the same corpus, fed with text
 * decoded by our decodeBytes and cleaned by our pre-parse repairs, and prints the comparison table
 * recorded in docs/notes/feeds.md, for the corpus and for our fixtures/feeds cases.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Parser as HtmlParser } from 'htmlparser2';
import Parser from 'rss-parser';
import { decodeBytes } from '../src/encoding/index.js';
import { isWiredeskError } from '../src/errors/index.js';
import { parseFeed, parseSitemapInSlices } from '../src/feeds/index.js';
import { prepareXmlText } from '../src/feeds/prepare-text.js';
import { generateNewsSitemap } from '../tests/support/generate-news-sitemap.js';

const FLOOR_MB_PER_S = 20;
/** The sitemap parser's CPU against the bare tokenizer's: 5.0-5.5× when the floor was set, 4.0-6.4× on a slower machine since (a regression floor). */
const MAX_TOKENIZER_RATIO = 7;
const FETCHED_AT = new Date('2026-01-01T00:00:00Z');

interface Throughput {
  /** MB in one pass over the inputs. */
  mb: number;
  /** Items in one pass. */
  items: number;
  runs: number;
  /** Wall seconds of the fastest and the median pass: on a shared machine the fastest is the one core's capability. */
  best: number;
  median: number;
  /** Median CPU seconds (user + system) of a pass: what the work costs, whatever else the machine is doing. */
  cpuMedian: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: '../shared/corpus/feeds' },
      check: { type: 'boolean', default: false },
      'compare-rss-parser': { type: 'boolean', default: false },
    },
  });
  let failures = 0;

  const generated = generateRss(2 * 1024 * 1024);
  const gen = measure([generated], 2);
  // "On one core": the CPU time a pass costs, which stays meaningful when the machine is oversubscribed
  // (wall time then mostly measures waiting for a core). GC helper threads count too, so it errs low.
  const genRate = gen.mb / gen.cpuMedian;
  console.log(`generated RSS 2.0: ${gen.mb.toFixed(2)} MB, ${gen.items} items`);
  console.log(`  parseFeed: ${report(gen)}`);
  if (genRate < FLOOR_MB_PER_S) failures += feedAgainstTokenizer(generated);

  if (values['compare-rss-parser']) {
    const text = new TextDecoder().decode(generated);
    const rssParser = new Parser();
    await rssParser.parseString(text);
    const passes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await rssParser.parseString(text);
      passes.push((performance.now() - start) / 1000);
    }
    passes.sort((a, b) => a - b);
    const mb = generated.length / 1e6;
    console.log(`  rss-parser (same text, decoded for it): best pass ${(mb / (passes[0] ?? 1)).toFixed(1)} MB/s; median ${(mb / (passes[2] ?? 1)).toFixed(1)} MB/s`);
  }

  failures += await benchSitemap();

  const corpusDir = values.corpus ?? '';
  if (existsSync(corpusDir)) {
    const files = readdirSync(corpusDir).filter((name) => /\.(xml|json)$/i.test(name)).sort();
    const inputs = files.map((name) => new Uint8Array(readFileSync(join(corpusDir, name))));
    const outcomes = inputs.map((input) => tryParse(input));
    // Bad input (empty, binary, not a feed) rejected with a typed error is the parser doing its job; an untyped throw is a bug.
    const rejected = files.flatMap((file, i) => (typeof outcomes[i] === 'string' ? [`${file} ${outcomes[i]}`] : []));
    const broken = files.filter((_, i) => outcomes[i] === null);
    const corpus = measure(inputs, 2);
    console.log(`corpus ${corpusDir}: ${files.length} files, ${corpus.mb.toFixed(2)} MB, ${corpus.items} items`);
    console.log(`  parseFeed: ${report(corpus)}`);
    if (rejected.length > 0) console.log(`  rejected with a typed error (not feeds): ${rejected.join(', ')}`);
    if (broken.length > 0) {
      console.log(`  FAILED TO PARSE (untyped error): ${broken.join(', ')}`);
      failures++;
    }
    if (values['compare-rss-parser']) await compareRssParser(corpusDir, files, inputs);
  } else {
    console.log(`corpus ${corpusDir}: not found, skipped`);
  }
  if (values['compare-rss-parser']) {
    // Our own fixtures hold the failure modes the corpus lacks (a bad Atom date, HTML entities, bare &…).
    const fixtureDir = 'fixtures/feeds';
    const cases = readdirSync(fixtureDir).filter((name) => existsSync(join(fixtureDir, name, 'feed.xml'))).sort();
    await compareRssParser(fixtureDir, cases, cases.map((name) => new Uint8Array(readFileSync(join(fixtureDir, name, 'feed.xml')))));
  }
  console.log('note: measured on a shared 2-core machine; numbers are pessimistic.');
  return values.check && failures > 0 ? 1 : 0;
}

/**
 * The news sitemap parser on a generated 50,000-URL news sitemap, in slices with a real event-loop
 * turn between them (as the crawler runs it), beside htmlparser2's Parser with no handlers on the
 * same decoded text: the ratio says what reading the entries costs over tokenizing alone.
 */
async function benchSitemap(): Promise<number> {
  const bytes = generateNewsSitemap(50_000);
  const mb = bytes.length / 1e6;
  const text = new TextDecoder().decode(bytes);
  const parse = async (): Promise<number> =>
    (await parseSitemapInSlices(bytes, { fetchedAt: FETCHED_AT, pause: () => new Promise((resolve) => setImmediate(resolve)) })).items.length;
  const entries = await parse();
  // Passes interleaved, ours then the tokenizer's, so both see the same machine (a busy one slows both).
  const { ours, baseline } = await interleavedPasses(parse, async () => {
    new HtmlParser({}, { xmlMode: true, decodeEntities: false }).end(text);
    return 0;
  }, 5, 5);
  const rate = mb / ours.cpuMedian;
  console.log(`generated news sitemap: ${mb.toFixed(1)} MB, ${entries} URLs`);
  console.log(
    `  parseSitemapInSlices: per CPU second (median) ${rate.toFixed(1)} MB/s, ${Math.round(entries / ours.cpuMedian)} URLs/s; best wall pass ${(mb / ours.best).toFixed(1)} MB/s (${ours.runs} passes)`,
  );
  console.log(`  baseline htmlparser2 tokenizing alone: ${(mb / baseline.cpuMedian).toFixed(1)} MB/s per CPU second; sitemap parse costs ${(ours.cpuMedian / baseline.cpuMedian).toFixed(2)}× the tokenizer`);
  if (rate >= FLOOR_MB_PER_S) return 0;
  // The floor was set where the bare tokenizer ran ~110-150 MB/s; on a slower or busier machine the
  // same code is held to the ratio it had there (the brief: speed as a ratio against the baseline
  // measured in the same run).
  const ratio = ours.cpuMedian / baseline.cpuMedian;
  if (ratio <= MAX_TOKENIZER_RATIO) {
    console.log(`  below ${FLOOR_MB_PER_S} MB/s on this machine (the bare tokenizer runs ${(mb / baseline.cpuMedian).toFixed(1)} MB/s), within ${MAX_TOKENIZER_RATIO}× the tokenizer: passes`);
    return 0;
  }
  console.log(`  BELOW FLOOR ${FLOOR_MB_PER_S} MB/s and over ${MAX_TOKENIZER_RATIO}× the tokenizer`);
  return 1;
}

/** Median CPU seconds and best wall seconds of `run`, repeated `minPasses` times or for `minSeconds`, after a warm-up. */
interface Passes {
  cpuMedian: number;
  best: number;
  runs: number;
}

/** Alternating passes of `a` and `b` after one warm-up each, at least `minPasses` each and `minSeconds` of `a`. */
async function interleavedPasses(a: () => Promise<number>, b: () => Promise<number>, minPasses: number, minSeconds: number): Promise<{ ours: Passes; baseline: Passes }> {
  await a();
  await b();
  const runs = [{ cpu: [] as number[], wall: [] as number[] }, { cpu: [] as number[], wall: [] as number[] }];
  let total = 0;
  while (runs[0]!.cpu.length < minPasses || (total < minSeconds && runs[0]!.cpu.length < 50)) {
    for (const [i, run] of [a, b].entries()) {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      await run();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const used = process.cpuUsage(cpuStart);
      runs[i]!.cpu.push((used.user + used.system) / 1e6);
      runs[i]!.wall.push(seconds);
      if (i === 0) total += seconds;
    }
  }
  const summary = ({ cpu, wall }: { cpu: number[]; wall: number[] }): Passes => {
    const sorted = [...cpu].sort((x, y) => x - y);
    return { cpuMedian: sorted[Math.floor(sorted.length / 2)] ?? total, best: Math.min(...wall), runs: cpu.length };
  };
  return { ours: summary(runs[0]!), baseline: summary(runs[1]!) };
}

/**
 * Below the floor, the feed parser is held, as the sitemap parser is, to the ratio it has to htmlparser2's bare
 * tokenizer on the same text (4.1-4.6× when this was added), passes interleaved so both see the same machine: a
 * busy shared machine halves MB per CPU-second for both (CI once read 16 MB/s where the same code read 34).
 */
function feedAgainstTokenizer(bytes: Uint8Array): number {
  const text = new TextDecoder().decode(bytes);
  const ours: number[] = [];
  const bare: number[] = [];
  const cpuOf = (run: () => void): number => {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
  for (let i = 0; i < 11; i++) {
    ours.push(cpuOf(() => tryParse(bytes)));
    bare.push(cpuOf(() => new HtmlParser({}, { xmlMode: true, decodeEntities: false }).end(text)));
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const ratio = median(ours) / median(bare);
  const mb = bytes.length / 1e6;
  console.log(`  below ${FLOOR_MB_PER_S} MB/s on this machine; interleaved with htmlparser2's bare tokenizer (${(mb / median(bare)).toFixed(1)} MB/s per CPU second) it costs ${ratio.toFixed(2)}× the tokenizer`);
  if (ratio <= MAX_TOKENIZER_RATIO) return 0;
  console.log(`  BELOW FLOOR ${FLOOR_MB_PER_S} MB/s and over ${MAX_TOKENIZER_RATIO}× the tokenizer`);
  return 1;
}

/** Parses all inputs once per pass, passes repeated for at least `minSeconds` after one warm-up pass. */
function measure(inputs: Uint8Array[], minSeconds: number): Throughput {
  const bytes = inputs.reduce((sum, input) => sum + input.length, 0);
  let items = 0;
  for (const input of inputs) {
    const parsed = tryParse(input);
    if (typeof parsed === 'number') items += parsed;
  }
  const passes: number[] = [];
  const cpuPasses: number[] = [];
  let total = 0;
  while ((total < minSeconds || passes.length < 5) && passes.length < 10_000) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (const input of inputs) tryParse(input);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    passes.push(seconds);
    cpuPasses.push((cpu.user + cpu.system) / 1e6);
    total += seconds;
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? total;
  return { mb: bytes / 1e6, items, runs: passes.length, best: Math.min(...passes), median: median(passes), cpuMedian: median(cpuPasses) };
}

function report(t: Throughput): string {
  const rate = (seconds: number): string => `${(t.mb / seconds).toFixed(1)} MB/s, ${Math.round(t.items / seconds)} items/s`;
  return `best pass ${rate(t.best)}; median ${rate(t.median)}; per CPU second (median) ${rate(t.cpuMedian)} (${t.runs} passes, one thread)`;
}

/** Items parsed; the error's code when the parser rejected the input with a typed error; null when it threw anything else. */
function tryParse(input: Uint8Array): number | string | null {
  try {
    return parseFeed(input, { contentType: null, baseUrl: null, fetchedAt: FETCHED_AT }).items.length;
  } catch (error) {
    return isWiredeskError(error) ? error.code : null;
  }
}

/** A realistic agency feed: escaped HTML descriptions, CDATA content, dc/media namespaces, non-ASCII text. */
function generateRss(targetBytes: number): Uint8Array {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">\n<channel><title>Bench Wire</title><link>https://bench.example.com/</link><language>en</language><ttl>5</ttl>\n',
  ];
  let size = parts[0]?.length ?? 0;
  const words = ['government', 'minister', 'élection', 'Zürich', 'markets', 'القاهرة', 'Москва', 'agreement', 'talks', 'rally', 'storm', 'court'];
  for (let i = 0; size < targetBytes; i++) {
    const w = (k: number): string => words[(i * 7 + k) % words.length] ?? 'news';
    const paragraph = Array.from({ length: 12 }, (_, k) => `${w(k)} ${w(k + 3)} said on ${w(k + 5)}`).join(', ');
    const item = `<item><title>${w(0)} &amp; ${w(1)}: ${w(2)} update ${i}</title><link>https://bench.example.com/news/${i}?utm_source=rss&amp;utm_medium=feed</link><guid isPermaLink="false">bench-${i}</guid><pubDate>Tue, 05 Mar 2024 ${String(i % 24).padStart(2, '0')}:15:00 +0100</pubDate><dc:creator>Reporter ${i % 17}</dc:creator><category domain="https://bench.example.com/topics">${w(4)}</category><description>&lt;p&gt;${paragraph}.&lt;/p&gt;</description><content:encoded><![CDATA[<p>${paragraph}.</p><p>${paragraph}.</p>]]></content:encoded><media:content url="https://cdn.bench.example.com/${i}.jpg" type="image/jpeg" width="1200" height="800"/><enclosure url="https://cdn.bench.example.com/${i}.jpg" type="image/jpeg" length="1"/></item>\n`;
    parts.push(item);
    size += Buffer.byteLength(item);
  }
  parts.push('</channel></rss>\n');
  return new Uint8Array(Buffer.from(parts.join(''), 'utf8'));
}

const MOJIBAKE = /\uFFFD|â€.|[ÃÐÑØ][\u0080-\u00BF]/u;

/**
 * rss-parser 3.13.0 given the best chance: our decoding and pre-parse repairs (junk before the root,
 * control characters) done first, then its parseString. Prints one row per file next to parseFeed's.
 */
async function compareRssParser(dir: string, files: string[], inputs: Uint8Array[]): Promise<void> {
  const rssParser = new Parser();
  console.log('\n| file | parseFeed items | parseFeed dated | rss-parser items | rss-parser dated | rss-parser problem |');
  console.log('|---|---|---|---|---|---|');
  let oursMs = 0;
  let theirsMs = 0;
  let theirsOk = 0;
  for (const [i, file] of files.entries()) {
    const bytes = inputs[i] ?? new Uint8Array();
    let ours = '-';
    let oursDated = '-';
    let t = performance.now();
    try {
      const parsed = parseFeed(bytes, { contentType: null, baseUrl: null, fetchedAt: FETCHED_AT });
      ours = String(parsed.items.length);
      oursDated = String(parsed.items.filter((item) => item.publishedAt !== null).length);
    } catch (error) {
      ours = `ERR ${(error as Error).message.slice(0, 40)}`;
    }
    oursMs += performance.now() - t;
    const text = prepareXmlText(decodeBytes(bytes, { kind: 'xml' }).text).text;
    t = performance.now();
    let theirs = '-';
    let theirsDated = '-';
    let problem = '';
    try {
      const feed = await rssParser.parseString(text);
      theirs = String(feed.items.length);
      theirsDated = String(feed.items.filter((item) => item.isoDate !== undefined).length);
      if (feed.items.some((item) => MOJIBAKE.test(`${item.title ?? ''} ${item.contentSnippet ?? ''}`))) problem = 'mojibake';
      else theirsOk++;
    } catch (error) {
      problem = `ERR ${(error as Error).message.split('\n')[0]?.slice(0, 60) ?? ''}`;
    }
    theirsMs += performance.now() - t;
    console.log(`| ${file} | ${ours} | ${oursDated} | ${theirs} | ${theirsDated} | ${problem} |`);
  }
  console.log(`\nrss-parser read ${theirsOk}/${files.length} files without error; one pass: parseFeed ${oursMs.toFixed(0)} ms, rss-parser ${theirsMs.toFixed(0)} ms (${dir})`);
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
