import { describe, expect, it } from 'vitest';
import { decodeEntities, decodeReferencesStrictly, type EntityRepairs } from '../../src/feeds/decode-entities.js';
import { HTML_NAMED_ENTITIES } from '../../src/feeds/html-entities.js';

// The rule as first written: one callback per ampersand, bare ones included. Kept here as the reference
// the faster decoder must agree with, text and repair counts alike.
const REFERENCE = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{0,31}))?(;?)/g;
const XML: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function referenceDecode(raw: string, repairs: EntityRepairs): string {
  return raw.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined, semi: string) => {
    if (dec !== undefined || hex !== undefined) {
      // Numeric references are read as before (C1 as windows-1252, invalid as U+FFFD): one at a time here.
      return decodeEntities(dec !== undefined ? `&#${dec};` : `&#x${hex};`);
    }
    if (name !== undefined && semi === ';') {
      if (XML[name] !== undefined) return XML[name]!;
      const html = HTML_NAMED_ENTITIES.get(name);
      if (html !== undefined) {
        repairs.htmlEntities++;
        return String.fromCodePoint(html);
      }
    }
    repairs.bareAmpersands++;
    return whole;
  });
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}
const PIECES = ['&', '&;', '&#', '&#x', '&#12;', '&#x41', '&#0;', '&#xD800;', '&amp', '&nbsp;', '&eacute', '&bogus;', '&lt;', 'a', ' ', ';', '#', 'x', '9', 'Z', 'é'];

describe('decodeEntities', () => {
  it('decodes and counts as the one-callback-per-ampersand rule did, on 5,000 seeded strings', () => {
    const random = seeded(20261205);
    for (let i = 0; i < 5000; i++) {
      // Start with a piece the fast path does not take, so the general decoder reads the whole string.
      let text = '&x';
      const n = 1 + Math.floor(random() * 20);
      for (let j = 0; j < n; j++) text += PIECES[Math.floor(random() * PIECES.length)];
      const ours: EntityRepairs = { bareAmpersands: 0, htmlEntities: 0 };
      const theirs: EntityRepairs = { bareAmpersands: 0, htmlEntities: 0 };
      expect(decodeEntities(text, ours), text).toBe(referenceDecode(text, theirs));
      expect(ours, text).toEqual(theirs);
    }
  });

  it('reads a million bare ampersands as text, counted once each', () => {
    const repairs: EntityRepairs = { bareAmpersands: 0, htmlEntities: 0 };
    const text = `x${'&'.repeat(1_000_000)}&amp;y`;
    expect(decodeEntities(text, repairs)).toBe(`x${'&'.repeat(1_000_001)}y`);
    expect(repairs).toEqual({ bareAmpersands: 1_000_000, htmlEntities: 0 });
  });

  it('decodes only complete references when decoding a second time', () => {
    expect(decodeReferencesStrictly('&amp;lt; & &; &#0; &eacute; &eacute')).toBe('&lt; & &; &#0; é &eacute');
  });
});
