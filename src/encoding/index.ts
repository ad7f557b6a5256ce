export { decodeBytes, charsetFromContentType, normalizeEncodingLabel } from './decode-bytes.js';
export type { DecodedText, DecodeOptions, EncodingSource } from './decode-bytes.js';
