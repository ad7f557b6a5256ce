import { decodeEntities } from './decode-entities.js';

// One pass over every tag: block-level tags become a space so words on either side stay apart.
const TAG = /<\/?([A-Za-z][A-Za-z0-9]*)[^<>]*>|<!--[\s\S]*?-->|<!\[CDATA\[|\]\]>/g;
const BLOCK_TAGS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'blockquote', 'section', 'article', 'figure', 'figcaption']);
const replaceTag = (_whole: string, name: string | undefined): string => (name !== undefined && BLOCK_TAGS.has(name.toLowerCase()) ? ' ' : '');
const DROPPED_BLOCK = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const HAS_DROPPED_BLOCK = /<(?:script|style)\b/i;

/**
 * Turns a feed text field (possibly HTML, possibly with entities still escaped once more) into
 * plain text: script/style dropped, tags stripped (block tags become spaces so words do not glue),
 * HTML entities decoded, white space collapsed. Used for titles and summaries.
 */
export function cleanText(value: string | null): string {
  if (value === null) return '';
  let text = value;
  if (text.indexOf('<') !== -1) {
    if (HAS_DROPPED_BLOCK.test(text)) text = text.replace(DROPPED_BLOCK, ' ');
    text = text.replace(TAG, replaceTag);
  }
  if (text.indexOf('&') !== -1) {
    // Titles are often escaped twice (`&amp;eacute;`): the XML layer removed one level, this removes the other.
    text = decodeEntities(text);
    if (text.indexOf('<') !== -1) text = text.replace(TAG, replaceTag);
  }
  return collapseWhitespace(text);
}

// JavaScript's \s covers NBSP, U+2028/2029 and U+FEFF; U+200B is not white space but is noise. A lone
// ASCII space is left alone (matching it would rewrite every word gap of every text for nothing).
const WHITESPACE_RUN = / [\s\u200b]+|[\t\n\v\f\r\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff][\s\u200b]*/g;

/** Collapses runs of white space (including NBSP and zero-width/bidi marks that are only noise) to one space. */
function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}
