import { describe, expect, it } from 'vitest';
import { fastOuterHtml, parseFastTree } from '../../src/extract/dom/fast-tree.js';
import { shapeDocumentTree } from '../../src/extract/dom/shape-tree.js';
import { prepareHtml } from '../../src/extract/prepare-html.js';

// Expected trees are what parse5 7.3 (the HTML spec's tree builder, used by jsdom) builds from the same input.
function shaped(html: string): string {
  const tree = parseFastTree(prepareHtml(html).html);
  shapeDocumentTree(tree);
  return fastOuterHtml(tree).replace(/^<!DOCTYPE html>/i, '');
}

describe('shapeDocumentTree: content where a browser puts it', () => {
  it('moves content after </html> into the body', () => {
    expect(shaped('<html><head><title>T</title></head><body><p>A</p></body></html>text after<div>more</div>')).toBe(
      '<html><head><title>T</title></head><body><p>A</p>text after<div>more</div></body></html>',
    );
  });

  it('ends the head at the first element that is not head content (no <body> tag, head never closed)', () => {
    expect(shaped('<html><head><title>T</title><div>in head</div><meta name=x></head><body><p>B</p></body></html>')).toBe(
      '<html><head><title>T</title></head><body><div>in head</div><meta name="x"><p>B</p></body></html>',
    );
    expect(shaped('<html><head><title>T</title><p>no body tag</p></html>')).toBe('<html><head><title>T</title></head><body><p>no body tag</p></body></html>');
  });

  it('drops a second document pasted inside the head, keeping the real body', () => {
    expect(shaped('<html><head><title>T</title><!DOCTYPE html><html><head></head><body></body></html><meta name=y></head><body><p>real</p></body></html>')).toBe(
      // parse5 drops the stray doctype; here it stays as an inert node in the head.
      '<html><head><title>T</title><!DOCTYPE html></head><body><meta name="y"><p>real</p></body></html>',
    );
  });

  it('keeps the text after a stray </body></html> in a document without a <body> tag', () => {
    expect(shaped('<html><head><title>T</title><div>header</div></body></html><article><p>Story.</p></article></html>')).toBe(
      '<html><head><title>T</title></head><body><div>header</div><article><p>Story.</p></article></body></html>',
    );
  });

  it('leaves an unterminated <title> as the spec does: the rest of the page is title text', () => {
    expect(shaped('<html><head><title>T</head><body><p>Body text.</p></body></html>')).toBe(
      // parse5 adds an empty <body>; either way there is no body text.
      '<html><head><title>T&lt;/head&gt;&lt;body&gt;&lt;p&gt;Body text.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</title></head></html>',
    );
  });
});
