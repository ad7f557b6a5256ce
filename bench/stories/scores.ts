/** Clustering scores of the stories bench: pairwise and B-cubed precision, recall and F1. */

/** Scores of one clustering against gold labels. */
export interface Scores {
  pairP: number;
  pairR: number;
  pairF1: number;
  b3P: number;
  b3R: number;
  b3F1: number;
  groups: number;
  gold: number;
}

/** Pairwise and B-cubed scores of `predicted` story ids against `gold` labels (same order). */
export function scoreClusters(gold: readonly string[], predicted: readonly string[]): Scores {
  const n = gold.length;
  let tp = 0;
  let predPairs = 0;
  let goldPairs = 0;
  const byPred = groupIndexes(predicted);
  const byGold = groupIndexes(gold);
  for (const members of byPred.values()) {
    predPairs += (members.length * (members.length - 1)) / 2;
    const counts = countBy(members.map((i) => gold[i] as string));
    for (const c of counts.values()) tp += (c * (c - 1)) / 2;
  }
  for (const members of byGold.values()) goldPairs += (members.length * (members.length - 1)) / 2;
  const pairP = predPairs === 0 ? 0 : tp / predPairs;
  const pairR = goldPairs === 0 ? 0 : tp / goldPairs;
  let b3P = 0;
  let b3R = 0;
  for (let i = 0; i < n; i += 1) {
    const own = byPred.get(predicted[i] as string) as number[];
    const cls = byGold.get(gold[i] as string) as number[];
    const both = own.filter((j) => gold[j] === gold[i]).length;
    b3P += both / own.length;
    b3R += both / cls.length;
  }
  b3P /= n;
  b3R /= n;
  return { pairP, pairR, pairF1: f1(pairP, pairR), b3P, b3R, b3F1: f1(b3P, b3R), groups: byPred.size, gold: byGold.size };
}

/** Indexes of each label, in order. */
export function groupIndexes(labels: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = groups.get(label);
    if (list === undefined) groups.set(label, [i]);
    else list.push(i);
  });
  return groups;
}

/** How often each value occurs. */
export function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Harmonic mean (0 when both are 0). */
export function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Field-wise mean of several runs' scores. */
export function meanScores(list: readonly Scores[]): Scores {
  const keys = ['pairP', 'pairR', 'pairF1', 'b3P', 'b3R', 'b3F1', 'groups', 'gold'] as const;
  const out = {} as Scores;
  for (const k of keys) out[k] = list.reduce((s, x) => s + x[k], 0) / list.length;
  return out;
}

/** One line of scores as the bench prints them. */
export function formatScores(s: Scores): string {
  const f = (x: number): string => x.toFixed(3);
  return `pairwise P ${f(s.pairP)} R ${f(s.pairR)} F1 ${f(s.pairF1)} | B-cubed P ${f(s.b3P)} R ${f(s.b3R)} F1 ${f(s.b3F1)} | groups ${s.groups.toFixed(1)} (gold ${s.gold})`;
}
