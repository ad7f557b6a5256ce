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
  const testAll = (line: string): boolean => patterns.some((re) => re.test(line));
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
