/**
 * Keyword lists: a site's tags or search keywords printed above or below its articles and scraped
 * with them ("Türkiye, haber, haberleri, gaziosmanpaşa, eyüp, magazin, siyaset, politika, güncel,
 * polis, son dakika, spor, …"). The same list on every article of a site linked unrelated reports
 * into one story (11 Turkish articles of one site on the multilingual dev pairs). Such a list is a run
 * of at least eight comma-separated items of one or two words each, nearly all lower case: a report's
 * own enumerations name people, places and countries, capitalised ("Bulgaria, Croatia, Cyprus, …",
 * the kidnapped girls' names), and are kept. Items in scripts without case (Arabic, Chinese) never
 * count as lower case, so their lists are kept too.
 */

/** Items in a run, at least. */
const MIN_ITEMS = 8;
/** Share of a run's items that must be lower case. */
const MIN_LOWER = 0.75;
/** An item's words and characters, at most. */
const MAX_ITEM_WORDS = 2;
const MAX_ITEM_CHARS = 25;
const SENTENCE_MARK_RE = /[.!?;:]/;
const CASED_RE = /[\p{Lu}\p{Ll}]/u;

/** The line without its keyword lists (the line itself, unchanged, when it holds none). */
export function dropKeywordLists(line: string): string {
  // Most lines hold fewer commas than a list has items: one scan, no split.
  let commas = 0;
  for (let i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) commas += 1;
  if (commas < MIN_ITEMS - 1) return line;
  // Items are read in place, by their bounds: a long paragraph's items are mostly too long to be a
  // list's, which one subtraction tells, without a string per item.
  let kept = '';
  let keptFrom = 0;
  let runStart = -1;
  let runItems = 0;
  let runLower = 0;
  let from = 0;
  for (;;) {
    const comma = line.indexOf(',', from);
    const to = comma < 0 ? line.length : comma;
    const kind = itemKind(line, from, to);
    if (kind !== NOT_ITEM) {
      if (runItems === 0) runStart = from;
      runItems += 1;
      if (kind === LOWER_ITEM) runLower += 1;
    }
    // A run ends at an item that is none, or at the line's end.
    if (kind === NOT_ITEM || comma < 0) {
      if (runItems >= MIN_ITEMS && runLower >= MIN_LOWER * runItems) {
        const runEnd = kind === NOT_ITEM ? from : line.length;
        kept += line.slice(keptFrom, runStart);
        keptFrom = runEnd;
      }
      runItems = 0;
      runLower = 0;
    }
    if (comma < 0) break;
    from = comma + 1;
  }
  if (keptFrom === 0) return line;
  return (kept + line.slice(keptFrom)).replace(/^[\s,]+|[\s,]+$/g, '');
}

const NOT_ITEM = 0;
const ITEM = 1;
const LOWER_ITEM = 2;

/** Whether line[from, to) is a list item (one or two words, short, no sentence mark), and whether it is lower case. */
function itemKind(line: string, from: number, to: number): number {
  while (from < to && isSpace(line.charCodeAt(from))) from += 1;
  while (to > from && isSpace(line.charCodeAt(to - 1))) to -= 1;
  if (to === from || to - from > MAX_ITEM_CHARS) return NOT_ITEM;
  const item = line.slice(from, to);
  if (SENTENCE_MARK_RE.test(item)) return NOT_ITEM;
  let words = 1;
  for (let i = 1; i < item.length; i += 1) if (isSpace(item.charCodeAt(i)) && !isSpace(item.charCodeAt(i - 1))) words += 1;
  if (words > MAX_ITEM_WORDS) return NOT_ITEM;
  return CASED_RE.test(item) && item === item.toLowerCase() ? LOWER_ITEM : ITEM;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0;
}
