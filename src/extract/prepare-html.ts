// Default cap when the caller gives none: pages past a few MB are app shells or data dumps, not articles.
const DEFAULT_MAX_HTML_BYTES = 3 * 1024 * 1024;

/** The markup ready for a DOM, plus what had to be read from the raw text before stripping. */
export interface PreparedHtml {
  html: string;
  /** Raw bodies of `<script type="application/ld+json">` blocks (read before scripts are stripped). */
  jsonLd: string[];
  truncated: boolean;
}

// Elements whose content is never article text; stripped as text because some (stylesheets) crash DOM builders
// and all of them cost parse time (FACTS.md: stripping <style> made jsdom parse ~1.6x faster).
const RAW_NAMES = ['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'textarea', 'select'] as const;
// The name must end the tag name: `\b` would also take custom elements (`<svg-icon>`, `<select-menu>`), whose
// closing tag never matches, and the rest of the page would go with them.
const OPEN_RE = new RegExp(`<!--|<(${RAW_NAMES.join('|')})(?=[\\s/>])`, 'gi');
const CLOSE_RE: Record<string, RegExp> = Object.fromEntries(RAW_NAMES.map((name) => [name, new RegExp(`</${name}\\s*>`, 'gi')]));
const JSON_LD_TYPE_RE = /\btype\s*=\s*["']?application\/ld\+json/i;

/**
 * Cuts the page to `maxHtmlBytes`, pulls out JSON-LD, strips scripts/styles/comments and makes sure the
 * markup has `<html>`, `<head>` and `<body>` (linkedom needs a document element to hang head/body on).
 * One left-to-right scan: each opening tag looks for its own closing tag from where it stands, and an element
 * that never closes takes the rest of the page with it (as a browser would treat it), so the cost stays linear.
 */
export function prepareHtml(raw: string, maxHtmlBytes: number = DEFAULT_MAX_HTML_BYTES): PreparedHtml {
  const truncated = raw.length > maxHtmlBytes;
  const html = truncated ? raw.slice(0, maxHtmlBytes) : raw;
  const jsonLd: string[] = [];
  const parts: string[] = [];
  let last = 0;
  OPEN_RE.lastIndex = 0;
  for (let match = OPEN_RE.exec(html); match !== null; match = OPEN_RE.exec(html)) {
    const start = match.index;
    let end: number;
    if (match[1] === undefined) {
      const close = html.indexOf('-->', start + 4);
      end = close < 0 ? html.length : close + 3;
    } else {
      // The opening tag ends at the next ">"; without one the rest of the page is a broken tag: leave it to the parser.
      const tagEnd = html.indexOf('>', OPEN_RE.lastIndex);
      if (tagEnd < 0) break;
      const name = match[1].toLowerCase();
      const closer = CLOSE_RE[name] as RegExp;
      closer.lastIndex = tagEnd + 1;
      const close = closer.exec(html);
      const contentEnd = close === null ? html.length : close.index;
      if (name === 'script' && JSON_LD_TYPE_RE.test(html.slice(OPEN_RE.lastIndex, tagEnd))) jsonLd.push(html.slice(tagEnd + 1, contentEnd));
      end = close === null ? html.length : close.index + close[0].length;
    }
    parts.push(html.slice(last, start));
    last = end;
    OPEN_RE.lastIndex = end;
  }
  parts.push(html.slice(last));
  return { html: ensureDocumentShape(parts.join('')), jsonLd, truncated };
}

// With <html> but no <body> start tag and no </head>, everything goes in <head> and an empty <body> follows:
// shapeDocumentTree then moves what is not head content into the body, as the spec's "in head" mode does.
function ensureDocumentShape(html: string): string {
  const hasHtml = /<html[\s>]/i.test(html);
  const hasBody = /<body[\s>]/i.test(html);
  if (hasHtml && hasBody) return html;
  if (!hasHtml && !hasBody) {
    const headEnd = html.search(/<\/head\s*>/i);
    if (headEnd >= 0) {
      const head = html.slice(0, headEnd).replace(/<head[^>]*>/i, '').replace(/<!doctype[^>]*>/i, '');
      return `<!DOCTYPE html><html><head>${head}</head><body>${html.slice(headEnd).replace(/<\/head\s*>/i, '')}</body></html>`;
    }
    // A fragment (feed content, a bare snippet): all of it is body.
    return `<!DOCTYPE html><html><head></head><body>${html.replace(/<!doctype[^>]*>/i, '')}</body></html>`;
  }
  if (hasHtml && !hasBody) {
    const headEnd = html.search(/<\/head\s*>/i);
    if (headEnd >= 0) {
      const at = headEnd + (/<\/head\s*>/i.exec(html.slice(headEnd))?.[0].length ?? 0);
      const rest = html.slice(at).replace(/<\/html\s*>/gi, '');
      return `${html.slice(0, at)}<body>${rest}</body></html>`;
    }
    // Only the closing tags go: text after a stray </html> is body text to a browser.
    return `${html.replace(/<\/html\s*>/gi, '')}<body></body></html>`;
  }
  // A <body> without <html>: wrap the lot.
  return `<!DOCTYPE html><html>${html.replace(/<!doctype[^>]*>/i, '')}</html>`;
}
