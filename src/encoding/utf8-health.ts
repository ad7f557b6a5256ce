/** How much of a byte string is well-formed UTF-8: counts of valid multi-byte sequences and invalid bytes. */
export interface Utf8Health {
  /** Well-formed sequences of 2–4 bytes (ASCII is not counted: every encoding shares it). */
  valid: number;
  /** Bytes that start no well-formed sequence (a stray 0xFF, a lone continuation byte, a cut sequence). */
  invalid: number;
}

/**
 * Scans bytes as UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) without
 * decoding them. A sequence cut off by the end of the body counts as one invalid byte.
 */
export function measureUtf8(bytes: Uint8Array): Utf8Health {
  let valid = 0;
  let invalid = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i] ?? 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    const length = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (length === 0 || !isWellFormed(bytes, i, c, length)) {
      invalid++;
      i++;
      continue;
    }
    valid++;
    i += length;
  }
  return { valid, invalid };
}

function isWellFormed(bytes: Uint8Array, at: number, lead: number, length: number): boolean {
  if (at + length > bytes.length) return false;
  const second = bytes[at + 1] ?? 0;
  // The second byte's range is narrower after some leads (overlongs, surrogates, > U+10FFFF).
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) return false;
  for (let k = 2; k < length; k++) {
    const next = bytes[at + k] ?? 0;
    if (next < 0x80 || next > 0xbf) return false;
  }
  return true;
}
