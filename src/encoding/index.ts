export { decodeBytes } from './decode-bytes.js';
export { decodeWith } from './decode-with.js';
export { charsetFromContentType, normalizeEncodingLabel } from './encoding-labels.js';
export type { DecodedText, DecodeOptions, EncodingSource } from './decode-bytes.js';
