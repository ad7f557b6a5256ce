import { describe, expect, it } from 'vitest';
import { findDenseBlock, measureFastTree } from '../../src/extract/content-region.js';
import { findFirst, parseFastTree, type FastElement } from '../../src/extract/dom/fast-tree.js';

const para = (n: number): string => `<p>Paragraph ${n} of the guide explains at some length what the testers found, which coat kept the children warm and which did not.</p>`;

function denseClass(html: string): string | null {
  const tree = parseFastTree(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  const body = findFirst(tree, 'body') as FastElement;
  const el = findDenseBlock(body, measureFastTree(body));
  return el === null ? null : (el.attribs['class'] ?? el.name);
}

describe('findDenseBlock', () => {
  it('takes the container of all sections when only headings sit between them', () => {
    const sections = [1, 2, 3, 4].map((i) => `<div class="s${i}"><h2>Section ${i}</h2><div class="copy">${para(i * 2)}${para(i * 2 + 1)}</div></div>`).join('');
    expect(denseClass(`<nav class="menu"><a href="/a">Home</a> <a href="/b">News</a></nav><div class="guide">${para(0)}${sections}</div>`)).toBe('guide');
  });

  it('leaves out a neighbouring story list whose links outweigh its snippets', () => {
    const teasers = [1, 2, 3, 4, 5].map((i) => `<div class="card"><a href="/story-${i}">Another story from the same site about something else entirely, number ${i}</a><p>A one-line teaser of the story that is here only to make the reader click through to the page.</p></div>`).join('');
    expect(denseClass(`<div class="page"><div class="article">${para(1)}${para(2)}${para(3)}</div><div class="more">${teasers}</div></div>`)).toBe('article');
  });

  it('returns null without paragraphs', () => {
    expect(denseClass('<div><a href="/">Home</a></div>')).toBeNull();
  });
});
