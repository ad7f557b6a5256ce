import { HintedLine, isUseful, mayMatch, readPatternHint, type PatternHint } from './pattern-hint.js';

/**
 * The line patterns as one test with a memo of the answers. The post-clean tests each short block's text, then
 * the text walk tests every line again, and most lines are the same strings as the blocks (a paragraph without
 * `<br>`): the second test of a string is a lookup. Made per extraction (the memo is local, never shared), and
 * only for patterns without `g`/`y` flags, whose `test` depends on the string alone.
 */
export interface LineMatcher {
  /** False when there are no patterns: callers skip their walk. */
  readonly active: boolean;
  test(line: string): boolean;
}

export function createLineMatcher(patterns: readonly RegExp[]): LineMatcher {
  const hinted = hintedPatterns(patterns);
  // A pattern runs only when its hint (pattern-hint.ts: the longest line it can match, words it needs) allows.
  const testAll = (line: string): boolean => {
    const subject = new HintedLine(line);
    for (let i = 0; i < hinted.length; i++) {
      const { re, hint } = hinted[i] as HintedPattern;
      if ((hint === null || mayMatch(hint, subject)) && re.test(line)) return true;
    }
    return false;
  };
  const active = patterns.length > 0;
  if (!patterns.every((re) => !re.global && !re.sticky)) return { active, test: testAll };
  const memo = new Map<string, boolean>();
  return {
    active,
    test(line: string): boolean {
      let answer = memo.get(line);
      if (answer === undefined) {
        answer = testAll(line);
        memo.set(line, answer);
      }
      return answer;
    },
  };
}

type HintedPattern = { re: RegExp; hint: PatternHint | null };
// Per pattern list (built-ins are one module constant; a site's list is cached with its rules): made once, not per body.
const hintedLists = new WeakMap<readonly RegExp[], readonly HintedPattern[]>();

function hintedPatterns(patterns: readonly RegExp[]): readonly HintedPattern[] {
  let list = hintedLists.get(patterns);
  if (list === undefined) {
    list = patterns.map((re) => {
      const hint = readPatternHint(re);
      return { re, hint: isUseful(hint) ? hint : null };
    });
    hintedLists.set(patterns, list);
  }
  return list;
}
