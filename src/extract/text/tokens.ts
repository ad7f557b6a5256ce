/**
 * Token tests on space-separated attribute values (`class`, `rel`) without splitting them: the answers of
 * `value.split(/\s+/).includes(token)` and `value.split(/\s+/).some((t) => set.has(t))`, minus the arrays.
 * The pre-clean and the metadata walk ask this of every element of the page.
 */

/** True for the characters JavaScript's `\s` matches (white space and line terminators). */
export function isJsWhiteSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `value.split(/\s+/).includes(token)` for a non-empty `token` without white space. */
export function hasToken(value: string, token: string): boolean {
  const n = token.length;
  for (let at = value.indexOf(token); at >= 0; at = value.indexOf(token, at + 1)) {
    if ((at === 0 || isJsWhiteSpace(value.charCodeAt(at - 1))) && (at + n === value.length || isJsWhiteSpace(value.charCodeAt(at + n)))) return true;
  }
  return false;
}

/** `value.split(/\s+/).some((t) => tokens.has(t))`, for a set without the empty string. */
export function hasAnyToken(value: string, tokens: ReadonlySet<string>): boolean {
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    const space = i === value.length || isJsWhiteSpace(value.charCodeAt(i));
    if (!space) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (tokens.has(start === 0 && i === value.length ? value : value.slice(start, i))) return true;
      start = -1;
    }
  }
  return false;
}

/** `text.replace(/\s+/g, '').length`: the characters that are not white space, counted without a copy. */
export function countNonWhiteSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!isJsWhiteSpace(text.charCodeAt(i))) n++;
  return n;
}
