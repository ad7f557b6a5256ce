import { IN_SHARE_BAR, markTokenKinds, STOP_WORD, tokenKinds } from './share-bars.js';
import type { TermReader, TermWeighting } from './story-vector.js';
import type { TokenStream } from './tokenize-text.js';
import { keyHash, WeightedKeys } from './weighted-keys.js';

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
   * `titleKeys`, `bodyKeys`: the streams' tokens' keyHashes (weighted-keys.ts; simhash.ts
   * tokenHashes computes them with its own), so no token is hashed again here; computed when not given.
   */
  count(title: TokenStream, body: TokenStream, weighting: TermWeighting, reader: TermReader, titleKeys: Int32Array | null = null, bodyKeys: Int32Array | null = null): void {
    const { tokens, terms, cross } = this;
    tokens.clear();
    terms.clear();
    cross.clear();
    this.pairCount = 0;
    this.hasCross = reader.crossTerm !== undefined;
    const longest = Math.max(title.tokens.length, body.tokens.length);
    if (longest > this.kinds.length) this.kinds = new Uint8Array(2 * longest);
    addTokens(tokens, title, titleKeys ?? Int32Array.from(title.tokens, keyHash), -1, weighting, reader, this.kinds);
    addTokens(tokens, body, bodyKeys ?? Int32Array.from(body.tokens, keyHash), weighting.leadTokens, weighting, reader, this.kinds);
    for (let i = 0; i < tokens.size; i += 1) {
      const token = tokens.keys[i] as string;
      const weight = tokens.weights[i] as number;
      const text = reader.term(token);
      // A term that is its token (English words, short words) has the token's hash.
      const term = terms.addHashed(text, text === token ? (tokens.hashes[i] as number) : keyHash(text), weight);
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
 * token at the title weight, else the first `leadTokens` at the lead weight. `keys`: the tokens'
 * keyHashes; `kinds`: scratch of at least the stream's length.
 */
function addTokens(counts: WeightedKeys, stream: TokenStream, keys: Int32Array, leadTokens: number, weighting: TermWeighting, reader: TermReader, kinds: Uint8Array): void {
  const { tokens, entity } = stream;
  markTokenKinds(tokens, keys, tokenKinds(reader.stopWords), kinds);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    if (((kinds[i] as number) & (STOP_WORD | IN_SHARE_BAR)) !== 0 || !isContentWord(token)) continue;
    const first = token.charCodeAt(0);
    const boost = entity[i] !== 1 ? 1 : first >= 48 && first <= 57 ? weighting.numberWeight : (reader.entityWeight ?? weighting.entityWeight);
    const field = leadTokens < 0 ? weighting.titleWeight : i < leadTokens ? weighting.leadWeight : 1;
    counts.addHashed(token, keys[i] as number, field * boost);
  }
}

/** Whether a token that is no stop word is a word: one letter is a word only where one character is one (a Chinese or Japanese word). */
function isContentWord(token: string): boolean {
  return token.length > 1 || token.charCodeAt(0) >= 0x2e80 || /\p{N}/u.test(token);
}
