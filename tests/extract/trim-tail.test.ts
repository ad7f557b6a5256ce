import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/extract/dom/parse-document.js';
import type { DomElement } from '../../src/extract/dom/dom-types.js';
import { squashForMatch, trimTailOutsideRegion } from '../../src/extract/trim-tail.js';
import { TAIL_AGREEMENT_RULE } from '../../src/extract/rules/removal-guard.js';

const ARTICLE = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} of the report says what the council decided about the new ferry timetable and who will pay for the extra evening crossings.</p>`).join('');

function body(html: string): DomElement {
  const parsed = parseDocument(`<!DOCTYPE html><html><head></head><body><div>${html}</div></body></html>`);
  const root = parsed.document.body?.children[0];
  if (root === undefined) throw new Error('no root');
  return root;
}

const regionOf = (html: string): { text: string; words: number } => {
  const text = (body(html).textContent ?? '').trim();
  return { text: squashForMatch(text), words: text.split(/\s+/).length };
};

describe('trimTailOutsideRegion', () => {
  it('cuts trailing blocks the content region does not hold', () => {
    const root = body(`${ARTICLE}<div><p>Sam Lee is a reporter at the Gazette.</p></div>`);
    const region = regionOf(ARTICLE);
    expect(trimTailOutsideRegion(root, region.text, region.words, TAIL_AGREEMENT_RULE)).toBeGreaterThan(0);
    expect(root.textContent).not.toContain('Sam Lee');
    expect(root.textContent).toContain('Paragraph 8');
    // The emptied wrapper goes too.
    expect(root.children.length).toBe(8);
  });

  it('keeps the body whole when the tail is larger than the rule allows', () => {
    const tail = '<p>Other text outside the region that is long enough to be more than a tenth of the body, so it is kept whole by the rule, with many more words here to pass the share limit easily.</p>';
    const root = body(`${ARTICLE}${tail}`);
    const region = regionOf(ARTICLE);
    expect(trimTailOutsideRegion(root, region.text, region.words, TAIL_AGREEMENT_RULE)).toBe(0);
    expect(root.textContent).toContain('Other text outside');
  });

  it('keeps the body whole when the region holds less than half of it (the methods disagree)', () => {
    const root = body(`${ARTICLE}<p>Sam Lee is a reporter at the Gazette.</p>`);
    const region = regionOf('<p>Paragraph 1 of the report says what the council decided about the new ferry timetable.</p>');
    expect(trimTailOutsideRegion(root, region.text, region.words, TAIL_AGREEMENT_RULE)).toBe(0);
    expect(root.textContent).toContain('Sam Lee');
  });

  it('keeps the body whole when no block of it is in the region', () => {
    const root = body('<p>Short body.</p><p>Another line.</p>');
    expect(trimTailOutsideRegion(root, squashForMatch('something else entirely'), 100, TAIL_AGREEMENT_RULE)).toBe(0);
    expect(root.textContent).toContain('Another line');
  });
});
