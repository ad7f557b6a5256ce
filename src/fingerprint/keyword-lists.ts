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
  const items = line.split(',');
  const dropped = new Uint8Array(items.length);
  let found = false;
  let start = 0;
  for (let i = 0; i <= items.length; i += 1) {
    if (i < items.length && isListItem(items[i] as string)) continue;
    // A run ends before item i: items start … i-1.
    if (i - start >= MIN_ITEMS) {
      let lower = 0;
      for (let k = start; k < i; k += 1) if (isLowerCase(items[k] as string)) lower += 1;
      if (lower >= MIN_LOWER * (i - start)) {
        dropped.fill(1, start, i);
        found = true;
      }
    }
    start = i + 1;
  }
  if (!found) return line;
  return items
    .filter((_, i) => dropped[i] === 0)
    .join(',')
    .replace(/^[\s,]+/, '')
    .trim();
}

function isListItem(item: string): boolean {
  const text = item.trim();
  if (text === '' || text.length > MAX_ITEM_CHARS || SENTENCE_MARK_RE.test(text)) return false;
  const words = text.split(/\s+/).length;
  return words <= MAX_ITEM_WORDS;
}

function isLowerCase(item: string): boolean {
  return CASED_RE.test(item) && item === item.toLowerCase();
}
