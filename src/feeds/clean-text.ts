import { decodeEntities } from './decode-entities.js';

const TAG = /<\/?[A-Za-z][^<>]*>|<!--[\s\S]*?-->|<!\[CDATA\[|\]\]>/g;
const BLOCK_TAG = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article|figure|figcaption)\b[^<>]*>/gi;
const DROPPED_BLOCK = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/**
 * Turns a feed text field (possibly HTML, possibly with entities still escaped once more) into
 * plain text: script/style dropped, tags stripped (block tags become spaces so words do not glue),
 * HTML entities decoded, white space collapsed. Used for titles and summaries.
 */
export function cleanText(value: string | null): string {
  if (value === null) return '';
  let text = value;
  if (text.indexOf('<') !== -1) {
    text = text.replace(DROPPED_BLOCK, ' ').replace(BLOCK_TAG, ' ').replace(TAG, '');
  }
  if (text.indexOf('&') !== -1) {
    // Titles are often escaped twice (`&amp;eacute;`): the XML layer removed one level, this removes the other.
    text = decodeEntities(text);
    if (text.indexOf('<') !== -1) text = text.replace(BLOCK_TAG, ' ').replace(TAG, '');
  }
  return collapseWhitespace(text);
}

/** Collapses runs of white space (including NBSP and zero-width/bidi marks that are only noise) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/g, ' ').trim();
}
