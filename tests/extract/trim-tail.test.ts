import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/extract/dom/parse-document.js';
import type { DomElement } from '../../src/extract/dom/dom-types.js';
import { squashForMatch, trimOutsideBothMethods, trimTailOutsideRegion } from '../../src/extract/trim-tail.js';
import { NEITHER_METHOD_RULE, TAIL_AGREEMENT_RULE } from '../../src/extract/rules/removal-guard.js';

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

describe('trimOutsideBothMethods', () => {
  const dense = (html: string): (() => string) => () => squashForMatch(body(html).textContent ?? '');

  it('cuts blocks that neither the region nor the dense block holds, wherever they are', () => {
    const root = body(`<p>File photo: the ferry at the north pier, made available by the council.</p>${ARTICLE}<p>Report an error</p><p>More news from the coast</p>`);
    const region = regionOf(ARTICLE);
    expect(trimOutsideBothMethods(root, region.text, dense(ARTICLE), NEITHER_METHOD_RULE)).toBeGreaterThan(0);
    const text = root.textContent ?? '';
    expect(text).not.toContain('File photo');
    expect(text).not.toContain('Report an error');
    expect(text).toContain('Paragraph 8');
  });

  it('keeps a block that one of the two methods holds', () => {
    const standfirst = '<p>The council voted to add evening crossings.</p>';
    const root = body(`${standfirst}${ARTICLE}<p>Report an error</p>`);
    expect(trimOutsideBothMethods(root, regionOf(ARTICLE).text, dense(`${standfirst}${ARTICLE}`), NEITHER_METHOD_RULE)).toBeGreaterThan(0);
    expect(root.textContent).toContain('evening crossings');
    expect(root.textContent).not.toContain('Report an error');
  });

  it('keeps the body whole when the dense block holds less than half of it', () => {
    const root = body(`${ARTICLE}<p>Report an error</p>`);
    const few = '<p>Paragraph 1 of the report says what the council decided about the new ferry timetable and who will pay for the extra evening crossings.</p>';
    expect(trimOutsideBothMethods(root, regionOf(ARTICLE).text, dense(few), NEITHER_METHOD_RULE)).toBe(0);
    expect(root.textContent).toContain('Report an error');
  });

  it('keeps the body whole when the cut would be larger than the rule allows', () => {
    const extra = Array.from({ length: 10 }, (_, i) => `<p>Another long paragraph ${i} that neither method holds, about a different story from another town entirely.</p>`).join('');
    const root = body(`${ARTICLE}${extra}`);
    expect(trimOutsideBothMethods(root, regionOf(ARTICLE).text, dense(ARTICLE), NEITHER_METHOD_RULE)).toBe(0);
    expect(root.textContent).toContain("Another long paragraph 9");
  });
});

describe('squashForMatch', () => {
  it('gives the Unicode-aware form on every kind of text', () => {
    const reference = (t: string): string => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    for (const t of ['ABC def, 12!', 'İstanbul', 'x\u2019s \u201Cquoted\u201D\u00A0text', '١٢٣ عربي', 'Ünïcödé', '\u{1D400}bold', 'a\u0307b', '']) {
      expect(squashForMatch(t)).toBe(reference(t));
    }
  });
});
