/**
 * Feed conformance over a directory of real feeds (the shared corpus is passed in, never committed):
 *
 *   npm run conformance -- --feeds ../shared/corpus/feeds [--check] [--json]
 *
 * One row per file: format, encoding used (and why), items parsed, items expected, warnings, and new
 * mojibake. The expected item count is computed here independently of the parser (a scan of
 * complete `<item>`/`<entry>` elements, or the JSON Feed `items` array), and mojibake counts only
 * when the source bytes did not already contain that sequence. A file with no complete item conforms when
 * the parser rejects it with a typed error ("ok (rejected)"). `--check` exits 1 on any miss.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWith } from '../src/encoding/index.js';
import { parseFeed } from '../src/feeds/index.js';
import { isWiredeskError } from '../src/errors/index.js';

interface Row {
  file: string;
  format: string;
  encoding: string;
  items: number | null;
  expected: number;
  warnings: string[];
  newMojibake: string[];
  error: string | null;
  ok: boolean;
}

// UTF-8 read as a single-byte charset (Ã©, Ð°, â€™, Â…), plus the replacement character.
const MOJIBAKE = /\uFFFD|â€.|[ÃÂÐÑØÙ×][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/gu;

function main(argv: string[]): number {
  const dir = option(argv, '--feeds') ?? '../shared/corpus/feeds';
  const check = argv.includes('--check');
  const files = readdirSync(dir)
    .filter((name) => /\.(xml|rss|atom|rdf|json)$/i.test(name))
    .sort();
  const rows = files.map((file) => checkFile(join(dir, file), file));
  if (argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else printTable(rows);
  const failed = rows.filter((row) => !row.ok);
  console.log(`\n${rows.length - failed.length}/${rows.length} files conform` + (failed.length > 0 ? `; failing: ${failed.map((r) => r.file).join(', ')}` : ''));
  return check && failed.length > 0 ? 1 : 0;
}

function checkFile(path: string, file: string): Row {
  const bytes = new Uint8Array(readFileSync(path));
  const expected = expectedItemCount(bytes, file);
  const row: Row = { file, format: '-', encoding: '-', items: null, expected, warnings: [], newMojibake: [], error: null, ok: false };
  try {
    const parsed = parseFeed(bytes, { contentType: null, baseUrl: null, fetchedAt: new Date() });
    row.format = parsed.feed.format;
    row.encoding = `${parsed.feed.encoding ?? '-'} (${parsed.feed.encodingSource ?? '-'})`;
    row.items = parsed.items.length;
    row.warnings = [...new Set(parsed.warnings.map((w) => w.code))];
    const texts = [parsed.feed.title ?? '', ...parsed.items.flatMap((item) => [item.title, item.summary ?? ''])];
    row.newMojibake = newMojibake(texts, referenceText(bytes));
  } catch (error) {
    row.error = isWiredeskError(error) ? `${error.code}: ${error.message}` : `THREW ${String(error)}`;
  }
  // A file with no complete item (empty, binary, not a feed, broken JSON) conforms when the parser rejects it
  // with a typed error, as bad input should be; an untyped throw never conforms.
  const rejected = row.error !== null && !row.error.startsWith('THREW') && expected === 0;
  row.ok = rejected || (row.error === null && row.items === expected && row.newMojibake.length === 0);
  return row;
}

/**
 * Complete `<item>`/`<entry>` elements, counted on the raw markup (CDATA and comments removed):
 * an element counts once its outermost end tag is seen, so a document cut mid-item counts only the
 * items before the cut and a self-closing `<item/>` nested inside an item (a real FeedBurner bug)
 * counts nothing.
 */
function expectedItemCount(bytes: Uint8Array, file: string): number {
  const latin1 = Buffer.from(bytes).toString('latin1');
  if (file.endsWith('.json')) {
    // A JSON Feed that is not JSON holds no item a reader could get; the parser must reject it with a typed error.
    let feed: { items?: unknown[] } | null;
    try {
      feed = JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '')) as { items?: unknown[] } | null;
    } catch {
      return 0;
    }
    return Array.isArray(feed?.items) ? feed.items.length : 0;
  }
  const markup = latin1.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  let count = 0;
  for (const name of ['item', 'entry']) {
    let depth = 0;
    for (const match of markup.matchAll(new RegExp(`<(/?)(?:atom:)?${name}\\b([^>]*)>`, 'g'))) {
      const closing = match[1] === '/';
      const selfClosing = !closing && (match[2] ?? '').trimEnd().endsWith('/');
      if (selfClosing) continue;
      if (!closing) depth++;
      else if (depth > 0 && --depth === 0) count++;
    }
  }
  return count;
}

/**
 * The source text as it already is, decoded without the parser's help: as UTF-8 when the bytes
 * are valid UTF-8, else as windows-1252 (which shows any double-encoded sequence the file carries).
 */
function referenceText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not TextDecoder: Node 20 reads windows-1252 as Latin-1, which would hide `â€™` and its kind.
    return decodeWith('windows-1252', bytes);
  }
}

function newMojibake(texts: string[], reference: string): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(MOJIBAKE)) if (!reference.includes(match[0])) found.add(match[0]);
  }
  return [...found];
}

function printTable(rows: Row[]): void {
  const header = ['file', 'format', 'encoding (source)', 'items', 'expected', 'new mojibake', 'warnings', 'result'];
  const lines = rows.map((r) => [
    r.file,
    r.format,
    r.encoding,
    r.items === null ? '-' : String(r.items),
    String(r.expected),
    r.newMojibake.length === 0 ? 'no' : `YES ${r.newMojibake.join(' ')}`,
    r.error ?? (r.warnings.join(',') || '-'),
    r.ok ? (r.error === null ? 'ok' : 'ok (rejected)') : 'FAIL',
  ]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

function option(argv: string[], name: string): string | null {
  const index = argv.indexOf(name);
  if (index !== -1) return argv[index + 1] ?? null;
  const inline = argv.find((arg) => arg.startsWith(`${name}=`));
  return inline === undefined ? null : inline.slice(name.length + 1);
}

process.exitCode = main(process.argv.slice(2));
