import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/encoding/index.js';

/** Deterministic linear congruential generator so a failure reproduces from the seed. */
function random(seed: number): () => number {
  let state = seed % 2147483648;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const CONTENT_TYPES = [
  null,
  'text/html',
  'text/html; charset=',
  'text/html; charset="',
  'text/html; charset=utf-8',
  'text/html; charset=shift_jis',
  'application/xml; charset=big5',
  'text/html; charset=x-user-defined',
  'text/html; charset=utf-16',
  'text/html; charset=iso-2022-jp',
  'text/plain; charset=replacement',
  ';;;charset=koi8-r;;',
];
const HEADS = ['', '<?xml version="1.0" encoding="gb18030"?>', '<meta charset="klingon">', '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">', '\ufeff', '<?xml encoding="'];

describe('decodeBytes fuzz', () => {
  it('returns text and a known source for arbitrary bytes and labels, never throwing', () => {
    const next = random(20261121);
    const sources = new Set(['bom', 'utf8-valid', 'utf8-mostly', 'http-charset', 'xml-declaration', 'html-meta', 'sniffed', 'default']);
    for (let round = 0; round < 400; round++) {
      const head = new TextEncoder().encode(HEADS[Math.floor(next() * HEADS.length)]!);
      const noise = Uint8Array.from({ length: Math.floor(next() * 600) }, () => Math.floor(next() * 256));
      const bytes = new Uint8Array([...head, ...noise]);
      const contentType = CONTENT_TYPES[Math.floor(next() * CONTENT_TYPES.length)] ?? null;
      const kind = (['html', 'xml', 'auto'] as const)[round % 3];
      const decoded = decodeBytes(bytes, { contentType, kind });
      expect(typeof decoded.text).toBe('string');
      expect(sources.has(decoded.source)).toBe(true);
      // UTF-32 is decoded by hand; every other name must be one TextDecoder knows.
      if (!decoded.encoding.startsWith('utf-32')) expect(() => new TextDecoder(decoded.encoding)).not.toThrow();
    }
  });
});
