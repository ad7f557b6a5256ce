/**
 * UTF-16 and UTF-32 recognised from the first bytes of a document: a byte order mark, or, without
 * one, the pattern that `<` or `<?xml` makes in each form (XML 1.0 Appendix F). An XML document
 * declared `encoding="utf-16"` may legally omit the BOM, and ASCII-based detection would read
 * such a feed as UTF-8 or windows-1252 with every other byte a NUL.
 */
export interface WideEncoding {
  encoding: 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';
  /** Bytes of BOM to skip (0 when recognised by pattern). */
  bomLength: number;
}

/** The BOM, UTF-8's included; UTF-32 LE is tested before UTF-16 LE, whose BOM is its prefix. */
export function detectBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', length: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * A document without BOM whose first character is `<` (optionally after white space) in UTF-16 or
 * UTF-32: `3C 00 xx 00` is little-endian UTF-16, `00 3C 00 xx` big-endian, and so on. ASCII-based
 * text never starts with a NUL next to `<`, so this cannot misfire on the encodings sniffed later.
 */
export function detectUnmarkedWide(bytes: Uint8Array): WideEncoding | null {
  if (bytes.length < 8) return null;
  const b = (i: number): number => bytes[i] ?? -1;
  // UTF-32 first: its first four bytes also look like UTF-16 with a NUL character.
  if (b(0) === 0x3c && b(1) === 0 && b(2) === 0 && b(3) === 0 && b(5) === 0 && b(6) === 0 && b(7) === 0) return { encoding: 'utf-32le', bomLength: 0 };
  if (b(0) === 0 && b(1) === 0 && b(2) === 0 && b(3) === 0x3c && b(4) === 0 && b(5) === 0 && b(6) === 0) return { encoding: 'utf-32be', bomLength: 0 };
  if (isAsciiMarkupStart(b(0)) && b(1) === 0 && b(2) !== 0 && b(3) === 0 && b(5) === 0) return { encoding: 'utf-16le', bomLength: 0 };
  if (b(0) === 0 && isAsciiMarkupStart(b(1)) && b(2) === 0 && b(3) !== 0 && b(4) === 0) return { encoding: 'utf-16be', bomLength: 0 };
  return null;
}

/** Decodes UTF-32 (which TextDecoder does not know); code points that are out of range become U+FFFD. */
export function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.floor(bytes.length / 4);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i < count; i++) {
    const cp = view.getUint32(i * 4, littleEndian);
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    // fromCodePoint takes arguments: keep each call far below the engine's argument limit.
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  if (chunk.length > 0) parts.push(String.fromCodePoint(...chunk));
  if (bytes.length % 4 !== 0) parts.push('\uFFFD');
  return parts.join('');
}

/** `<` or white space before it: what a markup document's first character is. */
function isAsciiMarkupStart(byte: number): boolean {
  return byte === 0x3c || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
