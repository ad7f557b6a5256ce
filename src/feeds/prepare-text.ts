import type { FeedWarning } from '../types/index.js';

// XML 1.0 §2.2 forbids C0 controls other than tab/LF/CR, and U+FFFE/U+FFFF; real feeds contain them
// (pasted from word processors, or a database field with a stray \x0b).
const ILLEGAL_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
const HAS_ILLEGAL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const DOCUMENT_START = /<(?:\?xml|!--|!DOCTYPE|[A-Za-z_])/i;
const FEED_ROOT = /<(?:[\w-]+:)?(?:rss|feed|rdf|channel)\b/i;

/** The document text made ready for the XML tokenizer, plus what was repaired. */
export interface PreparedText {
  text: string;
  warnings: FeedWarning[];
}

/**
 * Removes what precedes the first markup (a stray BOM, blank lines before the declaration, PHP
 * notices, junk bytes) and characters XML forbids. Each kind of repair yields one warning.
 */
export function prepareXmlText(input: string): PreparedText {
  const warnings: FeedWarning[] = [];
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // A declaration after junk (a PHP warning printed as HTML) marks the real start; else the first markup.
  // Not when a feed root comes before it: then it is text inside the feed (a code sample in CDATA).
  const declaration = text.indexOf('<?xml');
  const start = declaration > 0 && declaration < 65_536 && !FEED_ROOT.test(text.slice(0, declaration)) ? declaration : text.search(DOCUMENT_START);
  if (start > 0) {
    const junk = text.slice(0, start);
    // Plain white space before a root without declaration is harmless; before `<?xml` it is an error.
    if (junk.trim() !== '' || text.startsWith('<?xml', start)) {
      warnings.push({ code: 'XML_JUNK_BEFORE_ROOT', message: `removed ${junk.length} characters before the XML start (${JSON.stringify(junk.slice(0, 40))})` });
    }
    text = text.slice(start);
  }
  let removed = 0;
  // Testing first avoids copying a clean document (the common case) just to find nothing to replace.
  if (HAS_ILLEGAL_CHAR.test(text)) {
    text = text.replace(ILLEGAL_CHARS, () => {
      removed++;
      return '';
    });
  }
  if (removed > 0) warnings.push({ code: 'XML_CONTROL_CHARACTERS', message: `removed ${removed} control characters XML does not allow` });
  return { text, warnings };
}
