/** Default cap when the caller gives none: pages past a few MB are app shells or data dumps, not articles. */
export const DEFAULT_MAX_HTML_BYTES = 3 * 1024 * 1024;

/** The markup ready for a DOM, plus what had to be read from the raw text before stripping. */
export interface PreparedHtml {
  html: string;
  /** Raw bodies of `<script type="application/ld+json">` blocks (read before scripts are stripped). */
  jsonLd: string[];
  truncated: boolean;
}

const JSON_LD_RE = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
// Elements whose content is never article text; stripped as text because some (stylesheets) crash DOM builders
// and all of them cost parse time (FACTS.md: stripping <style> made jsdom parse ~1.6x faster).
const STRIP_RE = /<(script|style|noscript|template|svg|math|iframe|object|textarea|select)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT_RE = /<!--[\s\S]*?(?:-->|$)/g;
const UNCLOSED_RAW_RE = /<(script|style)\b[^>]*>[\s\S]*$/i;

/**
 * Cuts the page to `maxHtmlBytes`, pulls out JSON-LD, strips scripts/styles/comments and makes sure the
 * markup has `<html>`, `<head>` and `<body>` (linkedom needs a document element to hang head/body on).
 */
export function prepareHtml(raw: string, maxHtmlBytes: number = DEFAULT_MAX_HTML_BYTES): PreparedHtml {
  const truncated = raw.length > maxHtmlBytes;
  let html = truncated ? raw.slice(0, maxHtmlBytes) : raw;
  const jsonLd: string[] = [];
  for (const match of html.matchAll(JSON_LD_RE)) if (match[1] !== undefined) jsonLd.push(match[1]);
  html = html.replace(COMMENT_RE, '').replace(STRIP_RE, '').replace(UNCLOSED_RAW_RE, '');
  return { html: ensureDocumentShape(html), jsonLd, truncated };
}

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
    return `<!DOCTYPE html><html><head></head><body>${html.replace(/<!doctype[^>]*>/i, '')}</body></html>`;
  }
  if (hasHtml && !hasBody) {
    const headEnd = html.search(/<\/head\s*>/i);
    const at = headEnd >= 0 ? headEnd + (/<\/head\s*>/i.exec(html.slice(headEnd))?.[0].length ?? 0) : (/<html[^>]*>/i.exec(html)?.index ?? 0) + (/<html[^>]*>/i.exec(html)?.[0].length ?? 0);
    const rest = html.slice(at).replace(/<\/html\s*>[\s\S]*$/i, '');
    return `${html.slice(0, at)}<body>${rest}</body></html>`;
  }
  // A <body> without <html>: wrap the lot.
  return `<!DOCTYPE html><html>${html.replace(/<!doctype[^>]*>/i, '')}</html>`;
}
