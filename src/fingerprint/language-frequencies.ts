import { DocumentFrequencies, DEFAULT_DF_LIMITS, type DocumentFrequencyColumns, type DocumentFrequencyLimits, type DocumentFrequencySnapshot } from './document-frequencies.js';
import { termReaderFor } from './term-forms.js';
import { COMMON_NEWS_WORDS, COMMON_NEWS_WORDS_OF } from './word-lists.js';

/**
 * The common-news-word prior: English vocabulary for English and undetermined tables; the
 * language's own list, in its term forms, where one is written (word-lists.ts).
 */
function commonWordsOf(language: string): ReadonlySet<string> | null {
  if (language === 'en' || language === 'und' || language === 'mul') return COMMON_NEWS_WORDS;
  const words = COMMON_NEWS_WORDS_OF[language];
  if (words === undefined) return null;
  const reader = termReaderFor(language);
  return new Set(words.map((word) => reader.term(word)));
}

/** JSON form of the per-language document frequencies: one table per language, keyed by its code. */
export interface LanguageFrequencySnapshot {
  languages: ({ language: string } & DocumentFrequencySnapshot)[];
}

/** The tables as an image is read into them (DocumentFrequencyColumns per language, in first-seen order). */
export interface LanguageFrequencyColumns {
  languages: ({ language: string } & DocumentFrequencyColumns)[];
}

/** A language's table read from an image and not used since: built when first used (LanguageFrequencies.forLanguage). */
interface UnbuiltTable {
  columns: DocumentFrequencyColumns;
  limits: DocumentFrequencyLimits;
}

/** Terms every language may keep, however few articles it has (a new language learns from its first articles). */
const MIN_TERMS_PER_LANGUAGE = 5_000;
/** Terms kept over all languages together, shared by their share of the documents. */
const TOTAL_TERMS = 80_000;

/**
 * Document frequencies kept per language, so a language's function words are weighed within that
 * language: in one table shared with English, Spanish "de" or "que" looks rare while Spanish
 * articles are a minority, and it then dominates their vectors. Each table is bounded (see
 * DocumentFrequencies); their limits follow each language's share of the documents, so the whole
 * stays under TOTAL_TERMS plus MIN_TERMS_PER_LANGUAGE per language seen.
 */
export class LanguageFrequencies {
  /**
   * Tables in first-seen order. A table read from an image stays as read until its language is
   * next used: an index of 100,000 live articles restored ~150 tables of up to ~10,000 terms each,
   * and the replay and the first assignments after it use a fraction of the languages.
   */
  private readonly tables = new Map<string, DocumentFrequencies | UnbuiltTable>();
  private totalDocs = 0;

  constructor(snapshot: LanguageFrequencySnapshot | LanguageFrequencyColumns | null = null) {
    for (const entry of snapshot?.languages ?? []) {
      const limits = this.limitsFor(entry.docs);
      if ('counts' in entry) this.tables.set(entry.language, { columns: entry, limits });
      else this.tables.set(entry.language, new DocumentFrequencies({ docs: entry.docs, terms: entry.terms }, limits, commonWordsOf(entry.language)));
      this.totalDocs += entry.docs;
    }
  }

  /** The table of one language (created empty on first use). */
  forLanguage(language: string): DocumentFrequencies {
    const held = this.tables.get(language);
    if (held instanceof DocumentFrequencies) return held;
    // Built as the constructor would have built it (the limits it had then; set again before any count).
    const table = held === undefined ? new DocumentFrequencies(null, this.limitsFor(0), commonWordsOf(language)) : new DocumentFrequencies(held.columns, held.limits, commonWordsOf(language));
    this.tables.set(language, table);
    return table;
  }

  /** Counts one document's distinct terms in its language's table. */
  addDocument(language: string, terms: Iterable<string>): void {
    const table = this.forLanguage(language);
    const before = table.docs;
    table.setLimits(this.limitsFor(before + 1));
    table.addDocument(terms);
    this.totalDocs += table.docs - before;
  }

  /** The idf of each of one document's distinct terms in its language's table, then counts it there (DocumentFrequencies.idfAndAdd); `count`: the first so many of `terms`; `hashes`: their keyHashes, when known. */
  idfAndAdd(language: string, terms: readonly string[], count = terms.length, hashes: Int32Array | null = null): Float64Array {
    const table = this.forLanguage(language);
    const before = table.docs;
    table.setLimits(this.limitsFor(before + 1));
    const idf = table.idfAndAdd(terms, count, hashes);
    this.totalDocs += table.docs - before;
    return idf;
  }

  /** Distinct terms held over all languages. */
  get size(): number {
    let size = 0;
    for (const table of this.tables.values()) size += table instanceof DocumentFrequencies ? table.size : table.columns.terms.length;
    return size;
  }

  /** JSON-serialisable copy (languages in first-seen order). */
  snapshot(): LanguageFrequencySnapshot {
    return { languages: [...this.tables].map(([language, table]) => ({ language, ...(table instanceof DocumentFrequencies ? table.snapshot() : pairsOf(table.columns)) })) };
  }

  private limitsFor(docs: number): { maxTerms: number; decayAt: number } {
    const share = this.totalDocs <= 0 ? 1 : Math.min(1, docs / this.totalDocs);
    return { maxTerms: Math.max(MIN_TERMS_PER_LANGUAGE, Math.round(TOTAL_TERMS * share)), decayAt: DEFAULT_DF_LIMITS.decayAt };
  }
}

/** A table not built yet as DocumentFrequencies.snapshot gives it: [term, count] pairs in its order. */
function pairsOf(columns: DocumentFrequencyColumns): DocumentFrequencySnapshot {
  const terms: [string, number][] = [];
  for (let i = 0; i < columns.terms.length; i += 1) terms.push([columns.terms[i] as string, columns.counts[i] as number]);
  return { docs: columns.docs, terms };
}
