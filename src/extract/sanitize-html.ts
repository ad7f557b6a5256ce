import { isElement, TEXT_NODE, type DomElement, type DomNode } from './dom/dom-types.js';
import { resolveUrl } from './metadata/url-utils.js';

// Tags kept as they are; everything else is unwrapped (its children kept) unless listed in DROP_TAGS.
const SAFE_TAGS = new Set([
  'p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'code',
  'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'a', 'img', 'figure', 'table', 'thead', 'tbody', 'tfoot',
  'tr', 'td', 'th', 'caption', 'hr', 'q', 'cite', 'small', 'mark', 'time', 'abbr',
]);
// Dropped with their content: active content, forms and embedded documents.
const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form',
  'input', 'button', 'select', 'textarea', 'option', 'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track',
  'link', 'meta', 'base', 'head', 'title', 'dialog', 'portal',
]);
const VOID_TAGS = new Set(['br', 'hr', 'img']);
// Per-tag attribute allow-list; no event handlers, styles or classes ever pass.
const SAFE_ATTRS: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  time: ['datetime'],
  abbr: ['title'],
  ol: ['start'],
  blockquote: ['cite'],
  q: ['cite'],
};
const URL_ATTRS = new Set(['href', 'src', 'cite']);
const LAZY_SRC_ATTRS = ['data-src', 'data-original', 'data-lazy-src', 'data-url'];

/**
 * Serialises a subtree as safe HTML: only allow-listed tags and attributes, links and images made absolute
 * against `baseUrl`, and only http(s)/mailto URLs (a `javascript:` link loses its href). Never executes anything.
 */
export function sanitizeHtml(root: DomNode, baseUrl: string): string {
  const out: string[] = [];
  const walk = (node: DomNode, depth: number): void => {
    if (node.nodeType === TEXT_NODE) {
      out.push(escapeText(node.textContent ?? ''));
      return;
    }
    if (!isElement(node) || depth > 400) return;
    const tag = node.tagName.toLowerCase();
    if (DROP_TAGS.has(tag)) return;
    const keep = SAFE_TAGS.has(tag);
    if (keep) {
      const attrs = safeAttributes(node, tag, baseUrl);
      if (attrs === null) return;
      out.push(`<${tag}${attrs}>`);
      if (VOID_TAGS.has(tag)) return;
    }
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child !== undefined) walk(child, depth + 1);
    }
    if (keep) out.push(`</${tag}>`);
  };
  walk(root, 0);
  return dropEmptyElements(out.join('')).trim();
}

// Wrappers left empty once chrome and captions are gone (`<figure></figure>`, `<li></li>`, `<p> </p>`), innermost
// first. Table cells stay: an empty cell still holds its column.
const EMPTY_ELEMENT_RE = /<(p|figure|li|ul|ol|dl|dt|dd|blockquote|h[1-6]|strong|em|b|i|u|s|small|mark|q|cite|caption|a)(?:\s[^>]*)?>(?:\s|&nbsp;|<br>)*<\/\1>/g;

function dropEmptyElements(html: string): string {
  let current = html;
  for (let i = 0; i < 8; i++) {
    const next = current.replace(EMPTY_ELEMENT_RE, '');
    if (next === current) break;
    current = next;
  }
  return current;
}

// Returns the attribute string, or null when the element must go (an image without a usable source).
function safeAttributes(el: DomElement, tag: string, baseUrl: string): string | null {
  const allowed = SAFE_ATTRS[tag];
  if (allowed === undefined) return '';
  let text = '';
  for (const name of allowed) {
    let value = el.getAttribute(name);
    if (name === 'src' && (value === null || value.startsWith('data:'))) value = LAZY_SRC_ATTRS.map((a) => el.getAttribute(a)).find((v) => v) ?? value;
    if (value === null) continue;
    if (URL_ATTRS.has(name)) {
      const url = safeUrl(value, baseUrl);
      if (url === null) continue;
      value = url;
    }
    text += ` ${name}="${escapeAttr(value)}"`;
  }
  if (tag === 'img' && !text.includes(' src="')) return null;
  return text;
}

function safeUrl(value: string, baseUrl: string): string | null {
  const url = resolveUrl(value, baseUrl);
  if (url === null) return null;
  return /^(?:https?:|mailto:)/i.test(url) ? url : null;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00A0/g, '&nbsp;');
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
