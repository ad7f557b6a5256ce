import { ArticleTerms } from '../../src/fingerprint/article-terms.js';
import type { TermReader, TermWeighting } from '../../src/fingerprint/story-vector.js';
import type { TokenStream } from '../../src/fingerprint/tokenize-text.js';

/**
 * Weighted term counts of one article: title and lead count more than the body, names and figures
 * more than common words, function words not at all, as Maps: read out of the reused tables the
 * index counts into (src/fingerprint/article-terms.ts), for tests that want a whole article's counts.
 * `crossCounts`, when given and the reader has a `crossTerm`, receives the same counts keyed by
 * the cross-language forms, and `crossTerms` the terms each form stands for (a form may gather
 * several: Turkish stems meet other languages at their first 5 letters).
 */
export function weightedTermCounts(
  title: TokenStream,
  body: TokenStream,
  weighting: TermWeighting,
  reader: TermReader,
  crossCounts?: Map<string, number>,
  crossTerms?: Map<string, string[]>,
): Map<string, number> {
  const counted = new ArticleTerms();
  counted.count(title, body, weighting, reader);
  if (crossCounts !== undefined) for (const [key, weight] of counted.cross.toMap()) crossCounts.set(key, weight);
  if (crossCounts !== undefined && crossTerms !== undefined) {
    counted.forEachPair((key, term) => {
      const forms = crossTerms.get(key);
      if (forms === undefined) crossTerms.set(key, [term]);
      else if (!forms.includes(term)) forms.push(term);
    });
  }
  return counted.terms.toMap();
}
