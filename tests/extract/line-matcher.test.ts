import { describe, expect, it } from 'vitest';
import { BOILERPLATE_LINE_PATTERNS } from '../../src/extract/rules/boilerplate-rules.js';
import { createLineMatcher } from '../../src/extract/text/line-matcher.js';

describe('createLineMatcher', () => {
  it('answers as the patterns do, asked once or again', () => {
    const matcher = createLineMatcher(BOILERPLATE_LINE_PATTERNS);
    const lines = ['Home', 'Share this article', 'The minister said on Monday that talks would resume.', 'News ID: 428001', ''];
    for (let round = 0; round < 2; round++) {
      for (const line of lines) expect(matcher.test(line)).toBe(BOILERPLATE_LINE_PATTERNS.some((re) => re.test(line)));
    }
    expect(matcher.active).toBe(true);
  });

  it('is inactive without patterns and never memoises stateful (g/y) patterns', () => {
    expect(createLineMatcher([]).active).toBe(false);
    const global = /ab/g;
    const matcher = createLineMatcher([global]);
    // A global regex's test moves lastIndex: the second call on the same string fails, as the bare regex would.
    expect(matcher.test('ab')).toBe(true);
    expect(matcher.test('ab')).toBe(false);
  });
});
