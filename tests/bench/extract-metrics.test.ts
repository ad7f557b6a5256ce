import { describe, expect, it } from 'vitest';
import { aggregateShingle, aggregateWcxb, scoreShinglePage, shinglePagePrf, wcxbWordF1, wordTokens } from '../../bench/support/extract-metrics.js';

describe('wcxbWordF1 (WCXB evaluate.py word_f1)', () => {
  it('counts the multiset overlap of lowercased \\w+ tokens', () => {
    // pred: the(2) cat sat on mat = 6 tokens; ref: the(2) cat sat = 4 tokens; overlap the×2, cat, sat = 4
    const s = wcxbWordF1('The cat sat on the mat.', 'the CAT, sat the');
    expect(s.precision).toBeCloseTo(4 / 6, 12);
    expect(s.recall).toBeCloseTo(1, 12);
    expect(s.f1).toBeCloseTo((2 * (4 / 6) * 1) / (4 / 6 + 1), 12);
  });

  it('does not count a repeated predicted word beyond its count in the reference', () => {
    const s = wcxbWordF1('rain rain rain', 'rain sun');
    expect(s.precision).toBeCloseTo(1 / 3, 12);
    expect(s.recall).toBeCloseTo(1 / 2, 12);
  });

  it('follows the script on empty texts', () => {
    expect(wcxbWordF1('', '')).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(wcxbWordF1('...', ' - ')).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(wcxbWordF1('words', '')).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(wcxbWordF1('', 'words')).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(wcxbWordF1('other', 'words')).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('tokenizes as Python \\w+: Unicode letters, digits and underscore; punctuation splits', () => {
    expect(wordTokens('Über_alles 2025-12-04 naïve café’s e-mail')).toEqual(['Über_alles', '2025', '12', '04', 'naïve', 'café', 's', 'e', 'mail']);
    const s = wcxbWordF1('ÜBER Straße', 'über straße');
    expect(s.f1).toBe(1);
  });

  it('averages precision, recall and F1 separately over pages', () => {
    const pages = [wcxbWordF1('a b', 'a b'), wcxbWordF1('a', 'a b c d')];
    const corpus = aggregateWcxb(pages);
    expect(corpus.precision).toBeCloseTo(1, 12);
    expect(corpus.recall).toBeCloseTo((1 + 0.25) / 2, 12);
    expect(corpus.f1).toBeCloseTo((1 + 0.4) / 2, 12);
  });
});

describe('scrapinghub shingle rule (unchanged from the old bench)', () => {
  it('scores an exact match as 1 and a disjoint text as 0', () => {
    const text = 'one two three four five six';
    expect(shinglePagePrf(scoreShinglePage(text, text)).f1).toBe(1);
    expect(shinglePagePrf(scoreShinglePage(text, 'seven eight nine ten eleven')).f1).toBe(0);
  });

  it('normalises each page so pages weigh the same, and keeps case', () => {
    // truth shingles: [a b c d], [b c d e]; predicted: [a b c d], [b c d E] → tp 1, fp 1, fn 1
    const s = scoreShinglePage('a b c d e', 'a b c d E');
    expect(s.tp).toBeCloseTo(1 / 3, 12);
    expect(s.fp).toBeCloseTo(1 / 3, 12);
    expect(s.fn).toBeCloseTo(1 / 3, 12);
    expect(aggregateShingle([s]).f1).toBeCloseTo(0.5, 12);
  });
});
