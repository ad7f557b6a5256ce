import { createHash } from 'node:crypto';
import type { BoardAsset } from './board-types.js';
import { dropInvalidChars } from './escape-markup.js';
import { flattenReports, type ReportView, type StoryView } from './story-view.js';

// The function every text chunk calls; the board's script defines it.
const TEXT_CHUNK_CALLBACK = 'wdTexts';

/** The directory of the text chunks, relative to the board page (the page loads `texts/<chunk>.js`). */
const CHUNK_DIR = 'texts';
const HOUR_CHUNK = /^texts\/h(\d{10})-[0-9a-f]{12}\.js$/;
const HOUR_MS = 3_600_000;

/** Where each report's text is: the chunks the page refers to and the chunk files to write. */
export interface TextChunkPlan {
  /** Chunk names the page refers to (`h2026112103-0a1b2c3d4e5f`), in the order its reports index them. */
  chunks: string[];
  /** Article id → index in `chunks`, for every report with a text to show. */
  chunkOf: Map<string, number>;
  /**
   * The chunks the page refers to that are not on hand, rendered, as files named relative to the
   * page. A chunk's name carries the hash of its content, so one on hand already holds exactly
   * that text and is neither rendered nor written again.
   */
  files: BoardAsset[];
}

/**
 * Puts each report's text into a chunk file, keyed by the UTC hour the crawler fetched it.
 *
 * Why the fetch hour: every article fetched in an hour is committed in that hour (or seconds
 * after), so an hour's chunk stops changing once the hour is over and is never written again; a
 * run writes the texts it brought once, plus the chunk of the hour still open. Publication time
 * would not do: a report published days ago and fetched now would reopen an old chunk.
 *
 * - An hour from the one `since` falls in: every article fetched in it belongs to a story seen
 *   since that hour began, and the board reads them all (`collectBoardInput` reads from the start
 *   of that hour), so its chunk holds all of them, sorted by id, and is named
 *   `h<YYYYMMDDHH>-<hash of the content>`: the same texts give the same name, so a chunk on hand
 *   is skipped (only hashed, not rendered), and any change (an article committed late, a text
 *   rewritten) gives a new one.
 * - An hour that began before the window holds reports of stories that are still on the board,
 *   but the board no longer reads the rest of that hour. Its chunk on hand (written while the
 *   hour was inside the window, so holding the whole hour) serves as it is: reusing it means a
 *   story leaving the window never rewrites it.
 * - Reports before the window with no chunk on hand (a story that came back after weeks, a board
 *   turned on late, a time that does not parse) go into one chunk per story, `s-<hash>`, which
 *   stays the same while that story's old reports do.
 *
 * `stories` are those seen since `textHourStart(since)` (more than the page shows). `existing`
 * is the board's chunk files on hand (`texts/<name>.js`), from one directory listing. Pure:
 * nothing is read or written here.
 */
export function planTextChunks(stories: readonly StoryView[], since: Date, existing: readonly string[]): TextChunkPlan {
  const windowStart = textHourStart(since);
  const have = new Set(existing);
  const onHand = new Map<string, string>();
  for (const name of [...existing].sort()) {
    const hour = HOUR_CHUNK.exec(name)?.[1];
    if (hour !== undefined) onHand.set(hour, name.slice(CHUNK_DIR.length + 1, -'.js'.length));
  }
  const hours = new Map<string, Map<string, string>>();
  const reused = new Map<string, string[]>();
  const older = new Map<string, Map<string, string>>();
  for (const story of stories) {
    for (const report of flattenReports(story)) {
      const text = chunkText(report);
      if (text === null) continue;
      const hour = hourOf(report.fetchedAt);
      if (hour !== null && hour.start >= windowStart) addText(hours, hour.key, report.id, text);
      else if (hour !== null && onHand.has(hour.key)) addId(reused, onHand.get(hour.key) as string, report.id);
      else addText(older, story.id, report.id, text);
    }
  }
  const plan: TextChunkPlan = { chunks: [], chunkOf: new Map(), files: [] };
  const refer = (name: string, ids: Iterable<string>): void => {
    const index = plan.chunks.push(name) - 1;
    for (const id of ids) if (!plan.chunkOf.has(id)) plan.chunkOf.set(id, index);
  };
  const chunk = (prefix: string, texts: ReadonlyMap<string, string>): void => {
    const entries = [...texts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const name = `${prefix}${contentHash(entries)}`;
    if (!have.has(textChunkAsset(name))) plan.files.push({ name: textChunkAsset(name), text: renderChunk(name, entries) });
    refer(name, texts.keys());
  };
  for (const [key, texts] of [...hours].sort((a, b) => a[0].localeCompare(b[0]))) chunk(`h${key}-`, texts);
  for (const [name, ids] of [...reused].sort((a, b) => a[0].localeCompare(b[0]))) refer(name, ids);
  for (const texts of older.values()) chunk('s-', texts);
  return plan;
}

/** Start (ms) of the UTC hour `since` falls in: the first hour whose chunk the board renders whole. */
export function textHourStart(since: Date): number {
  return Math.floor(since.getTime() / HOUR_MS) * HOUR_MS;
}

/** The page-relative file name of a chunk (`texts/<name>.js`). */
export function textChunkAsset(name: string): string {
  return `${CHUNK_DIR}/${name}.js`;
}

// What the page shows for a report: its text, else its summary; null when neither has a word.
// Kept as extracted (the page splits paragraphs at blank lines), so a chunk on hand costs a hash.
function chunkText(report: ReportView): string | null {
  if (report.text.trim() !== '') return report.text;
  return report.summary !== null && report.summary.trim() !== '' ? report.summary : null;
}

// Hash of the entries (sorted by id, so it does not depend on the order stories are shown in):
// the same ids and texts always give the same name, any change a new one.
function contentHash(entries: readonly [string, string][]): string {
  const hash = createHash('sha256');
  for (const [id, text] of entries) hash.update(id).update('\u0000').update(text).update('\u0000');
  return hash.digest('hex').slice(0, 12);
}

/**
 * A chunk file: one call, `wdTexts("<name>", ["<articleId>", "<text>", …])`. A flat array, not an
 * object, so no id can be read as `__proto__`. The texts are JSON strings (characters XML 1.0
 * forbids dropped, as everywhere on the board) with `<` and the two line separators escaped as
 * `\u` sequences: no `</script` or `<!--` can appear, and the file parses the same as JSON and as
 * JavaScript. The page puts the texts in with `textContent`, so they stay text.
 */
function renderChunk(name: string, entries: readonly [string, string][]): string {
  const json = JSON.stringify(entries.flatMap(([id, text]) => [id, dropInvalidChars(text)]));
  const safe = json.replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${TEXT_CHUNK_CALLBACK}(${JSON.stringify(name)},${safe});\n`;
}

function hourOf(iso: string | null): { key: string; start: number } | null {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  const start = Math.floor(ms / HOUR_MS) * HOUR_MS;
  return { key: new Date(start).toISOString().slice(0, 13).replace(/[-T]/g, ''), start };
}

function addText(groups: Map<string, Map<string, string>>, key: string, id: string, text: string): void {
  const texts = groups.get(key) ?? new Map<string, string>();
  if (!texts.has(id)) texts.set(id, text);
  groups.set(key, texts);
}

function addId(groups: Map<string, string[]>, key: string, id: string): void {
  const ids = groups.get(key) ?? [];
  ids.push(id);
  groups.set(key, ids);
}
