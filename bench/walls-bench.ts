/**
 * How the interstitial classifier (src/extract/classify) does on text it was not written from.
 *
 *   npm run bench:walls -- --extraction DIR[,DIR] --stories DIR [--probe FILE,...] [--fixtures DIR] [--verbose] [--check]
 *
 * - Articles (every one must stay an article): each extraction corpus page as extraction judges it (its gold body,
 *   the page's title and signals), then at its worst (an empty body, so the whole page's text is judged), then its
 *   gold body cut to 40 / 80 / 150 words; each labelled stories article (ECB+, Giveme5W1H: title and text, and its
 *   first 60 words).
 * - Walls: the fixtures/interstitials pages through `extractArticle` (kind as expected.json says), and probe files
 *   (`{walls: [kind, title, text][], articles: [title, text][]}`, texts written apart from the classifier's lists;
 *   fixtures/wall-texts/ by default).
 * - Pair-set texts (SemEval: scrapes known to hold walls, not labelled as such): how many are taken for walls, by kind.
 *
 * `--check` fails on any article taken for a wall in the corpora, the fixtures or the probes, and on a fixture given the
 * wrong kind. Walls the probes miss are printed (`--verbose` names them), not checked: they measure reach.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { classifyPage, extractArticle } from '../src/extract/index.js';
import { readPageSignals } from '../src/extract/classify/index.js';
import { parseFastTree } from '../src/extract/dom/fast-tree.js';
import { collectPageFacts } from '../src/extract/metadata/page-facts.js';
import { prepareHtml } from '../src/extract/prepare-html.js';
import { readJsonLines } from './stories/corpus.js';
import { loadCorpus, readPageHtml } from './support/extract-corpus.js';

const args = process.argv.slice(2);
const value = (name: string): string | null => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? null) : null;
};
const list = (name: string): string[] => (value(name) ?? '').split(',').filter((p) => p !== '');

interface Tally {
  judged: number;
  flagged: string[];
}

const failures: string[] = [];
const started = performance.now();

function cutWords(text: string, n: number): string {
  return text.split(/\s+/).filter((w) => w !== '').slice(0, n).join(' ');
}

function report(name: string, tally: Tally, mustBeZero: boolean): void {
  const shown = tally.flagged.slice(0, 5).map((f) => `\n      ${f}`).join('');
  process.stdout.write(`  ${name.padEnd(44)} ${String(tally.flagged.length).padStart(3)} of ${tally.judged} taken for walls${shown}\n`);
  if (mustBeZero && tally.flagged.length > 0) failures.push(`${name}: ${tally.flagged.length} articles taken for walls`);
}

function judge(tally: Tally, label: string, view: Parameters<typeof classifyPage>[0]): void {
  tally.judged += 1;
  const verdict = classifyPage(view);
  if (verdict !== null) tally.flagged.push(`${label}: ${verdict.kind} (${verdict.reason})`);
}

for (const dir of list('--extraction')) {
  const corpus = loadCorpus(resolve(dir), 'scrapinghub', Infinity);
  const asExtracted: Tally = { judged: 0, flagged: [] };
  const worst: Tally = { judged: 0, flagged: [] };
  const cut: Tally = { judged: 0, flagged: [] };
  for (const page of corpus.pages) {
    const tree = parseFastTree(prepareHtml(readPageHtml(page)).html);
    const signals = readPageSignals(tree);
    const { title } = collectPageFacts(tree);
    judge(asExtracted, page.file, { ...signals, title, bodyText: page.truth });
    judge(worst, page.file, { ...signals, title, bodyText: '' });
    for (const n of [40, 80, 150]) judge(cut, `${page.file} (${n} words)`, { ...signals, title, pageText: '', bodyText: cutWords(page.truth, n) });
  }
  process.stdout.write(`\n== ${corpus.name}: ${corpus.pages.length} article pages\n`);
  report('gold body, page title and signals', asExtracted, true);
  report('empty body (the whole page text judged)', worst, true);
  report('gold body cut to 40 / 80 / 150 words', cut, true);
}

const storiesDir = value('--stories');
if (storiesDir !== null) {
  for (const file of readdirSync(resolve(storiesDir)).filter((f) => f.endsWith('.jsonl') && !f.endsWith('-pairs.jsonl')).sort()) {
    const rows = readJsonLines(join(resolve(storiesDir), file));
    const labelled = rows.some((r) => typeof r['gold'] === 'string' || typeof r['gold'] === 'number');
    const full: Tally = { judged: 0, flagged: [] };
    const lead: Tally = { judged: 0, flagged: [] };
    for (const row of rows) {
      const title = typeof row['title'] === 'string' ? row['title'] : null;
      const text = typeof row['text'] === 'string' ? row['text'] : '';
      const label = `${String(row['id'])} ${JSON.stringify((title ?? text).slice(0, 60))}`;
      judge(full, label, { title, bodyText: text, pageText: text, forms: 0, passwordInputs: 0 });
      // A scrape's first words are judged only where every text is known to be an article (the cut is a stress test of those).
      if (labelled) judge(lead, label, { title, bodyText: cutWords(text, 60), pageText: '', forms: 0, passwordInputs: 0 });
    }
    process.stdout.write(`\n== ${file}: ${rows.length} texts${labelled ? ' (labelled news: every one an article)' : ' (scrapes: walls among them, unlabelled)'}\n`);
    if (labelled) {
      report('title and text', full, true);
      report('title and first 60 words', lead, true);
    } else {
      const kinds = new Map<string, number>();
      for (const f of full.flagged) {
        const kind = /: ([a-z-]+) \(/.exec(f)?.[1] ?? '?';
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      process.stdout.write(`  taken for walls: ${full.flagged.length} of ${full.judged} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'})\n`);
      for (const f of full.flagged) process.stdout.write(`      ${f}\n`);
    }
  }
}

const fixturesDir = resolve(value('--fixtures') ?? 'fixtures/interstitials');
if (existsSync(fixturesDir)) {
  let right = 0;
  let cases = 0;
  const wrong: string[] = [];
  for (const name of readdirSync(fixturesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = join(fixturesDir, name);
    const expected = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { nonArticle: string | null }).nonArticle;
    const feed = existsSync(join(dir, 'feed.json')) ? JSON.parse(readFileSync(join(dir, 'feed.json'), 'utf8')) : undefined;
    let got: string | null;
    try {
      got = extractArticle({ html: readFileSync(join(dir, 'source.html'), 'utf8'), url: readFileSync(join(dir, 'url'), 'utf8').trim(), feedItem: feed }).nonArticle?.kind ?? null;
    } catch (error) {
      got = ((error as { details?: { nonArticle?: string } }).details?.nonArticle) ?? `error ${(error as Error).message.slice(0, 60)}`;
    }
    cases += 1;
    if (got === expected) right += 1;
    else wrong.push(`${name}: expected ${expected ?? 'an article'}, got ${got ?? 'an article'}`);
  }
  process.stdout.write(`\n== fixtures (${basename(fixturesDir)}): ${right} of ${cases} as expected\n${wrong.map((w) => `      ${w}\n`).join('')}`);
  for (const w of wrong) failures.push(`fixture ${w}`);
}

const probes = list('--probe');
for (const path of probes.length > 0 ? probes : ['fixtures/wall-texts/design.json', 'fixtures/wall-texts/holdout.json'].filter((p) => existsSync(p))) {
  const probe = JSON.parse(readFileSync(resolve(path), 'utf8')) as { walls?: [string, string, string][]; articles?: [string, string][] };
  let caught = 0;
  let rightKind = 0;
  const missed: string[] = [];
  for (const [kind, title, text] of probe.walls ?? []) {
    const verdict = classifyPage({ title, bodyText: text, pageText: text, forms: 0, passwordInputs: 0 });
    if (verdict !== null) caught += 1;
    if (verdict?.kind === kind) rightKind += 1;
    else missed.push(`${kind} ${JSON.stringify(title)}: ${verdict === null ? 'an article' : verdict.kind}`);
  }
  const articles: Tally = { judged: 0, flagged: [] };
  for (const [title, text] of probe.articles ?? []) judge(articles, JSON.stringify(title), { title, bodyText: text, pageText: text, forms: 0, passwordInputs: 0 });
  process.stdout.write(`\n== probe ${basename(path)}: walls found ${caught} of ${probe.walls?.length ?? 0} (the right kind ${rightKind}); articles taken for walls ${articles.flagged.length} of ${articles.judged}\n`);
  if (args.includes('--verbose')) for (const m of missed) process.stdout.write(`      missed ${m}\n`);
  for (const f of articles.flagged) process.stdout.write(`      ${f}\n`);
  if (articles.flagged.length > 0) failures.push(`probe ${basename(path)}: ${articles.flagged.length} reports taken for walls`);
}

process.stdout.write(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
if (args.includes('--check')) {
  if (failures.length > 0) {
    process.stdout.write(`check FAILED:\n${failures.map((f) => `  ${f}\n`).join('')}`);
    process.exitCode = 1;
  } else process.stdout.write('check passed\n');
}
