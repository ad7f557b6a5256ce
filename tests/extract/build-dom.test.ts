import { describe, expect, it } from 'vitest';
import { prunedPageMarkup, type PrunedPage } from '../../src/extract/dom/build-dom.js';
import { isElement, type DomNode } from '../../src/extract/dom/dom-types.js';
import { findFirst, parseFastTree } from '../../src/extract/dom/fast-tree.js';
import { parseDocument } from '../../src/extract/dom/parse-document.js';

// Node by node: names, attributes in order, and text cut into the same nodes.
function shape(node: DomNode): unknown {
  if (!isElement(node)) return [node.nodeType, node.textContent];
  const attrs = Array.from(node.attributes, (a) => `${a.name}=${a.value}`);
  return [node.nodeName, attrs, Array.from(node.childNodes, shape)];
}

function pageOf(body: string): PrunedPage {
  const tree = parseFastTree(`<!DOCTYPE html><html><head><title>T &amp; t</title></head><body class="b" data-x="1">${body}</body></html>`);
  return { title: 'T & t', body: findFirst(tree, 'body') ?? tree };
}

describe('parseDocument on a pruned page', () => {
  it.each([
    ['text with entities', '<p id="a" class="c">One&nbsp;two &amp; &lt;three&gt;&nbsp;</p><p>x</p>'],
    ['attributes in source order', '<a href="/x" title="t" rel="author" data-src="y">link</a><img src="a.jpg" alt="" width="1">'],
    ['nesting and comments', '<div><ul><li>a<br>b</li><li><em>c</em> d</li></ul><!-- c --><table><tr><td>1</td></tr></table></div>'],
    ['raw-text elements (markup path)', '<p>a</p><textarea>&lt;b&gt;</textarea><xmp><b></xmp>'],
    ['odd attribute names (markup path)', '<p @click="x" :class="y">a</p>'],
  ])('builds the DOM its markup would give: %s', (_, body) => {
    const page = pageOf(body);
    const built = parseDocument(page);
    const parsed = parseDocument(prunedPageMarkup(page));
    expect(built.document.body).not.toBeNull();
    expect(shape(built.document.body as DomNode)).toEqual(shape(parsed.document.body as DomNode));
    expect(built.document.querySelector('title')?.textContent).toBe('T & t');
  });
});
