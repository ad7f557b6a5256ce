export { decodeBytes } from './decode-bytes.js';
export { charsetFromContentType, normalizeEncodingLabel } from './encoding-labels.js';
export type { DecodedText, DecodeOptions, EncodingSource } from './decode-bytes.js';
