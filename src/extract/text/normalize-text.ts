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
 * characters: ASCII from a table, other code points by the same Unicode classes (a regex test per character,
 * read once per code point and kept in `table`). The regex walk cost a twentieth of the extraction's CPU (it
 * runs on the body, the page and the region text).
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let word: boolean;
    if (c < 128) {
      word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const cp = text.codePointAt(i) as number;
      if (cp > 0xffff) i++;
      word = WORD_CHAR_RE.test(String.fromCodePoint(cp));
    } else {
      let known = BMP_WORD_CHARS[c] as number;
      if (known === 0) {
        known = WORD_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
        BMP_WORD_CHARS[c] = known;
      }
      word = known === 1;
    }
    if (word) {
      if (!inWord) count++;
      inWord = true;
    } else {
      inWord = false;
    }
  }
  return count;
}

const WORD_CHAR_RE = /^[\p{L}\p{N}]$/u;
// Per BMP code point: 0 not yet seen, 1 letter/digit, 2 not. A memo of a fixed Unicode fact (64 KB), not state:
// every answer is what WORD_CHAR_RE says.
const BMP_WORD_CHARS = new Uint8Array(0x10000);
