import { decodeBytes } from '../encoding/index.js';
import type { FeedWarning } from '../types/index.js';

/** A document's text, the encoding used (null for a string given as text) and what decoding had to say. */
export interface DecodedDocument {
  text: string;
  encoding: string | null;
  encodingSource: string | null;
  warnings: FeedWarning[];
}

/**
 * Bytes decoded by the shared rules for XML (`decodeBytes`); a string is taken as already decoded.
 * A passed-over charset becomes ENCODING_OVERRIDDEN, bad bytes in UTF-8 ENCODING_INVALID_BYTES.
 */
export function decodeDocument(input: Uint8Array | string, contentType: string | null): DecodedDocument {
  if (typeof input === 'string') return { text: input, encoding: null, encodingSource: null, warnings: [] };
  const decoded = decodeBytes(input, { contentType, kind: 'xml' });
  const warnings: FeedWarning[] = [];
  if (decoded.note !== undefined) warnings.push({ code: decoded.source === 'utf8-mostly' ? 'ENCODING_INVALID_BYTES' : 'ENCODING_OVERRIDDEN', message: decoded.note });
  return { text: decoded.text, encoding: decoded.encoding, encodingSource: decoded.source, warnings };
}
