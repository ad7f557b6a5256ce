import { isElement, TEXT_NODE, type DomNode } from '../dom/dom-types.js';
import { MAX_BOILERPLATE_LINE } from '../rules/boilerplate-rules.js';
import type { LineMatcher } from './line-matcher.js';
import { normalizeInline } from './normalize-text.js';

/** One block of text: a paragraph, heading, list item, quote or preformatted block, as normalised lines. */
export interface TextBlock {
  kind: 'p' | 'h' | 'li' | 'pre' | 'quote';
  lines: string[];
}

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'UL', 'OL', 'DL', 'DT', 'DD',
  'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'CAPTION', 'ADDRESS', 'HR',
  'FIELDSET', 'DETAILS', 'SUMMARY', 'CENTER', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BODY', 'HTML',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'HEAD', 'TITLE', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT']);
const CELL_TAGS = new Set(['TD', 'TH']);
// Past this depth the rest of a subtree is read as plain text: pathological nesting must not blow the stack.
const MAX_DEPTH = 400;

/**
 * Builds text block by block. Readability's `textContent` glues words across `<br>` and block boundaries
 * ("FLJune", FACTS.md); walking blocks keeps each paragraph, heading and list item separate.
 * A single `<br>` starts a new line inside a block, two in a row start a new paragraph; inside `<pre>` the
 * source's own line breaks do the same.
 */
export function collectBlocks(root: DomNode): TextBlock[] {
  const blocks: TextBlock[] = [];
  const kinds: TextBlock['kind'][] = ['p'];
  let buffer: string[] = [];

  const flush = (): void => {
    if (buffer.length === 0) return;
    const kind = kinds[kinds.length - 1] ?? 'p';
    const raw = buffer.join('');
    buffer = [];
    for (const para of raw.split(/\n[^\S\n]*\n/)) {
      const lines = para.split('\n').map(normalizeInline).filter((line) => line.length > 0);
      if (lines.length > 0) blocks.push({ kind, lines });
    }
  };

  const walk = (node: DomNode, depth: number): void => {
    if (node.nodeType === TEXT_NODE) {
      // Source line breaks are only wrapping, except in preformatted text, where they are the layout.
      const text = node.textContent ?? '';
      buffer.push(kinds[kinds.length - 1] === 'pre' ? text : text.replace(/\n/g, ' '));
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'BR') {
      buffer.push('\n');
      return;
    }
    if (depth > MAX_DEPTH) {
      buffer.push(node.textContent ?? '');
      return;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) {
      flush();
      kinds.push(blockKind(tag, kinds[kinds.length - 1] ?? 'p'));
    }
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child !== undefined) walk(child, depth + 1);
    }
    if (CELL_TAGS.has(tag)) buffer.push(' ');
    if (isBlock) {
      flush();
      kinds.pop();
    }
  };

  walk(root, 0);
  flush();
  return blocks;
}

/** Drops lines matching a line pattern; blocks left without lines disappear. */
export function dropLines(blocks: readonly TextBlock[], patterns: LineMatcher): TextBlock[] {
  if (!patterns.active) return [...blocks];
  const out: TextBlock[] = [];
  for (const block of blocks) {
    const lines = block.lines.filter((line) => line.length > MAX_BOILERPLATE_LINE || !patterns.test(line));
    if (lines.length > 0) out.push({ kind: block.kind, lines });
  }
  return out;
}

/** Joins blocks: a blank line between blocks, one newline between consecutive list items. */
export function blocksToText(blocks: readonly TextBlock[]): string {
  let text = '';
  let previous: TextBlock['kind'] | null = null;
  for (const block of blocks) {
    if (previous !== null) text += previous === 'li' && block.kind === 'li' ? '\n' : '\n\n';
    text += block.lines.join('\n');
    previous = block.kind;
  }
  return text;
}

function blockKind(tag: string, parent: TextBlock['kind']): TextBlock['kind'] {
  if (tag.length === 2 && tag[0] === 'H' && tag[1] !== undefined && tag[1] >= '1' && tag[1] <= '6') return 'h';
  if (tag === 'LI' || tag === 'DT' || tag === 'DD') return 'li';
  if (tag === 'PRE') return 'pre';
  if (tag === 'BLOCKQUOTE') return 'quote';
  // A <div> inside a list item or quote keeps the enclosing kind so list items stay on single lines.
  return parent === 'li' || parent === 'quote' || parent === 'pre' ? parent : 'p';
}
