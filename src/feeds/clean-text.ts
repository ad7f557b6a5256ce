import { decodeEntities, decodeReferencesStrictly, mapC1Controls } from './decode-entities.js';

/**
 * What a feed says a text field holds, after the XML layer decoded it once:
 * - `text`: plain characters (Atom `type="text"`, the default). `<div>` in it is five
 *   characters of text, and `&amp;` is an ampersand followed by "amp;": nothing is stripped or decoded.
 * - `html`: markup (Atom `type="html"`/`xhtml`, RSS `description`). Tags are stripped and references
 *   decoded once, as a browser shows it.
 * - `maybe-html`: no type given, or one that generators ignore, and both seen in the wild (RSS `title`,
 *   `dc:title`, JSON Feed `title`/`summary`, authors and categories). Markup only when
 *   it shows itself as such (an end tag, a void tag such as `<br>`, a comment, or a character
 *   reference left after XML decoding, i.e. escaped twice); otherwise plain text.
 */
export type TextKind = 'text' | 'html' | 'maybe-html';

// A closing tag, a void element or a comment: markup that plain text about HTML ("use <b> for bold") does not contain.
const SURE_MARKUP = /<\/[A-Za-z][A-Za-z0-9]*\s*>|<(?:br|hr|img|wbr)\b[^<>]{0,512}>|<!--/i;
const REFERENCE = /&(?:#\d{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});/;
const BLOCK_TAGS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'blockquote', 'section', 'article', 'figure', 'figcaption']);

/**
 * Turns a feed text field into plain text for titles and summaries, by its kind (see `TextKind`):
 * markup stripped (script/style with their content, block tags becoming spaces so words do not
 * glue), references decoded, C1 control characters read as windows-1252 (as numeric references
 * already are), white space collapsed. Linear in the input whatever it holds.
 */
export function cleanText(value: string | null, kind: TextKind = 'html'): string {
  if (value === null) return '';
  let text = value;
  if (kind === 'html' || (kind === 'maybe-html' && (SURE_MARKUP.test(text) || REFERENCE.test(text)))) {
    if (text.indexOf('<') !== -1) text = stripMarkup(text);
    if (text.indexOf('&') !== -1) {
      // A field escaped twice (`&amp;eacute;`, `&amp;lt;b&amp;gt;`): the XML layer removed one level, this the
      // other. A reference that names no character (`&#0;`) was meant as text.
      text = kind === 'maybe-html' ? decodeReferencesStrictly(text) : decodeEntities(text);
      if (text.indexOf('<') !== -1 && SURE_MARKUP.test(text)) text = stripMarkup(text);
    }
  }
  return collapseWhitespace(mapC1Controls(text));
}

/**
 * Removes tags, comments and CDATA markers, and script/style elements with their content; block
 * tags become a space. A `<` that starts no tag stays text. One pass: every character is looked at
 * a bounded number of times, so a title of 100,000 `<!--` costs what its length says.
 */
export function stripMarkup(input: string): string {
  const text = input.indexOf(']]>') === -1 ? input : input.split(']]>').join('');
  let out = '';
  let from = 0;
  const noEndTag = new Set<string>();
  for (let lt = text.indexOf('<'); lt !== -1; lt = text.indexOf('<', from)) {
    out += text.slice(from, lt);
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      from = end === -1 ? text.length : end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      from = lt + 9;
      continue;
    }
    const tag = readTag(text, lt);
    if (tag === null) {
      out += '<';
      from = lt + 1;
      continue;
    }
    from = tag.end;
    if (BLOCK_TAGS.has(tag.name)) out += ' ';
    if (!tag.closing && (tag.name === 'script' || tag.name === 'style') && !noEndTag.has(tag.name)) {
      const close = findEndTag(text, tag.name, from);
      if (close === -1) noEndTag.add(tag.name);
      else {
        from = close;
        out += ' ';
      }
    }
  }
  return out + text.slice(from);
}

/** A tag starting at `lt` (`<name …>` or `</name …>`): its lower-cased name and the index after `>`; null when it is not one. */
function readTag(text: string, lt: number): { name: string; closing: boolean; end: number } | null {
  const closing = text.charCodeAt(lt + 1) === 47; /* / */
  let i = lt + (closing ? 2 : 1);
  const nameStart = i;
  while (i < text.length && isNameChar(text.charCodeAt(i), i === nameStart)) i++;
  if (i === nameStart) return null;
  const name = text.slice(nameStart, i).toLowerCase();
  // The tag ends at the next '>' unless a '<' comes first (then this '<' was text).
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) return { name, closing, end: i + 1 };
    if (c === 60 /* < */) return null;
  }
  return null;
}

function isNameChar(c: number, first: boolean): boolean {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return first ? letter : letter || (c >= 48 && c <= 57);
}

/** Index just past `</name…>` at or after `from`, -1 when there is none. */
function findEndTag(text: string, name: string, from: number): number {
  const pattern = new RegExp(`</${name}\\s*>`, 'gi');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match === null ? -1 : match.index + match[0].length;
}

// JavaScript's \s covers NBSP, U+2028/2029 and U+FEFF; U+200B is not white space but is noise. A lone
// ASCII space is left alone (matching it would rewrite every word gap of every text for nothing).
const WHITESPACE_RUN = / [\s\u200b]+|[\t\n\v\f\r\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff][\s\u200b]*/g;

/** Collapses runs of white space (including NBSP and zero-width/bidi marks that are only noise) to one space. */
function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}
