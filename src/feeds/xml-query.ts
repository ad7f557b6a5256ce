import { MEDIA_NS } from './namespaces.js';
import type { WireMedia } from './wire-types.js';
import { textContent, type XmlElement } from './xml-tree.js';

/** Decides whether an element belongs to the vocabulary being read. */
export type ElementTest = (element: XmlElement) => boolean;

/** Elements in the given namespaces. */
export function inNamespace(...uris: string[]): ElementTest {
  return (element) => uris.includes(element.ns);
}

/** Element children of `parent` with this local name passing `test`. */
export function childElements(parent: XmlElement, local: string, test: ElementTest): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of parent.children) {
    if (typeof child !== 'string' && child.local === local && test(child)) out.push(child);
  }
  return out;
}

/** First element child with this local name passing `test`, or null. */
export function childElement(parent: XmlElement, local: string, test: ElementTest): XmlElement | null {
  for (const child of parent.children) {
    if (typeof child !== 'string' && child.local === local && test(child)) return child;
  }
  return null;
}

/** Trimmed text of the first matching child; null when absent or blank. */
export function childText(parent: XmlElement, local: string, test: ElementTest): string | null {
  const element = childElement(parent, local, test);
  return element === null ? null : nonBlank(textContent(element));
}

/** Trimmed texts of every matching child, blanks dropped. */
export function childTexts(parent: XmlElement, local: string, test: ElementTest): string[] {
  const out: string[] = [];
  for (const element of childElements(parent, local, test)) {
    const text = nonBlank(textContent(element));
    if (text !== null) out.push(text);
  }
  return out;
}

/** Attribute value trimmed, null when absent or blank. */
export function attr(element: XmlElement, name: string): string | null {
  const value = element.attrs[name];
  return value === undefined ? null : nonBlank(value);
}

/** The string trimmed, or null when only white space. */
export function nonBlank(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The `xml:lang` in effect for an element (nearest ancestor-or-self). */
export function xmlLang(element: XmlElement): string | null {
  for (let node: XmlElement | null = element; node !== null; node = node.parent) {
    const lang = attr(node, 'xml:lang');
    if (lang !== null) return lang;
  }
  return null;
}

/**
 * The `xml:base` in effect for an element, resolved outermost first against `documentBase`; null
 * when no usable xml:base applies (also when one equals `documentBase`: it still outranks the feed link).
 */
export function xmlBase(element: XmlElement, documentBase: string | null): string | null {
  const bases: string[] = [];
  for (let node: XmlElement | null = element; node !== null; node = node.parent) {
    const base = attr(node, 'xml:base');
    if (base !== null) bases.push(base);
  }
  let resolved = documentBase;
  let applied = false;
  for (let i = bases.length - 1; i >= 0; i--) {
    try {
      resolved = new URL(bases[i] ?? '', resolved ?? undefined).href;
      applied = true;
    } catch {
      // An unusable xml:base is ignored rather than poisoning every URL below it.
    }
  }
  return applied ? resolved : null;
}

const isMedia = inNamespace(MEDIA_NS);

/**
 * Media RSS references of an item (`media:content`, `media:thumbnail`, also inside `media:group`).
 * Duplicates are merged later, by URL.
 */
export function readMediaRss(item: XmlElement): WireMedia[] {
  const out: WireMedia[] = [];
  const visit = (parent: XmlElement, depth: number): void => {
    for (const child of parent.children) {
      if (typeof child === 'string' || !isMedia(child)) continue;
      if (child.local === 'group' && depth === 0) visit(child, 1);
      if (child.local !== 'content' && child.local !== 'thumbnail') continue;
      const url = attr(child, 'url');
      if (url === null) continue;
      const medium = attr(child, 'medium');
      out.push({
        url,
        // Without a MIME type, Media RSS's `medium` (or a thumbnail's implied image) still says what it is.
        type: attr(child, 'type') ?? (child.local === 'thumbnail' ? 'image/*' : medium === null ? null : `${medium}/*`),
        width: attr(child, 'width'),
        height: attr(child, 'height'),
      });
      if (child.local === 'content') {
        for (const thumb of childElements(child, 'thumbnail', isMedia)) {
          const thumbUrl = attr(thumb, 'url');
          if (thumbUrl !== null) out.push({ url: thumbUrl, type: 'image/*', width: attr(thumb, 'width'), height: attr(thumb, 'height') });
        }
      }
    }
  };
  visit(item, 0);
  return out;
}
