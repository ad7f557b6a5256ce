import { decodeUtf32 } from './wide-encodings.js';

/**
 * windows-1252 for bytes 0x80–0x9F (WHATWG index). Node 20's TextDecoder maps every windows-1252 label
 * (iso-8859-1, us-ascii, latin1 included) to plain Latin-1, turning curly quotes, dashes and € into
 * invisible C1 controls, so this range is decoded here. 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as they are.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Decodes with a WHATWG encoding name (or `utf-32le`/`utf-32be`, which TextDecoder lacks), never
 * throwing: invalid sequences become U+FFFD.
 */
export function decodeWith(encoding: string, bytes: Uint8Array): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return decodeUtf32(bytes, encoding === 'utf-32le');
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (ch) => String.fromCharCode(CP1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch.charCodeAt(0)));
}
