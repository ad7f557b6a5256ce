import { describe, expect, it } from 'vitest';
import { BOILERPLATE_LINE_PATTERNS } from '../../src/extract/rules/boilerplate-rules.js';
import { HintedLine, isUseful, mayMatch, readPatternHint } from '../../src/extract/text/pattern-hint.js';

// A hint may only rule out lines the pattern cannot match: never a line it does match.
function neverWrong(re: RegExp, line: string): void {
  if (re.test(line)) expect(mayMatch(readPatternHint(re), new HintedLine(line)), `${re} on ${JSON.stringify(line)}`).toBe(true);
}

// Seeded so a failure repeats.
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 2147483648;
  };
}

const PIECES = [
  'Comments', 'comment', 'are', 'moderated', 'kommentare', 'Moderat', 'publiés', 'follow', 'us', 'on', 'Twitter', 'him', 'FOLLOW',
  'your inbox', 'to', 'may earn', 'commission', 'affiliate', 'click here', '[VIDEO]', '(credit: NASA)', '(Photo: AP)', '©', '(c) 2019',
  'Copyright 2020', 'all rights reserved', 'contributed to this report', 'Posted by:', 'Category:', 'Tags:', 'Listen:', 'http://x.y/z',
  'نظر', 'منتشر نخواهد شد', 'التعليقات', 'لن تنشر', 'ſ', 'K', 'İ', 'news', 'the', 'a', ':', ' ', '  ', ',', '.', '847/940', '2019', 'é', '😀',
];

describe('pattern hints', () => {
  it('never rule out a line a built-in pattern matches (seeded random lines from the patterns\' own words)', () => {
    const next = random(13);
    let matched = 0;
    for (let n = 0; n < 6000; n++) {
      const parts: string[] = [];
      const count = 1 + Math.floor(next() * 12);
      for (let i = 0; i < count; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)] as string);
      const line = parts.join(next() < 0.5 ? ' ' : '');
      for (const re of BOILERPLATE_LINE_PATTERNS) {
        if (re.test(line)) matched++;
        neverWrong(re, line);
      }
    }
    expect(matched).toBeGreaterThan(500);
  });

  it('reads a scanning pattern\'s words and the longest line it can match', () => {
    const hint = readPatternHint(/^(?=.{0,300}$).*\bfollow (?:him|her) on (?:twitter|facebook)\b.*$/i);
    expect(hint.maxLength).toBe(300);
    expect(hint.needles).toContainEqual(['twitter', 'facebook']);
    expect(mayMatch(hint, new HintedLine('Follow him on Facebook for more.'))).toBe(true);
    expect(mayMatch(hint, new HintedLine('The council met on Tuesday and the vote went the other way.'))).toBe(false);
    expect(mayMatch(hint, new HintedLine(`follow him on twitter ${'x'.repeat(300)}`))).toBe(false);
    // Anchored at both ends: the longest match bounds the line; `u` counts code points.
    expect(readPatternHint(/^.{0,80}\bclick(?:ing)? here\b.{0,80}$/i).maxLength).toBe(173);
    const emoji = readPatternHint(/^.{0,3}x$/u);
    expect(mayMatch(emoji, new HintedLine('😀😀😀x'))).toBe(true);
  });

  it('leaves patterns that fail at their first character, and unknown syntax, to the regex', () => {
    expect(readPatternHint(/^(?:post|add|leave) (?:a |your )?comment$/i).needles).toEqual([]);
    expect(readPatternHint(/^\(?(?:reporting|editing) by\b.{0,300}$/i).needles).toEqual([]);
    expect(isUseful(readPatternHint(/(a)\1/))).toBe(false);
    expect(isUseful(readPatternHint(/^(?<name>x).*y$/))).toBe(false);
    expect(isUseful(readPatternHint(/^.*y$/m))).toBe(false);
  });

  it('keeps case-insensitive needles to characters toLowerCase folds as the regex does', () => {
    // With `u`+`i`, ſ matches s and K (Kelvin) matches k: such lines must not be ruled out.
    for (const [re, line] of [[/^.{0,20}share/iu, 'a ſhare'], [/^.{0,20}kommentar/iu, 'x Kommentar'], [/^.{0,20}©\s*2019/i, 'text © 2019']] as const) {
      expect(re.test(line)).toBe(true);
      neverWrong(re, line);
    }
    expect(readPatternHint(/^.{0,20}(?:é|e)cole/i).needles).toContainEqual(['cole']);
  });
});
