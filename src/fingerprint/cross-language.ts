import type { DocumentFrequencies } from './document-frequencies.js';
import type { ArticleNode, Link } from './story-graph.js';
import { normalizeVector, type TermReader, type TermVector } from './story-vector.js';
import type { TokenStream } from './tokenize-text.js';

/** Names and figures an article keeps for cross-language links (its strongest). */
const NAME_TERMS = 12;
/** Names whose postings are read per query, entries read per posting, candidates scored exactly. */
const QUERY_NAMES = 8;
const POSTING_READ_LIMIT = 50;
const SHORTLIST = 4;
/** Names two reports in different languages must share, at least: one shared place is a coincidence. */
const MIN_SHARED_NAMES = 2;

/** The language code of the name table: names are counted over all languages together. */
export const NAMES_LANGUAGE = 'mul';

/**
 * The names and figures of an article in their language-neutral form (term-forms.ts nameKey:
 * Erdoğan'ın → erdogan, Köln → koln), weighted as in its vector (title and lead up, figures up),
 * times their idf over all languages (`names`, the `mul` table: "covid", "19", "2020" or "Trump"
 * are in reports of every language and link nothing), strongest NAME_TERMS, normalized. What a
 * report in German and one in English of the same event share is mostly this: who, where, how many.
 * Returns the vector and every name key of the article (for the name table).
 */
export function nameVector(title: TokenStream, body: TokenStream, reader: TermReader, names: DocumentFrequencies, weights: { titleWeight: number; leadWeight: number; leadTokens: number; numberWeight: number; entityWeight: number }): { vector: TermVector; keys: string[] } {
  const counts = new Map<string, { weight: number; idf: number }>();
  const add = (stream: TokenStream, field: (i: number) => number): void => {
    for (let i = 0; i < stream.tokens.length; i += 1) {
      if (stream.entity[i] !== 1) continue;
      const token = stream.tokens[i] as string;
      if (reader.stopWords.has(token) || token.length < 2) continue;
      const key = reader.name === undefined ? token : reader.name(token);
      const first = key.charCodeAt(0);
      const boost = first >= 48 && first <= 57 ? weights.numberWeight : weights.entityWeight;
      const entry = counts.get(key);
      if (entry === undefined) counts.set(key, { weight: field(i) * boost, idf: names.idf(key) });
      else entry.weight += field(i) * boost;
    }
  };
  add(title, () => weights.titleWeight);
  add(body, (i) => (i < weights.leadTokens ? weights.leadWeight : 1));
  const scored = [...counts].map(([key, { weight, idf }]): [string, number] => [key, (1 + Math.log(weight)) * idf]).filter(([, w]) => w > 0);
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const vector = normalizeVector(scored.slice(0, NAME_TERMS));
  for (const [key, w] of vector) vector.set(key, Math.round(w * 100_000) / 100_000);
  return { vector, keys: [...counts.keys()] };
}

/**
 * Postings of the articles' names, to find reports of the same event in other languages. A link
 * across languages is scored on names and figures alone (their cosine, at least two shared) and
 * must pass its own bar (StoryTuning.crossLanguageSimilarity); its weight in the graph is that
 * cosine times crossLanguageWeight, so it counts as much as an ordinary link of that strength.
 */
export class NameIndex {
  private readonly postings = new Map<string, ArticleNode[]>();
  private readonly live = new Map<string, number>();
  private dead = 0;
  private posted = 0;
  private query = 0;

  /** Adds an article's names. */
  add(node: ArticleNode): void {
    for (const key of node.names?.keys() ?? []) {
      const list = this.postings.get(key);
      if (list === undefined) this.postings.set(key, [node]);
      else list.push(node);
      this.posted += 1;
    }
    this.live.set(node.language, (this.live.get(node.language) ?? 0) + 1);
  }

  /** An article left the window (its postings are skipped, then compacted away). */
  remove(node: ArticleNode): void {
    this.dead += node.names?.size ?? 0;
    const left = (this.live.get(node.language) ?? 1) - 1;
    if (left <= 0) this.live.delete(node.language);
    else this.live.set(node.language, left);
    if (this.dead > this.posted / 2) this.compact();
  }

  /** Whether the window holds articles in a language other than `language` (else there is nothing to look for). */
  hasOtherLanguages(language: string): boolean {
    return this.live.size > 1 || (this.live.size === 1 && !this.live.has(language));
  }

  /**
   * Articles in other languages that share names with `node` (best first); `score` turns the name
   * cosine into the link similarity or returns null to skip.
   */
  candidates(node: ArticleNode, score: (other: ArticleNode, cosine: number, shared: number) => number | null): Link[] {
    const names = node.names;
    if (names === undefined || names.size < MIN_SHARED_NAMES || !this.hasOtherLanguages(node.language)) return [];
    this.query += 1;
    const stamp = -this.query;
    const found: ArticleNode[] = [];
    let used = 0;
    for (const [key, weight] of names) {
      if (used >= QUERY_NAMES) break;
      used += 1;
      const list = this.postings.get(key);
      if (list === undefined) continue;
      let read = 0;
      for (let i = list.length - 1; i >= 0 && read < POSTING_READ_LIMIT; i -= 1) {
        const other = list[i] as ArticleNode;
        if (!other.live || other.language === node.language) continue;
        read += 1;
        // A negative stamp: the graph's own queries use positive ones on the same scratch fields.
        if (other.stamp !== stamp) {
          other.stamp = stamp;
          other.partial = 0;
          found.push(other);
        }
        other.partial += weight * (other.names?.get(key) ?? 0);
      }
    }
    found.sort((a, b) => b.partial - a.partial || a.seq - b.seq);
    const out: Link[] = [];
    for (const other of found.slice(0, SHORTLIST)) {
      let cosine = 0;
      let shared = 0;
      for (const [key, w] of names) {
        const v = other.names?.get(key);
        if (v === undefined) continue;
        cosine += w * v;
        shared += 1;
      }
      if (shared < MIN_SHARED_NAMES) continue;
      const similarity = score(other, cosine, shared);
      if (similarity !== null) out.push({ node: other, similarity });
    }
    return out;
  }

  private compact(): void {
    let posted = 0;
    for (const [key, list] of this.postings) {
      const live = list.filter((n) => n.live);
      if (live.length === 0) this.postings.delete(key);
      else this.postings.set(key, live);
      posted += live.length;
    }
    this.posted = posted;
    this.dead = 0;
  }
}
