import { analyse } from 'chardet';

/** Why an encoding was chosen, in the order the rules are tried. */
export type EncodingSource = 'bom' | 'utf8-valid' | 'http-charset' | 'xml-declaration' | 'html-meta' | 'sniffed' | 'default';

/** Decoded text plus the encoding used and why. */
export interface DecodedText {
  text: string;
  /** WHATWG encoding name as TextDecoder reports it (e.g. `utf-8`, `windows-1256`). */
  encoding: string;
  source: EncodingSource;
}

/** What the caller knows about the bytes. */
export interface DecodeOptions {
  /** The HTTP Content-Type header, if any. */
  contentType?: string | null;
  /** Which in-document declaration to look for; `auto` tries both. */
  kind?: 'html' | 'xml' | 'auto';
}

/**
 * Decodes bytes by the rules real feeds and pages need, in this order:
 * BOM → bytes that are valid UTF-8 stay UTF-8 → HTTP charset → XML declaration / HTML meta →
 * statistical sniff → windows-1252. Unknown labels fall through to the next rule instead of throwing.
 * Valid UTF-8 outranks the declared charset because mislabelled UTF-8 (a prolog saying
 * ISO-8859-1 over UTF-8 bytes) is far more common than Latin-1 text that happens to be valid UTF-8.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = detectBom(bytes);
  if (bom !== null) return { text: decodeWith(bom.encoding, bytes.subarray(bom.length)), encoding: bom.encoding, source: 'bom' };

  const utf8 = tryDecodeUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', source: 'utf8-valid' };

  const fromHeader = normalizeEncodingLabel(charsetFromContentType(options.contentType ?? null));
  if (fromHeader !== null && !isUtf8Label(fromHeader)) {
    return { text: decodeWith(fromHeader, bytes), encoding: fromHeader, source: 'http-charset' };
  }

  const kind = options.kind ?? 'auto';
  const head = latin1Head(bytes, 4096);
  if (kind !== 'html') {
    const declared = normalizeEncodingLabel(xmlDeclarationEncoding(head));
    if (declared !== null && !isUtf8Label(declared)) return { text: decodeWith(declared, bytes), encoding: declared, source: 'xml-declaration' };
  }
  if (kind !== 'xml') {
    const meta = normalizeEncodingLabel(htmlMetaCharset(head));
    if (meta !== null && !isUtf8Label(meta)) return { text: decodeWith(meta, bytes), encoding: meta, source: 'html-meta' };
  }

  const sniffed = sniffEncoding(bytes);
  if (sniffed !== null) return { text: decodeWith(sniffed, bytes), encoding: sniffed, source: 'sniffed' };
  return { text: decodeWith('windows-1252', bytes), encoding: 'windows-1252', source: 'default' };
}

/** Extracts the `charset` parameter of a Content-Type value (quoted or not, among other parameters). */
export function charsetFromContentType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = /;\s*charset\s*=\s*("([^"]*)"|'([^']*)'|[^;\s]+)/i.exec(contentType);
  if (match === null) return null;
  const value = match[2] ?? match[3] ?? match[1] ?? '';
  return value.trim() || null;
}

/**
 * Maps a label to the name TextDecoder uses, or null when the label is unknown to it.
 * `x-user-defined` and `replacement` are refused: they never describe real news text.
 */
export function normalizeEncodingLabel(label: string | null): string | null {
  if (label === null) return null;
  const cleaned = label.trim().toLowerCase();
  if (cleaned === '') return null;
  try {
    const name = new TextDecoder(cleaned).encoding;
    return name === 'replacement' || name === 'x-user-defined' ? null : name;
  } catch {
    return null;
  }
}

function isUtf8Label(name: string): boolean {
  // A declared UTF-8 (or UTF-16 without BOM, which is almost always a lie in a served file) that failed
  // strict validation means the label is wrong: fall through to sniffing.
  return name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be';
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function tryDecodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeWith(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

function latin1Head(bytes: Uint8Array, limit: number): string {
  const end = Math.min(bytes.length, limit);
  let out = '';
  for (let i = 0; i < end; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

function xmlDeclarationEncoding(head: string): string | null {
  const match = /^[\s\S]{0,512}?<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return match?.[1] ?? null;
}

function htmlMetaCharset(head: string): string | null {
  const direct = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (direct?.[1] !== undefined) return direct[1];
  return null;
}

/**
 * Statistical guess for bytes with no usable label. chardet's confidence is unreliable on short
 * texts, so we only accept candidates TextDecoder knows and that are single- or multi-byte
 * encodings seen in news (never UTF-8 here: that was already ruled out by strict validation).
 */
function sniffEncoding(bytes: Uint8Array): string | null {
  const candidates = analyse(bytes);
  for (const candidate of candidates) {
    const name = normalizeEncodingLabel(candidate.name);
    if (name === null || name === 'utf-8' || name.startsWith('utf-16') || name.startsWith('utf-32')) continue;
    if (candidate.confidence < 10) continue;
    return name;
  }
  return null;
}
