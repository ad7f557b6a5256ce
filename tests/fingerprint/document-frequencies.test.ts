import { describe, expect, it } from 'vitest';
import { DocumentFrequencies, type DocumentFrequencyLimits, type DocumentFrequencySnapshot } from '../../src/fingerprint/document-frequencies.js';
import { LanguageFrequencies } from '../../src/fingerprint/language-frequencies.js';
import { termReaderFor } from '../../src/fingerprint/term-forms.js';
import { keyHash } from '../../src/fingerprint/weighted-keys.js';
import { seededRandom } from './helpers.js';

/** The table as a plain Map of counts (the implementation before counts moved to slots), as the model. */
class ModelFrequencies {
  documents: number;
  counts: Map<string, number>;

  constructor(
    snapshot: DocumentFrequencySnapshot | null,
    private readonly limits: DocumentFrequencyLimits,
    private readonly commonWords: ReadonlySet<string>,
  ) {
    this.documents = snapshot?.docs ?? 0;
    this.counts = new Map(snapshot?.terms ?? []);
  }

  idfAndAdd(terms: readonly string[]): number[] {
    const out = terms.map((term) => {
      const learned = this.counts.get(term) ?? 0;
      this.counts.set(term, learned + 1);
      return Math.log((this.documents + 400 + 1) / (learned + (this.commonWords.has(term) ? 60 : 0) + 1));
    });
    this.documents += 1;
    this.bound();
    return out;
  }

  addDocument(terms: readonly string[]): void {
    this.documents += 1;
    for (const term of terms) this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
    this.bound();
  }

  private bound(): void {
    if (this.counts.size > this.limits.maxTerms * 1.1) {
      const keep = Math.floor(this.limits.maxTerms * 0.8);
      const sorted = [...this.counts.values()].sort((a, b) => a - b);
      const threshold = sorted[sorted.length - keep] as number;
      let atThreshold = keep - sorted.filter((c) => c > threshold).length;
      for (const [term, count] of this.counts) {
        if (count > threshold) continue;
        if (count === threshold && atThreshold > 0) atThreshold -= 1;
        else this.counts.delete(term);
      }
    }
    if (this.documents > this.limits.decayAt) {
      this.documents /= 2;
      for (const [term, count] of [...this.counts]) {
        if (count / 2 < 0.5) this.counts.delete(term);
        else this.counts.set(term, count / 2);
      }
    }
  }
}

describe('DocumentFrequencies', () => {
  it('gives the idfs, order and counts of a Map of counts through pruning, decay and a restore', () => {
    const random = seededRandom(17);
    const limits = { maxTerms: 40, decayAt: 60 };
    const common = new Set(['w1', 'w3']);
    const vocabulary = Array.from({ length: 200 }, (_, i) => `w${i}`);
    const doc = (): string[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * 12) }, () => vocabulary[Math.floor(vocabulary.length * random() ** 2)] as string))];
    let table = new DocumentFrequencies(null, limits, common);
    const model = new ModelFrequencies(null, limits, common);
    for (let i = 0; i < 2_000; i += 1) {
      const terms = doc();
      if (i % 3 === 0) {
        table.addDocument(terms);
        model.addDocument(terms);
      } else expect([...table.idfAndAdd(terms)]).toEqual(model.idfAndAdd(terms));
      expect(table.idf('w1')).toBe(Math.log((model.documents + 401) / ((model.counts.get('w1') ?? 0) + 61)));
      if (i % 250 === 0) table = new DocumentFrequencies(table.snapshot(), limits, common);
      expect(table.snapshot()).toEqual({ docs: model.documents, terms: [...model.counts] });
    }
    expect(table.size).toBe(model.counts.size);
  });
});

describe('LanguageFrequencies common-word priors', () => {
  it('weighs German news words below a rare German word from the first article, in their term forms', () => {
    const frequencies = new LanguageFrequencies();
    const german = frequencies.forLanguage('de');
    const reader = termReaderFor('de');
    // "jähriger" and "Polizei" are on the German list (word-lists.ts), "Eisstadion" is not.
    expect(german.idf(reader.term('jähriger'))).toBeLessThan(german.idf(reader.term('eisstadion')));
    expect(german.idf(reader.term('polizei'))).toBeLessThan(german.idf(reader.term('eisstadion')));
    // Languages without a written list have no prior: every unseen term weighs the same.
    const turkish = frequencies.forLanguage('tr');
    expect(turkish.idf('polis')).toBe(turkish.idf('stadyum'));
  });
});

describe('LanguageFrequencies read from columns (an image)', () => {
  it('builds each table when its language is first used, and counts and snapshots as tables built from [term, count] pairs', () => {
    const random = seededRandom(11);
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const doc = (): string[] => [...new Set(Array.from({ length: 20 }, () => words[Math.floor(random() * words.length)] as string))];
    const languages = ['en', 'de', 'tr', 'fr'];
    const built = new LanguageFrequencies();
    for (let i = 0; i < 400; i += 1) built.idfAndAdd(languages[i % languages.length] as string, doc());
    const snapshot = built.snapshot();
    const columns = { languages: snapshot.languages.map((t) => ({ language: t.language, docs: t.docs, terms: t.terms.map(([term]) => term), counts: Float64Array.from(t.terms.map(([, count]) => count)) })) };
    const fromPairs = new LanguageFrequencies(snapshot);
    const fromColumns = new LanguageFrequencies(columns);
    // A table not used yet snapshots as read; one used is built and counts on from where it was.
    expect(fromColumns.snapshot()).toEqual(snapshot);
    expect(fromColumns.size).toBe(fromPairs.size);
    for (let i = 0; i < 200; i += 1) {
      const language = i < 100 ? 'de' : (languages[i % 3] as string);
      const terms = doc();
      expect([...fromColumns.idfAndAdd(language, terms)]).toEqual([...fromPairs.idfAndAdd(language, terms)]);
    }
    expect(fromColumns.snapshot()).toEqual(fromPairs.snapshot());
  });
});

describe('idfAndAdd with the terms\' keyHashes', () => {
  it('gives what it gives without them, common words and pruning included', () => {
    const random = seededRandom(23);
    const common = ['said', 'police', 'government', 'minister', 'people'];
    const plain = new LanguageFrequencies(null);
    const hashed = new LanguageFrequencies(null);
    for (let doc = 0; doc < 3_000; doc += 1) {
      const language = doc % 3 === 0 ? 'de' : 'en';
      const terms = [...new Set(Array.from({ length: 1 + Math.floor(random() * 60) }, () => (random() < 0.2 ? (common[Math.floor(random() * common.length)] as string) : `w${Math.floor(random() ** 2 * 60_000)}`)))];
      const hashes = Int32Array.from(terms, keyHash);
      expect([...hashed.idfAndAdd(language, terms, terms.length, hashes)]).toEqual([...plain.idfAndAdd(language, terms, terms.length)]);
    }
    expect(hashed.snapshot()).toEqual(plain.snapshot());
  });
});
