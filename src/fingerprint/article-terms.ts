import { hashString32 } from './hash32.js';
import { IN_SHARE_BAR, markTokenKinds, STOP_WORD, tokenKinds } from './share-bars.js';
import type { TermReader, TermWeighting } from './story-vector.js';
import type { TokenStream } from './tokenize-text.js';

/**
 * Distinct strings in first-insertion order, each with a summed weight: what a `Map<string,
 * number>` of counts gave (same order, same sums in the same order), in arrays kept from one
 * article to the next. Three to five such Maps were built per original article (tokens, terms,
 * cross-language keys, the keys' terms, an idf lookup), grown from empty each time, with a heap
 * number per weight set: ~30 KB of the ~190 KB of garbage per article the scavenger had to clear.
 */
export class WeightedKeys {
  /** The keys in insertion order; entries from `size` on are left over from earlier uses. */
  readonly keys: string[] = [];
  weights: Float64Array = new Float64Array(64);
  size = 0;
  private hashes: Int32Array = new Int32Array(64);
  /** Open addressing: 1 + the key's place, 0 empty. */
  private slots: Int32Array = new Int32Array(128);

  /** Empties the table, keeping its arrays. */
  clear(): void {
    if (this.size > 0) this.slots.fill(0);
    this.size = 0;
  }

  /** Adds `weight` to `key`'s sum (a new key starts at `weight`); returns its place. */
  add(key: string, weight: number): number {
    const hash = hashString32(key, 0) | 0;
    const mask = this.slots.length - 1;
    let at = hash & mask;
    for (;;) {
      const slot = this.slots[at] as number;
      if (slot === 0) break;
      const place = slot - 1;
      if (this.hashes[place] === hash && this.keys[place] === key) {
        this.weights[place] = (this.weights[place] as number) + weight;
        return place;
      }
      at = (at + 1) & mask;
    }
    const place = this.size;
    if (place === this.weights.length) this.grow();
    this.size += 1;
    this.keys[place] = key;
    this.weights[place] = weight;
    this.hashes[place] = hash;
    if (2 * this.size > this.slots.length) this.rehash();
    else this.slots[at] = place + 1;
    return place;
  }

  /** The keys and sums as a Map (tests, callers outside the hot path). */
  toMap(): Map<string, number> {
    const out = new Map<string, number>();
    for (let i = 0; i < this.size; i += 1) out.set(this.keys[i] as string, this.weights[i] as number);
    return out;
  }

  private grow(): void {
    const weights = new Float64Array(2 * this.weights.length);
    weights.set(this.weights);
    this.weights = weights;
    const hashes = new Int32Array(2 * this.hashes.length);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** Doubles the slots and places every key again (the place of the key just added included). */
  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const mask = slots.length - 1;
    for (let place = 0; place < this.size; place += 1) {
      let at = (this.hashes[place] as number) & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = place + 1;
    }
    this.slots = slots;
  }
}

/**
 * One original article's weighted term counts (title and lead count more than the body, names and
 * figures more than common words, function words not at all), in tables an index keeps and
 * reuses: its terms, and for languages with a `crossTerm`, the counts of its
 * cross-language keys and which terms each key stands for (pairs of places).
 */
export class ArticleTerms {
  private readonly tokens = new WeightedKeys();
  readonly terms = new WeightedKeys();
  readonly cross = new WeightedKeys();
  /** Whether `cross` was counted (the reader has a crossTerm). */
  hasCross = false;
  /** Pairs (cross key's place, term's place), `pairCount` of them; a pair may repeat (the minimum below does not mind). */
  private pairs: Int32Array = new Int32Array(256);
  private pairCount = 0;
  /** Per token of the stream being counted, its kind bits (share-bars.ts markTokenKinds); reused. */
  private kinds = new Uint8Array(1024);

  /**
   * Counts an article's title and body: weights summed per token first,
   * then per term (a word repeated through the text is normalized once), in first-seen order.
   */
  count(title: TokenStream, body: TokenStream, weighting: TermWeighting, reader: TermReader): void {
    const { tokens, terms, cross } = this;
    tokens.clear();
    terms.clear();
    cross.clear();
    this.pairCount = 0;
    this.hasCross = reader.crossTerm !== undefined;
    const longest = Math.max(title.tokens.length, body.tokens.length);
    if (longest > this.kinds.length) this.kinds = new Uint8Array(2 * longest);
    addTokens(tokens, title, -1, weighting, reader, this.kinds);
    addTokens(tokens, body, weighting.leadTokens, weighting, reader, this.kinds);
    for (let i = 0; i < tokens.size; i += 1) {
      const token = tokens.keys[i] as string;
      const weight = tokens.weights[i] as number;
      const term = terms.add(reader.term(token), weight);
      if (reader.crossTerm === undefined) continue;
      const key = reader.crossTerm(token);
      this.pair(cross.add(key, weight), term);
      const variant = reader.crossTermVariant?.(token);
      if (variant !== undefined && variant !== key) this.pair(cross.add(variant, weight), term);
    }
  }

  /**
   * The idf of each cross-language key, in `cross` order: the lowest idf of the terms it stands for
   * (`idfs`: the terms' idfs in `terms` order), as a key gathering several terms is as common as
   * its commonest.
   */
  crossIdfs(idfs: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.cross.size).fill(Infinity);
    const { pairs } = this;
    for (let p = 0; p < 2 * this.pairCount; p += 2) {
      const key = pairs[p] as number;
      out[key] = Math.min(out[key] as number, idfs[pairs[p + 1] as number] as number);
    }
    for (let i = 0; i < out.length; i += 1) if (!Number.isFinite(out[i] as number)) out[i] = 0;
    return out;
  }

  /** Calls `fn` with each (cross-language key, term) pair counted, in the order counted. */
  forEachPair(fn: (key: string, term: string) => void): void {
    for (let p = 0; p < 2 * this.pairCount; p += 2) fn(this.cross.keys[this.pairs[p] as number] as string, this.terms.keys[this.pairs[p + 1] as number] as string);
  }

  private pair(key: number, term: number): void {
    if (2 * this.pairCount === this.pairs.length) {
      const grown = new Int32Array(2 * this.pairs.length);
      grown.set(this.pairs);
      this.pairs = grown;
    }
    this.pairs[2 * this.pairCount] = key;
    this.pairs[2 * this.pairCount + 1] = term;
    this.pairCount += 1;
  }
}

/**
 * Adds a stream's content tokens (not stop words, not in a share bar); `leadTokens` < 0: every
 * token at the title weight, else the first `leadTokens` at the lead weight. `kinds`: scratch of
 * at least the stream's length.
 */
function addTokens(counts: WeightedKeys, stream: TokenStream, leadTokens: number, weighting: TermWeighting, reader: TermReader, kinds: Uint8Array): void {
  const { tokens, entity } = stream;
  markTokenKinds(tokens, tokenKinds(reader.stopWords), kinds);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    if (((kinds[i] as number) & (STOP_WORD | IN_SHARE_BAR)) !== 0 || !isContentWord(token)) continue;
    const first = token.charCodeAt(0);
    const boost = entity[i] !== 1 ? 1 : first >= 48 && first <= 57 ? weighting.numberWeight : (reader.entityWeight ?? weighting.entityWeight);
    const field = leadTokens < 0 ? weighting.titleWeight : i < leadTokens ? weighting.leadWeight : 1;
    counts.add(token, field * boost);
  }
}

/** Whether a token that is no stop word is a word: one letter is a word only where one character is one (a Chinese or Japanese word). */
function isContentWord(token: string): boolean {
  return token.length > 1 || token.charCodeAt(0) >= 0x2e80 || /\p{N}/u.test(token);
}
