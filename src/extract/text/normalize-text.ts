// Invisible characters that only break tokenisation: zero-width space, word joiner, BOM, soft hyphen.
// ZWNJ/ZWJ stay (Persian spelling and emoji sequences need them), as do bidi marks (RTL punctuation placement).
const INVISIBLE_RE = /[\u200B\u2060\uFEFF\u00AD]/g;
// Every Unicode space (NBSP, thin, ideographic …) and control characters collapse to one space.
const SPACE_RE = /[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u0000-\u001F\u007F]+/g;
// Entities that survived double-escaping in the source ("&amp;amp;", "&nbsp;" written as text).
const LEFTOVER_ENTITY_RE = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp|#39));/gi;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Collapses all white space of one line to single spaces, drops invisible characters and leftover entities. */
export function normalizeInline(text: string): string {
  return decodeLeftoverEntities(text.replace(INVISIBLE_RE, '')).replace(SPACE_RE, ' ').trim();
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

/** Words as the project counts them: runs of Unicode letters/digits. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}
