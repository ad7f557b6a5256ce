import { analyse } from 'chardet';
import { normalizeEncodingLabel } from './encoding-labels.js';

/** chardet is given at most this much: enough for a stable guess, cheap on a 10 MiB page. */
const SNIFF_BYTES = 64 * 1024;

/** A statistical guess and how sure chardet was (0–100). */
export interface SniffResult {
  encoding: string;
  confidence: number;
}

/**
 * Statistical guess for bytes with no usable label. Only candidates TextDecoder knows are taken, and
 * never UTF-8/16/32: strict UTF-8 validation already ruled UTF-8 out, and UTF-16 without a BOM is
 * not something news sites serve. Candidates under `minConfidence` are ignored.
 */
export function sniffEncoding(bytes: Uint8Array, minConfidence = 10): SniffResult | null {
  const sample = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  for (const candidate of analyse(sample)) {
    const name = normalizeEncodingLabel(candidate.name);
    if (name === null || name === 'utf-8' || name.startsWith('utf-16') || name.startsWith('utf-32')) continue;
    if (candidate.confidence < minConfidence) continue;
    return { encoding: name, confidence: candidate.confidence };
  }
  return null;
}
