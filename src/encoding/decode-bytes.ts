import { findDocumentDeclaration } from './declared-encoding.js';
import { charsetFromContentType, isGenericWesternLabel, isMultiByte, isPlausibleIn, normalizeEncodingLabel } from './encoding-labels.js';
import { decodeWith } from './decode-with.js';
import { sniffEncoding } from './sniff-encoding.js';
import { measureUtf8 } from './utf8-health.js';
import { detectBom, detectUnmarkedWide } from './wide-encodings.js';

/** Why an encoding was chosen, in the order the rules are tried. */
export type EncodingSource = 'bom' | 'utf8-valid' | 'utf8-mostly' | 'http-charset' | 'xml-declaration' | 'html-meta' | 'sniffed' | 'default';

/** Decoded text plus the encoding used and why. */
export interface DecodedText {
  text: string;
  /** WHATWG encoding name as TextDecoder reports it (e.g. `utf-8`, `windows-1256`). */
  encoding: string;
  source: EncodingSource;
  /** Set when a declared charset was passed over, saying which and why (for logs and run reports). */
  note?: string;
  /** Invalid UTF-8 byte sequences replaced with U+FFFD (set with source `utf8-mostly`). */
  replaced?: number;
}

/** What the caller knows about the bytes. */
export interface DecodeOptions {
  /** The HTTP Content-Type header, if any. */
  contentType?: string | null;
  /** Which in-document declaration to look for; `auto` tries both. */
  kind?: 'html' | 'xml' | 'auto';
}

/**
 * A sniffed encoding overrides a generic Western HTTP label only when chardet is at least this sure;
 * measured: Arabic, Cyrillic, Greek and Hebrew news text scores 57–90, Latin-1 French text 98 for itself.
 */
const OVERRIDE_CONFIDENCE = 50;
/** chardet reports 100 for CJK text in its own encoding and ≤ 56 for the wrong CJK candidates. */
const CERTAIN_CONFIDENCE = 95;
/**
 * Bytes whose multi-byte sequences are valid UTF-8 at least this many times per invalid byte are UTF-8
 * with damage (a stray 0xFF, a cut sequence), not a legacy encoding. Measured on fixtures/encoding, the
 * feed fixtures and the feed corpus: legacy text reaches at most 0.26 valid sequences per invalid byte
 * (GB18030, Shift_JIS and Big5, whose trail bytes fall in UTF-8's continuation range), single-byte
 * encodings at most 0.02; a UTF-8 body with one bad byte has hundreds. 8 keeps a 30× margin and
 * still takes a short UTF-8 feed with 8 non-ASCII characters and one bad byte.
 */
const MOSTLY_UTF8_RATIO = 8;

/**
 * Decodes bytes by the rules real feeds and pages need, in this order:
 * BOM (UTF-8, UTF-16, UTF-32) → UTF-16/32 without BOM recognised by the bytes of a leading `<`
 * (XML 1.0 Appendix F) → bytes that are valid UTF-8 stay UTF-8, and so do bytes that are nearly all
 * valid UTF-8 (decoded with U+FFFD for the bad bytes, and `replaced` counting them) → HTTP charset →
 * XML declaration / HTML meta → statistical sniff → windows-1252. Unknown labels fall through to the
 * next rule instead of throwing.
 *
 * Valid UTF-8 outranks every label because mislabelled UTF-8 is far more common than Latin-1 text
 * that happens to be valid UTF-8. The HTTP charset is trusted unless it demonstrably does not fit:
 * - a multi-byte label (Shift_JIS, GB18030, Big5, EUC-*) over bytes that are invalid in it is ignored,
 *   and one that the sniffer is near-certain is another encoding is overruled;
 * - a generic Western label (ISO-8859-1 / US-ASCII / windows-1252, the usual server default) loses to a
 *   different declaration inside the document, and, with no declaration, to a confident sniff of a
 *   non-Latin encoding: the page author knows the page, a server default does not;
 * - a specific label (e.g. windows-1251) that disagrees with the document's declaration loses only when
 *   the sniffer agrees with the document.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = detectBom(bytes);
  if (bom !== null) return { text: decodeWith(bom.encoding, bytes.subarray(bom.length)), encoding: bom.encoding, source: 'bom' };

  const wide = detectUnmarkedWide(bytes);
  if (wide !== null) {
    // The declaration (read in the same encoding) is what makes such a document legal; without one it is still unmistakable.
    const text = decodeWith(wide.encoding, bytes);
    return { text, encoding: wide.encoding, source: /^\s*<\?xml[^>]*encoding\s*=/.test(text) ? 'xml-declaration' : 'sniffed' };
  }

  const utf8 = tryDecodeUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', source: 'utf8-valid' };
  const health = measureUtf8(bytes);
  if (health.valid >= MOSTLY_UTF8_RATIO * health.invalid) {
    const note = `${health.invalid} invalid UTF-8 byte sequence(s) among ${health.valid} valid ones replaced with U+FFFD`;
    return { text: decodeWith('utf-8', bytes), encoding: 'utf-8', source: 'utf8-mostly', note, replaced: health.invalid };
  }

  const declaration = findDocumentDeclaration(bytes, options.kind ?? 'auto');
  const declared = usable(normalizeEncodingLabel(declaration?.label ?? null), bytes);
  const fromHeader = usable(normalizeEncodingLabel(charsetFromContentType(options.contentType ?? null)), bytes);

  if (fromHeader !== null) {
    if (declared !== null && declaration !== null && declared !== fromHeader) {
      const sniffed = sniffEncoding(bytes);
      if (isGenericWesternLabel(fromHeader) || sniffed?.encoding === declared) {
        const note = `HTTP charset ${fromHeader} overridden by the document's ${declaration.source} ${declared}`;
        return { text: decodeWith(declared, bytes), encoding: declared, source: declaration.source, note };
      }
    } else if (declared === null && isMultiByte(fromHeader)) {
      // Big5, GBK and EUC byte ranges overlap, so Chinese text mislabelled Big5 (or the reverse) is often
      // well-formed in the wrong encoding; only a near-certain sniff of another encoding overrules it.
      const sniffed = sniffEncoding(bytes, CERTAIN_CONFIDENCE);
      if (sniffed !== null && sniffed.encoding !== fromHeader) {
        const note = `HTTP charset ${fromHeader} overridden by a sniffed ${sniffed.encoding} (confidence ${sniffed.confidence})`;
        return { text: decodeWith(sniffed.encoding, bytes), encoding: sniffed.encoding, source: 'sniffed', note };
      }
    } else if (declared === null && isGenericWesternLabel(fromHeader)) {
      const sniffed = sniffEncoding(bytes, OVERRIDE_CONFIDENCE);
      if (sniffed !== null && !isLatinScript(sniffed.encoding)) {
        const note = `HTTP charset ${fromHeader} overridden by a sniffed ${sniffed.encoding} (confidence ${sniffed.confidence})`;
        return { text: decodeWith(sniffed.encoding, bytes), encoding: sniffed.encoding, source: 'sniffed', note };
      }
    }
    return { text: decodeWith(fromHeader, bytes), encoding: fromHeader, source: 'http-charset' };
  }

  if (declared !== null && declaration !== null) {
    return { text: decodeWith(declared, bytes), encoding: declared, source: declaration.source };
  }

  const sniffed = sniffEncoding(bytes);
  if (sniffed !== null) return { text: decodeWith(sniffed.encoding, bytes), encoding: sniffed.encoding, source: 'sniffed' };
  return { text: decodeWith('windows-1252', bytes), encoding: 'windows-1252', source: 'default' };
}

/**
 * A label is usable when TextDecoder knows it, it is not UTF-8/16 (strict validation already failed,
 * so such a label is wrong), and the bytes are well-formed in it.
 */
function usable(name: string | null, bytes: Uint8Array): string | null {
  if (name === null || name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be') return null;
  return isPlausibleIn(name, bytes) ? name : null;
}

/** Encodings whose text is Latin script: a sniff among these is too unsure to overrule a label. */
function isLatinScript(encoding: string): boolean {
  return /^(windows-125[02478]|iso-8859-(1|2|3|4|9|10|13|14|15|16)|macintosh)$/.test(encoding);
}

function tryDecodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

