import { describe, expect, it } from 'vitest';
import { addAttr, compileSelectors, matchingSelectors, type AttrList, type MatchTarget } from '../../src/extract/rules/compile-selector.js';

function target(tag: string, attrs: Array<[string, string]>, parent: MatchTarget | null = null): MatchTarget {
  const list: AttrList = { names: [], values: [] };
  for (const [name, value] of attrs) addAttr(list, name, value);
  return { tag, attrs: list, parent: () => parent };
}

describe('compiled selectors', () => {
  it('addAttr lower-cases and keeps each name once, in first place with the last value (as a Map)', () => {
    const attrs: Array<[string, string]> = [['Class', 'Share-Bar'], ['id', 'X'], ['class', 'Related'], ['DATA-a', '1']];
    const list: AttrList = { names: [], values: [] };
    const map = new Map<string, string>();
    for (const [name, value] of attrs) {
      addAttr(list, name, value);
      map.set(name.toLowerCase(), value.toLowerCase());
    }
    expect(list.names).toEqual([...map.keys()]);
    expect(list.values).toEqual([...map.values()]);
  });

  it('match tags, attribute values, tokens and one parent step, case-insensitively', () => {
    const rules = ['nav', '[class~="share"]', '[class*="related"]', '[id^="ad-"]', 'body > footer', '[hidden]', 'div.story > p.note'];
    const { tests } = compileSelectors(rules);
    const matches = (t: MatchTarget): boolean => tests.some((test) => test(t));
    expect(matches(target('NAV', []))).toBe(true);
    expect(matches(target('DIV', [['class', 'post SHARE']]))).toBe(true);
    expect(matches(target('DIV', [['class', 'shared-content']]))).toBe(false);
    expect(matches(target('DIV', [['class', 'x RelatedLinks']]))).toBe(true);
    expect(matches(target('DIV', [['id', 'AD-top']]))).toBe(true);
    expect(matches(target('P', [['hidden', '']]))).toBe(true);
    expect(matches(target('FOOTER', [], target('BODY', [])))).toBe(true);
    expect(matches(target('FOOTER', [], target('DIV', [])))).toBe(false);
    const note = target('P', [['class', 'note']], target('DIV', [['class', 'story']]));
    expect(matchingSelectors(note, rules)).toEqual(['div.story > p.note']);
  });
});
