import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import type { DomElement } from '../../src/extract/dom/dom-types.js';
import { parseDocument } from '../../src/extract/dom/parse-document.js';
import { ReadabilityReader } from '../../src/extract/dom/readability-reader.js';

// Our overrides make Readability cheaper, never different: the same page through both gives the same article.
const PARAGRAPH = 'The council met on Tuesday, and the vote, which was close, went the other way.   Members said   so.';
const PAGE = `<!DOCTYPE html><html><head><title>Vote goes the other way</title></head><body>
<div class="page"><div class="story"><h1>Vote goes the other way</h1>
<p>${PARAGRAPH} <a href="javascript:void(0)">share</a> and <a href="javascript:open()"><b>bold</b> link</a>.</p>
<p>${PARAGRAPH} <a href="/local">a local link</a> <a href="#note">a note</a> <a href="https://example.org/x">out</a>.</p>
<p>${PARAGRAPH}</p><img src="a.jpg" srcset="a-1x.jpg 1x, a-2x.jpg 2x"><video poster="p.jpg" src="v.mp4"></video>
<ul><li><a href="/1">One related story</a></li><li><a href="/2">Two related story</a></li></ul>
<p>${PARAGRAPH}, ${PARAGRAPH}</p></div><div class="sidebar"><a href="/s">Sidebar</a>, text.</div></div></body></html>`;

function read(Reader: typeof Readability): { content: string; text: string; title: string } {
  const { document } = parseDocument(PAGE, 'lite');
  const article = new Reader(document as never, { keepClasses: true, disableJSONLD: true }).parse();
  return { content: String(article?.content), text: String(article?.textContent), title: String(article?.title) };
}

describe('ReadabilityReader', () => {
  it('gives plain Readability\'s article on our DOM', () => {
    const ours = read(ReadabilityReader as unknown as typeof Readability);
    expect(ours).toEqual(read(Readability));
    expect(ours.content).not.toContain('javascript:');
    expect(ours.content).toContain('href="/local"');
    expect(ours.content).toContain('srcset="a-1x.jpg 1x, a-2x.jpg 2x"');
  });

  it('reads a node\'s text anew once the node changed', () => {
    const { document } = parseDocument(PAGE, 'lite');
    const reader = new ReadabilityReader(document as never) as unknown as { _getInnerText(e: unknown, n?: boolean): string };
    const p = document.querySelector('p') as DomElement & { appendChild(n: unknown): unknown };
    const before = reader._getInnerText(p);
    expect(reader._getInnerText(p, false)).toContain('Members said   so.');
    expect(before).toContain('Members said so.');
    (p.querySelector('a') as DomElement).remove();
    expect(reader._getInnerText(p)).toBe(before.replace(' share', ''));
  });
});
