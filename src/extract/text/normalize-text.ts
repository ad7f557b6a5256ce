// Invisible characters that only break tokenisation: zero-width space, word joiner, BOM, soft hyphen.
// ZWNJ/ZWJ stay (Persian spelling and emoji sequences need them), as do bidi marks (RTL punctuation placement).
const INVISIBLE_RE = /[\u200B\u2060\uFEFF\u00AD]/g;
// Every Unicode space (NBSP, thin, ideographic …) and control characters collapse to one space. Only what would
// change is matched (a run of two or more, or one character other than U+0020): single spaces between words, by
// far the most common match, are left where they are instead of being replaced by themselves.
const SPACE_RE = /[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u0000-\u001F\u007F]{2,}|[^\S ]|[\u0000-\u001F\u007F]/g;
const INVISIBLE_TEST_RE = /[\u200B\u2060\uFEFF\u00AD]/;
// Entities that survived double-escaping in the source ("&amp;amp;", "&nbsp;" written as text).
const LEFTOVER_ENTITY_RE = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp|#39));/gi;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Collapses all white space of one line to single spaces, drops invisible characters and leftover entities. */
export function normalizeInline(text: string): string {
  const visible = INVISIBLE_TEST_RE.test(text) ? text.replace(INVISIBLE_RE, '') : text;
  return decodeLeftoverEntities(visible).replace(SPACE_RE, ' ').trim();
}

// Decodes the handful of entities that appear as literal text in double-escaped pages.
function decodeLeftoverEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(LEFTOVER_ENTITY_RE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name.toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '';
  });
}

/**
 * Words as the project counts them: runs of Unicode letters/digits (`[\p{L}\p{N}]+`). One pass over the
 * characters (see wordCharAt). The regex walk cost a twentieth of the extraction's CPU (it runs on the body,
 * the page and the region text).
 */
export function countWords(text: string): number {
  if (text.length < MEMO_MIN_LENGTH) return countWordsOnce(text);
  for (let i = 0; i < recentTexts.length; i++) if (recentTexts[i] === text) return recentCounts[i] as number;
  const count = countWordsOnce(text);
  recentTexts[recentNext] = text;
  recentCounts[recentNext] = count;
  recentNext = (recentNext + 1) % MEMO_SIZE;
  return count;
}

// The body's text is counted in turn by the second opinion, the result and the classifier, and the region's by
// the tail merge and the second opinion: the last few long texts' answers are kept. A memo of a pure function
// (the answer depends on the string alone), per thread, holding at most MEMO_SIZE strings.
const MEMO_SIZE = 4;
const MEMO_MIN_LENGTH = 256;
const recentTexts: string[] = [];
const recentCounts: number[] = [];
let recentNext = 0;

function countWordsOnce(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const at = wordCharAt(text, i);
    if (at > 0) {
      if (!inWord) count++;
      inWord = true;
      i += at;
    } else {
      inWord = false;
      i -= at;
    }
  }
  return count;
}

/**
 * The text lower-cased with everything but letters and digits removed: `text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')`
 * in one pass that copies runs of letters (the regex's Unicode classes cost three times as much on a page's text).
 */
export function squashLettersDigits(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let start = -1;
  for (let i = 0; i < lower.length; ) {
    const at = wordCharAt(lower, i);
    if (at > 0) {
      if (start < 0) start = i;
      i += at;
    } else {
      if (start >= 0) out += lower.slice(start, i);
      start = -1;
      i -= at;
    }
  }
  return start < 0 ? out : out + lower.slice(start);
}

/**
 * Whether the code point at `i` is a letter or digit (`[\p{L}\p{N}]`), with its width: +1/+2 code units when it
 * is, -1/-2 when not. ASCII from a table, other code points by the same Unicode classes (a regex test per
 * character, read once per BMP code point and kept in BMP_WORD_CHARS).
 */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : -1;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    return WORD_CHAR_RE.test(String.fromCodePoint(cp)) ? width : -width;
  }
  let known = BMP_WORD_CHARS[c] as number;
  if (known === 0) {
    known = WORD_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
    BMP_WORD_CHARS[c] = known;
  }
  return known === 1 ? 1 : -1;
}

const WORD_CHAR_RE = /^[\p{L}\p{N}]$/u;
// Per BMP code point: 0 not yet seen, 1 letter/digit, 2 not. A memo of a fixed Unicode fact (64 KB), not state:
// every answer is what WORD_CHAR_RE says.
const BMP_WORD_CHARS = new Uint8Array(0x10000);
