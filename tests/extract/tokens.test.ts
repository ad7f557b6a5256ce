import { describe, expect, it } from 'vitest';
import { countNonWhiteSpace, hasAnyToken, hasToken, isJsWhiteSpace } from '../../src/extract/text/tokens.js';

// Seeded strings of class-like tokens, separated by every kind of white space JavaScript's \s knows (and some it does not).
function randomValues(count: number): string[] {
  let seed = 11;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const pieces = ['byline', 'author', 'byline-x', 'x-author', 'Author', 'a', 'tag', 'tags', '', 'by', 'line'];
  const spaces = [' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', '\u180e', '-', '_'];
  const values: string[] = [];
  for (let k = 0; k < count; k++) {
    let value = '';
    const n = Math.floor(rnd() * 6);
    for (let i = 0; i < n; i++) value += (pieces[Math.floor(rnd() * pieces.length)] as string) + (spaces[Math.floor(rnd() * spaces.length)] as string);
    values.push(rnd() < 0.5 ? value : value.trim());
  }
  return values;
}

describe('tokens', () => {
  it('isJsWhiteSpace is /\\s/ on every BMP character', () => {
    for (let c = 0; c < 0x10000; c++) expect(isJsWhiteSpace(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it('hasToken and hasAnyToken answer as split(/\\s+/) does, on seeded values', () => {
    const set = new Set(['author', 'tags', 'a']);
    for (const value of randomValues(5000)) {
      const tokens = value.split(/\s+/);
      for (const token of ['byline', 'author', 'a', 'line']) expect(hasToken(value, token), JSON.stringify([value, token])).toBe(tokens.includes(token));
      expect(hasAnyToken(value, set), JSON.stringify(value)).toBe(tokens.some((t) => set.has(t)));
      expect(countNonWhiteSpace(value), JSON.stringify(value)).toBe(value.replace(/\s+/g, '').length);
    }
  });
});
