import { describe, expect, it } from 'vitest';
import { countWords, squashLettersDigits } from '../../src/extract/text/normalize-text.js';

// The definition countWords implements by hand: runs of Unicode letters/digits.
const reference = (text: string): number => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
// The definition squashLettersDigits implements by hand.
const squashReference = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

// Seeded random text: ASCII, BMP (Turkish İ, whose lower case is two code units, included), astral, lone surrogates.
function randomTexts(count: number): string[] {
  let seed = 7;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const texts: string[] = [];
  for (let k = 0; k < count; k++) {
    let text = '';
    const n = Math.floor(rnd() * 20);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      text += r < 0.4 ? String.fromCharCode(32 + Math.floor(rnd() * 96)) : r < 0.45 ? 'İ' : r < 0.9 ? String.fromCharCode(Math.floor(rnd() * 0x10000)) : String.fromCodePoint(0x10000 + Math.floor(rnd() * 0x50000));
    }
    texts.push(text);
  }
  return texts;
}

describe('countWords', () => {
  it.each(['', 'a', 'hello world', 'FLJune 12, 2020', 'کد خبر: ۱۲۳۴', 'رمز الخبر ٤٥', '日本語のテキスト', 'emoji 😀 x😀y 𝐀𝐁', 'a\u200Bb', 'x\uD800y', '\uD83D', 'Ünïcödé — test’s', 'a_b-c', '١٢٣abc٤'])('counts %j as the Unicode definition does', (text) => {
    expect(countWords(text)).toBe(reference(text));
  });

  it('agrees with the definition on seeded random text (ASCII, BMP, astral, lone surrogates)', () => {
    for (const text of randomTexts(5000)) expect(countWords(text), JSON.stringify(text)).toBe(reference(text));
  });

  it('answers long texts asked again (kept for a while) as the first time, whatever came in between', () => {
    const texts = randomTexts(400).map((t, i) => `${t} ${'word '.repeat(60 + (i % 7))}${t}`);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < texts.length; i++) {
        const text = texts[(i * 7 + round) % texts.length] as string;
        expect(countWords(text)).toBe(reference(text));
        expect(countWords(text)).toBe(reference(text));
        // An equal string that is another object gets the same answer.
        expect(countWords(`${text} `.slice(0, -1))).toBe(reference(text));
      }
    }
  });
});

describe('squashLettersDigits', () => {
  it('is the lower-cased text with all but letters and digits removed, on seeded random text', () => {
    for (const text of ['', 'Hello, World!', 'İstanbul’da 12 kişi', 'کد خبر: ۱۲۳۴', 'emoji 😀 x😀y 𝐀𝐁', 'x\uD800y', ...randomTexts(5000)]) {
      expect(squashLettersDigits(text), JSON.stringify(text)).toBe(squashReference(text));
    }
  });
});
