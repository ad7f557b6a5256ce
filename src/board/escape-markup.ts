// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates): one in a
// feed makes the whole document malformed for every reader, so they are dropped from all text.
const INVALID_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVALID_CHARS = new RegExp(INVALID_CHAR.source, 'g');
const SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML or XML element content and attribute values alike (all five special
 * characters), after dropping characters XML cannot carry. Every piece of text that came from a
 * feed or a page goes through here before it is put into the board or a feed.
 */
export function escapeMarkup(text: string): string {
  return dropInvalidChars(text).replace(SPECIAL, (c) => ENTITY[c] ?? c);
}

/** Removes the characters XML 1.0 forbids (see above); everything else is kept as is. */
export function dropInvalidChars(text: string): string {
  return INVALID_CHAR.test(text) ? text.replace(INVALID_CHARS, '') : text;
}

/**
 * The URL when it is an absolute http(s) URL, normalised by the URL parser; null otherwise
 * (`javascript:`, `data:`, relative or unparsable), so no link of a page or feed runs code.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
