/**
 * A rated pair set (SemEval-2022 Task 8 style): every article is clustered, in several fixed
 * shuffles, and each rated pair is checked for co-membership. A pair is the same story when the
 * annotators' mean `overall` is ≤ 2. Scores per language (both articles in it), per language pair,
 * and overall; detection accuracy against the set's own language labels; and the largest group per
 * language with the rated pairs inside it, as a guard against groups held together by function
 * words rather than by a story.
 */
import type { StoryAssignment } from '../../src/fingerprint/index.js';
import { hashString32 } from '../../src/fingerprint/hash32.js';
import { f1 } from './scores.js';
import type { CorpusDoc, RatedPair } from './corpus.js';

/** A rated pair counts as "same story" at or below this mean rating (1 = very similar … 4 = very dissimilar). */
export const SAME_STORY_MAX_OVERALL = 2;
/** A group of at least this many articles must hold a story (see blobGroups). */
export const BLOB_MIN_SIZE = 8;

/** Pair counts of one subset. */
export interface PairCounts {
  pairs: number;
  same: number;
  tp: number;
  fp: number;
  fn: number;
}

/** One clustering run over a pair set: final story per article and the language the index used. */
export interface PairRun {
  storyOf: Map<string, string>;
  languageOf: Map<string, string>;
}

/** A group that looks like a blob of unrelated articles. */
export interface BlobGroup {
  size: number;
  languages: string;
  sameInside: number;
  differentInside: number;
}

/** Precision, recall and F1 of pair counts. */
export function pairScores(c: PairCounts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  return { p, r, f1: f1(p, r) };
}

/** The subset keys of a pair: "overall", and its language ("de") or language pair ("de-en"). */
export function subsetOf(pair: RatedPair): string {
  return pair.lang1 === pair.lang2 ? pair.lang1 : [pair.lang1, pair.lang2].sort().join('-');
}

/**
 * The half of the pairs a pair falls in ('A' or 'B'), by a hash of its two ids (order-free): a
 * change is kept only when it holds on both halves, so it is not fitted to a few pairs.
 */
export function halfOf(pair: RatedPair): 'A' | 'B' {
  return (hashString32([pair.id1, pair.id2].sort().join('_'), 14) & 1) === 0 ? 'A' : 'B';
}

/** Counts per subset over one or more runs (pooled). */
export function countPairs(pairs: readonly RatedPair[], runs: readonly PairRun[], half: 'A' | 'B' | null = null): Map<string, PairCounts> {
  const counts = new Map<string, PairCounts>();
  const add = (key: string, same: boolean, together: boolean): void => {
    const c = counts.get(key) ?? { pairs: 0, same: 0, tp: 0, fp: 0, fn: 0 };
    c.pairs += 1;
    if (same) c.same += 1;
    if (same && together) c.tp += 1;
    else if (together) c.fp += 1;
    else if (same) c.fn += 1;
    counts.set(key, c);
  };
  for (const run of runs) {
    for (const pair of pairs) {
      if (half !== null && halfOf(pair) !== half) continue;
      const a = run.storyOf.get(pair.id1);
      const b = run.storyOf.get(pair.id2);
      if (a === undefined || b === undefined) throw new Error(`pair set: ${pair.id1}/${pair.id2} names an article that is not in the set`);
      const same = pair.overall <= SAME_STORY_MAX_OVERALL;
      add('overall', same, a === b);
      add(subsetOf(pair), same, a === b);
    }
  }
  return counts;
}

/**
 * Groups of at least BLOB_MIN_SIZE articles that share no story: rated pairs inside them, and
 * none of them "same" (a group held together by function words or a topic, not by an event).
 */
export function blobGroups(docs: readonly CorpusDoc[], pairs: readonly RatedPair[], run: PairRun): BlobGroup[] {
  const members = new Map<string, CorpusDoc[]>();
  for (const doc of docs) {
    const story = run.storyOf.get(doc.id) as string;
    const list = members.get(story);
    if (list === undefined) members.set(story, [doc]);
    else list.push(doc);
  }
  const out: BlobGroup[] = [];
  for (const [story, list] of members) {
    if (list.length < BLOB_MIN_SIZE) continue;
    const inside = pairs.filter((p) => run.storyOf.get(p.id1) === story && run.storyOf.get(p.id2) === story);
    const sameInside = inside.filter((p) => p.overall <= SAME_STORY_MAX_OVERALL).length;
    const differentInside = inside.length - sameInside;
    if (sameInside === 0 && differentInside > 0) out.push({ size: list.length, languages: languageMix(list), sameInside, differentInside });
  }
  return out.sort((a, b) => b.size - a.size);
}

/** Per language: the largest group's count of articles in that language, its size and the rated pairs inside it. */
export function largestGroups(docs: readonly CorpusDoc[], pairs: readonly RatedPair[], run: PairRun): Map<string, { inLanguage: number; size: number; sameInside: number; differentInside: number }> {
  const byStory = new Map<string, CorpusDoc[]>();
  for (const doc of docs) {
    const story = run.storyOf.get(doc.id) as string;
    byStory.set(story, [...(byStory.get(story) ?? []), doc]);
  }
  const out = new Map<string, { inLanguage: number; size: number; sameInside: number; differentInside: number }>();
  for (const [story, list] of byStory) {
    for (const [lang, count] of countLanguages(list)) {
      const best = out.get(lang);
      if (best !== undefined && best.inLanguage >= count) continue;
      const inside = pairs.filter((p) => run.storyOf.get(p.id1) === story && run.storyOf.get(p.id2) === story);
      const sameInside = inside.filter((p) => p.overall <= SAME_STORY_MAX_OVERALL).length;
      out.set(lang, { inLanguage: count, size: list.length, sameInside, differentInside: inside.length - sameInside });
    }
  }
  return out;
}

/** Detection accuracy per labelled language over the articles the run entered: [correct, total] and what the misses became. */
export function detectionAccuracy(docs: readonly CorpusDoc[], run: PairRun): Map<string, { correct: number; total: number; misses: Map<string, number> }> {
  const out = new Map<string, { correct: number; total: number; misses: Map<string, number> }>();
  for (const doc of docs) {
    if (doc.lang === null || !run.languageOf.has(doc.id)) continue;
    const entry = out.get(doc.lang) ?? { correct: 0, total: 0, misses: new Map<string, number>() };
    const found = run.languageOf.get(doc.id) ?? 'und';
    entry.total += 1;
    if (found === doc.lang) entry.correct += 1;
    else entry.misses.set(found, (entry.misses.get(found) ?? 0) + 1);
    out.set(doc.lang, entry);
  }
  return out;
}

/** Records an assignment into a run (its own story, moves, language). */
export function recordAssignment(run: PairRun, id: string, a: StoryAssignment): void {
  run.storyOf.set(id, a.storyId);
  run.languageOf.set(id, a.language);
  for (const move of a.moved) run.storyOf.set(move.articleId, move.to);
}

function countLanguages(list: readonly CorpusDoc[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const doc of list) counts.set(doc.lang ?? 'und', (counts.get(doc.lang ?? 'und') ?? 0) + 1);
  return counts;
}

function languageMix(list: readonly CorpusDoc[]): string {
  return [...countLanguages(list)]
    .sort((a, b) => b[1] - a[1])
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
}
