import { describe, expect, it } from 'vitest';
import { isSurelyLongerThan } from '../../src/extract/clean-dom.js';
import { normalizeInline } from '../../src/extract/text/normalize-text.js';

describe('isSurelyLongerThan', () => {
  it('never says longer when the normalised whole is not (seeded text full of spaces, invisibles and entities)', () => {
    let seed = 5;
    const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = ['word', 'words', 'a', 'text', 'more', 'longer', 'wordier', ' ', '   ', '\n\t', '\u00a0', '\u200b', '\u00ad', '&amp;', '&#1234567;', '&#x1F600;', '&nbsp;', '&', ';', '😀', 'x'];
    let said = 0;
    for (let k = 0; k < 3000; k++) {
      let raw = '';
      const n = Math.floor(rnd() * 200);
      for (let i = 0; i < n; i++) raw += pieces[Math.floor(rnd() * pieces.length)] as string;
      const limit = 5 + Math.floor(rnd() * 30);
      if (isSurelyLongerThan(raw, limit)) {
        said++;
        expect(normalizeInline(raw).length, JSON.stringify([raw, limit])).toBeGreaterThan(limit);
      }
    }
    expect(said).toBeGreaterThan(100);
  });
});
