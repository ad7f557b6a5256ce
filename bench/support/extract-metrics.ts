/**
 * The two extraction metrics the bench reports, each exactly as its benchmark computes it
 * (../shared/corpus/README.md):
 * - the scrapinghub article-extraction-benchmark rule: 4-token shingle multisets, per-page normalised
 *   tp/fp/fn, precision and recall averaged over pages, F1 of the two means;
 * - WCXB's own metric (evaluate.py `word_f1`): per page, word-bag precision/recall/F1 over lowercased
 *   `\w+` tokens; precision, recall and F1 each averaged over pages.
 */

/** One page under the scrapinghub rule: shares of tp, fp, fn (summing to 1 unless all are 0). */
export interface ShingleScore {
  tp: number;
  fp: number;
  fn: number;
}

/** Precision, recall and F1 of one page or of a corpus. */
export interface PrfScore {
  precision: number;
  recall: number;
  f1: number;
}

// Python's `re` `\w` on str: letters, numbers and the underscore (combining marks are not word characters there either).
const WORD = /[\p{L}\p{N}_]+/gu;

/** `\w+` tokens as both benchmarks' Python scripts find them (case kept). */
export function wordTokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The scrapinghub rule for one page: 4-shingle multisets, tp/fp/fn normalised by their sum. */
export function scoreShinglePage(truth: string, predicted: string): ShingleScore {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of t) {
    const other = p.get(key) ?? 0;
    tp += Math.min(count, other);
    fn += Math.max(0, count - other);
  }
  for (const [key, count] of p) fp += Math.max(0, count - (t.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

/** Precision, recall and their F1 of one page under the scrapinghub rule (for per-page lists, not the corpus mean). */
export function shinglePagePrf(s: ShingleScore): PrfScore {
  const precision = shinglePrecision(s);
  const recall = shingleRecall(s);
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/**
 * The corpus score under the scrapinghub rule: pages with tp+fp = 0 are left out of the precision mean and
 * pages with tp+fn = 0 out of the recall mean; F1 is that of the two means.
 */
export function aggregateShingle(scores: readonly ShingleScore[]): PrfScore {
  const ps = scores.filter((s) => s.tp + s.fp > 0).map(shinglePrecision);
  const rs = scores.filter((s) => s.tp + s.fn > 0).map(shingleRecall);
  const precision = mean(ps);
  const recall = mean(rs);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * WCXB's `word_f1(predicted, reference)`: tokens are `\w+` of the lowercased text (lowercase first, as
 * `re.findall(r'\w+', text.lower())`); overlap is the multiset intersection; precision = overlap / predicted
 * tokens, recall = overlap / reference tokens. An empty reference scores 1/1/1 against an empty prediction
 * and 0/0/0 otherwise; an empty prediction scores 0/0/0.
 */
export function wcxbWordF1(predicted: string, reference: string): PrfScore {
  const pred = wordTokens(predicted.toLowerCase());
  const ref = wordTokens(reference.toLowerCase());
  if (ref.length === 0) return pred.length === 0 ? { precision: 1, recall: 1, f1: 1 } : { precision: 0, recall: 0, f1: 0 };
  if (pred.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const refCounts = new Map<string, number>();
  for (const token of ref) refCounts.set(token, (refCounts.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of pred) {
    const left = refCounts.get(token) ?? 0;
    if (left > 0) {
      overlap++;
      refCounts.set(token, left - 1);
    }
  }
  const precision = overlap / pred.length;
  const recall = overlap / ref.length;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** WCXB's corpus score: precision, recall and F1 each the plain mean over pages (F1 is not recomputed from the means). */
export function aggregateWcxb(scores: readonly PrfScore[]): PrfScore {
  return { precision: mean(scores.map((s) => s.precision)), recall: mean(scores.map((s) => s.recall)), f1: mean(scores.map((s) => s.f1)) };
}

function shingles(text: string): Map<string, number> {
  const tokens = wordTokens(text);
  const map = new Map<string, number>();
  if (tokens.length === 0) return map;
  if (tokens.length < 4) {
    map.set(tokens.join(' '), 1);
    return map;
  }
  for (let i = 0; i + 4 <= tokens.length; i++) {
    const key = `${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]} ${tokens[i + 3]}`;
    map.set(key, (map.get(key) ?? 0) + 1);
  }
  return map;
}

function shinglePrecision(s: ShingleScore): number {
  if (s.fp === 0 && s.fn === 0) return 1;
  if (s.tp === 0 && s.fp === 0) return 0;
  return s.tp / (s.tp + s.fp);
}

function shingleRecall(s: ShingleScore): number {
  if (s.fp === 0 && s.fn === 0) return 1;
  if (s.tp === 0 && s.fn === 0) return 0;
  return s.tp / (s.tp + s.fn);
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
