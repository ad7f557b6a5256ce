import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/extract/dom/parse-document.js';
import type { DomElement } from '../../src/extract/dom/dom-types.js';
import { fillSpanFromDense } from '../../src/extract/fill-span.js';
import { SPAN_FILL_RULE } from '../../src/extract/rules/removal-guard.js';

const para = (topic: string): string => `The ${topic} section explains what the reviewers found after two winters of ordinary use with families in three towns.`;
const INTRO = [para('first'), para('second')];
const MIDDLE = [para('third'), para('fourth'), para('fifth')];
const OUTRO = [para('last')];

function dense(html: string): DomElement {
  const root = parseDocument(`<!DOCTYPE html><html><head></head><body><div>${html}</div></body></html>`).document.body?.children[0];
  if (root === undefined) throw new Error('no root');
  return root;
}

const ps = (lines: readonly string[]): string => lines.map((l) => `<p>${l}</p>`).join('');

describe('fillSpanFromDense', () => {
  it('fills the gap between the body\'s first and last lines and cuts what lies outside them', () => {
    const root = dense(`<p><a href="/newsletter">Sign up for our newsletter and get the best deals of the week</a> in your inbox every Friday.</p>${ps(INTRO)}<div class="x">${ps(MIDDLE)}</div>${ps(OUTRO)}<p>Reader comment: I bought the parka and it lasted three winters for two of my children.</p>`);
    const body = [...INTRO, ...OUTRO].join('\n\n');
    expect(fillSpanFromDense(root, body, SPAN_FILL_RULE)).toBe(true);
    const text = root.textContent ?? '';
    for (const line of [...INTRO, ...MIDDLE, ...OUTRO]) expect(text).toContain(line);
    expect(text).not.toContain('newsletter');
    expect(text).not.toContain('Reader comment');
  });

  it('keeps the body\'s own short lines outside the span', () => {
    const root = dense(`<p>By Sam Lee</p>${ps(INTRO)}${ps(MIDDLE)}${ps(OUTRO)}`);
    const body = ['By Sam Lee', ...INTRO, ...OUTRO].join('\n\n');
    expect(fillSpanFromDense(root, body, SPAN_FILL_RULE)).toBe(true);
    expect(root.textContent).toContain('By Sam Lee');
  });

  it('does nothing when the gap is small next to the body', () => {
    const root = dense(`${ps(INTRO)}<p>A short note.</p>${ps(OUTRO)}`);
    expect(fillSpanFromDense(root, [...INTRO, ...OUTRO].join('\n\n'), SPAN_FILL_RULE)).toBe(false);
  });

  it('does nothing when the dense block lacks much of the body (the methods read different things)', () => {
    const other = [para('sixth'), para('seventh'), para('eighth')];
    const root = dense(`${ps(INTRO)}${ps(MIDDLE)}${ps(OUTRO)}`);
    expect(fillSpanFromDense(root, [...INTRO, ...other, ...OUTRO].join('\n\n'), SPAN_FILL_RULE)).toBe(false);
    expect(root.textContent).toContain(MIDDLE[0]);
  });

  it('ends the span at the first occurrence of the last line, not at a later quote of it', () => {
    const quote = `<p>Commenter: "${OUTRO[0]}" I disagree with this completely, having tried all of them myself.</p>`;
    const root = dense(`${ps(INTRO)}${ps(MIDDLE)}${ps(OUTRO)}<p>Comments</p>${quote}`);
    expect(fillSpanFromDense(root, [...INTRO, ...OUTRO].join('\n\n'), SPAN_FILL_RULE)).toBe(true);
    expect(root.textContent).not.toContain('Commenter');
  });

  it('takes in the article\'s beginning that Readability left out, when it is not a list of links', () => {
    const root = dense(`${ps(MIDDLE)}${ps(INTRO)}${ps(OUTRO)}`);
    expect(fillSpanFromDense(root, [...INTRO, ...OUTRO].join('\n\n'), SPAN_FILL_RULE)).toBe(true);
    expect(root.textContent).toContain(MIDDLE[0]);
  });

  it('leaves out a story list before the article (its headlines are links)', () => {
    const teasers = [1, 2, 3, 4].map((i) => `<li><a href="/s${i}">Headline of another story number ${i} on the site</a> <span>A short teaser of that story.</span></li>`).join('');
    const root = dense(`<ul>${teasers}</ul>${ps(INTRO)}${ps(OUTRO)}`);
    expect(fillSpanFromDense(root, [...INTRO, ...OUTRO].join('\n\n'), SPAN_FILL_RULE)).toBe(false);
  });
});
