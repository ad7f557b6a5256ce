import { describe, expect, it } from 'vitest';
import { isElement, type DomDocument, type DomElement, type DomNode } from '../../src/extract/dom/dom-types.js';
import { parseDocument } from '../../src/extract/dom/parse-document.js';

// The small DOM stands in for linkedom: every answer Readability and the post-clean read must be linkedom's.
function shape(node: DomNode): unknown {
  if (!isElement(node)) return [node.nodeType, node.textContent];
  const attrs = Array.from(node.attributes, (a) => `${a.name}=${a.value}`);
  return [node.nodeName, attrs, Array.from(node.childNodes, shape)];
}

const PAGE = `<!DOCTYPE html><html><head><title>A &amp; b</title></head><body>
<div id="main" class=" story  story lead "><p>One&nbsp;two &amp; &lt;three&gt;</p><!-- note --><p hidden>x<br>y</p>
<ul class="links"><li><a href="/a" rel="author">A</a></li><li><a href="javascript:void(0)">B</a></li></ul>
<img src="a.jpg" alt=""><p class="" id="">"quoted" 'single'</p><table><tr><td>1</td></tr></table></div>
<div class="news-tools"><span data-x='a"b'>z</span></div></body></html>`;

function both(html: string): [DomDocument, DomDocument] {
  return [parseDocument(html, 'lite').document, parseDocument(html, 'linkedom').document];
}

type Mutable = DomElement & { innerHTML: string; className: string; appendChild(n: unknown): unknown };
type Creator = DomDocument & { createElement(name: string): Mutable };

describe('lite DOM against linkedom', () => {
  it('parses into the same tree, text and markup', () => {
    const [lite, linked] = both(PAGE);
    expect(shape(lite.body as DomNode)).toEqual(shape(linked.body as DomNode));
    expect(lite.body?.textContent).toBe(linked.body?.textContent);
    expect((lite.body as Mutable).innerHTML).toBe((linked.body as Mutable).innerHTML);
    expect((lite as unknown as { title: string }).title).toBe('A & b');
  });

  it('answers queries the same way, tag lists and full selectors', () => {
    const [lite, linked] = both(PAGE);
    for (const selector of ['p, li, div', 'a', 'div.story > p', '[data-x]', 'ul.links li:first-child a', 'p:not([hidden])']) {
      const names = (doc: DomDocument): string[] => Array.from(doc.querySelectorAll(selector), (el) => `${el.tagName}:${el.textContent}`);
      expect(names(lite)).toEqual(names(linked));
    }
    expect(lite.getElementsByTagName('td').length).toBe(linked.getElementsByTagName('td').length);
  });

  it('edits the same way: new attributes first, class lists normalised, created names kept as given', () => {
    const results = both(PAGE).map((doc) => {
      const main = doc.querySelector('#main') as Mutable;
      main.setAttribute('data-new', '1');
      main.setAttribute('class', 'a  b a');
      const div = (doc as Creator).createElement('DIV');
      div.appendChild(main.children[0]);
      main.appendChild(div);
      return [main.getAttribute('class'), main.getAttribute('missing'), Array.from(main.attributes, (a) => a.name), main.innerHTML, doc.getElementsByTagName('div').length, doc.getElementsByTagName('DIV').length];
    });
    expect(results[0]).toEqual(results[1]);
  });

  it('restores saved markup into the same tree (Readability retries from innerHTML)', () => {
    const [lite, linked] = both(PAGE);
    for (const doc of [lite, linked]) {
      const body = doc.body as Mutable;
      const saved = body.innerHTML;
      body.innerHTML = saved;
    }
    expect(shape(lite.body as DomNode)).toEqual(shape(linked.body as DomNode));
  });

  it('reads text after changes deep below a node whose text was read before', () => {
    const [lite, linked] = both(PAGE);
    const texts = [lite, linked].map((doc) => {
      const main = doc.querySelector('#main') as Mutable;
      const before = main.textContent;
      const li = doc.querySelector('li') as Mutable;
      (li.childNodes[0]?.childNodes[0] as DomNode).textContent = 'changed';
      doc.querySelector('td')?.remove();
      const deep = (doc as Creator).createElement('b');
      deep.textContent = 'added';
      li.appendChild(deep);
      return [before, main.textContent, doc.body?.textContent];
    });
    expect(texts[0]).toEqual(texts[1]);
    expect(texts[0]?.[1]).toContain('changedadded');
  });
});
