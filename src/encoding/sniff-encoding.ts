import { analyse } from 'chardet';
import { isMultiByte, isPlausibleIn, normalizeEncodingLabel } from './encoding-labels.js';
import { looksLikeThai } from './thai-sniff.js';

/** chardet is given at most this much: enough for a stable guess, cheap on a 10 MiB page. */
const SNIFF_BYTES = 64 * 1024;
/** Confidence reported for text that keeps Thai spelling rules (see looksLikeThai): above every override threshold. */
const THAI_CONFIDENCE = 90;

/** A statistical guess and how sure chardet was (0–100). */
export interface SniffResult {
  encoding: string;
  confidence: number;
}

/**
 * Statistical guess for bytes with no usable label. Only candidates TextDecoder knows are taken, and
 * never UTF-8/16/32: UTF-8 validation and the UTF-16/32 byte patterns were tried first. Candidates
 * under `minConfidence` are ignored. Thai (TIS-620 / windows-874) is recognised by its spelling rules,
 * where chardet guesses windows-1252.
 */
export function sniffEncoding(bytes: Uint8Array, minConfidence = 10): SniffResult | null {
  const sample = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  for (const candidate of analyse(sample)) {
    const name = normalizeEncodingLabel(candidate.name);
    if (name === null || name === 'utf-8' || name.startsWith('utf-16') || name.startsWith('utf-32')) continue;
    if (candidate.confidence < minConfidence) continue;
    // chardet's Thai model loses to windows-1252 (or to a CJK encoding the bytes are not even well-formed in)
    // on real Thai news text; a well-formed multi-byte guess is left alone.
    const thaiMayWin = name !== 'windows-874' && (!isMultiByte(name) || !isPlausibleIn(name, sample));
    if (thaiMayWin && looksLikeThai(sample)) return { encoding: 'windows-874', confidence: THAI_CONFIDENCE };
    return { encoding: name, confidence: candidate.confidence };
  }
  return looksLikeThai(sample) ? { encoding: 'windows-874', confidence: THAI_CONFIDENCE } : null;
}
