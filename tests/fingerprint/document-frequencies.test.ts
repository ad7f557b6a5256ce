import { describe, expect, it } from 'vitest';
import { DocumentFrequencies } from '../../src/fingerprint/document-frequencies.js';
import { seededRandom } from '../support/seeded-random.js';

/** The table as it was written on a Map (before term-counts.ts): the order of prune and decay it must keep. */
class MapFrequencies {
  docs = 0;
  readonly counts = new Map<string, number>();
  constructor(private readonly limits: { maxTerms: number; decayAt: number }) {}
  idfAndAdd(terms: readonly string[]): number[] {
    const out = terms.map((term) => {
      const learned = this.counts.get(term) ?? 0;
      this.counts.set(term, learned + 1);
      return Math.log((this.docs + 401) / (learned + 1));
    });
    this.docs += 1;
    if (this.counts.size > this.limits.maxTerms * 1.1) this.prune();
    if (this.docs > this.limits.decayAt) {
      this.docs /= 2;
      for (const [term, count] of [...this.counts]) {
        if (count / 2 < 0.5) this.counts.delete(term);
        else this.counts.set(term, count / 2);
      }
    }
    return out;
  }
  private prune(): void {
    const keep = Math.floor(this.limits.maxTerms * 0.8);
    const sorted = [...this.counts.values()].sort((a, b) => b - a);
    const threshold = sorted[keep - 1] as number;
    let atThreshold = keep - sorted.filter((c) => c > threshold).length;
    for (const [term, count] of this.counts) {
      if (count > threshold) continue;
      if (count === threshold && atThreshold > 0) atThreshold -= 1;
      else this.counts.delete(term);
    }
  }
}

describe('DocumentFrequencies', () => {
  it('gives the idfs and keeps the terms, in their order, that the Map-based table did through prunes and decays', () => {
    const random = seededRandom(400);
    const limits = { maxTerms: 300, decayAt: 150 };
    const table = new DocumentFrequencies(null, limits, null);
    const reference = new MapFrequencies(limits);
    for (let doc = 0; doc < 1_000; doc += 1) {
      const terms = [...new Set(Array.from({ length: 1 + Math.floor(random() * 40) }, () => `w${Math.floor(800 ** random())}`))];
      expect([...table.idfAndAdd(terms)]).toEqual(reference.idfAndAdd(terms));
      if (doc % 97 === 0) expect(table.snapshot()).toEqual({ docs: reference.docs, terms: [...reference.counts] });
    }
    const restored = new DocumentFrequencies(table.snapshot(), limits, null);
    expect(restored.snapshot()).toEqual(table.snapshot());
  });
});
