import { normalizeInline } from '../text/normalize-text.js';

const SEPARATOR_RE = /\s+[|\-–—:·»/]{1,2}\s+/;
const LEADING_SEPARATOR_RE = /^\s+[|\-–—:·»/]{1,2}\s+\S/;
const TRAILING_SEPARATOR_RE = /\S\s+[|\-–—:·»/]{1,2}\s+$/;

/**
 * Normalises a title and strips the site name when it sits at either end behind a separator
 * ("Baghdadi fled Mosul | Rasa News" → "Baghdadi fled Mosul"). Without a known site name, the page's `<h1>` when
 * the title is that headline plus a separator and more, or a trailing part that looks like the host name.
 */
export function cleanTitle(value: string, siteName: string | null, url?: string, heading?: string | null): string | null {
  const text = normalizeInline(value);
  if (text.length === 0) return null;
  const parts = text.split(SEPARATOR_RE);
  if (parts.length < 2) return text;
  // The page's own headline, when it is the title minus a leading or trailing part, is the title.
  const h1 = heading !== null && heading !== undefined ? normalizeInline(heading) : '';
  if (h1.length > 0 && h1.length < text.length) {
    if (text.startsWith(h1) && LEADING_SEPARATOR_RE.test(text.slice(h1.length))) return h1;
    if (text.endsWith(h1) && TRAILING_SEPARATOR_RE.test(text.slice(0, text.length - h1.length))) return h1;
  }
  const isSite = (part: string): boolean => {
    const p = squash(part);
    if (p.length === 0) return false;
    if (siteName !== null) {
      const s = squash(siteName);
      if (s.length > 0 && (p === s || (p.length >= 4 && s.includes(p)) || (s.length >= 4 && p.includes(s) && p.length <= s.length + 12))) return true;
    }
    const host = hostLabel(url);
    return host !== null && host.length >= 3 && (p === host || p.startsWith(host) || p.endsWith(host)) && part.split(/\s+/).length <= 4;
  };
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  // Keep the separator text of the remaining title as it was: cut at the first/last separator only.
  if (isSite(last)) {
    const match = [...text.matchAll(new RegExp(SEPARATOR_RE.source, 'g'))].pop();
    if (match?.index !== undefined) return text.slice(0, match.index).trim() || text;
  }
  if (isSite(first)) {
    const match = SEPARATOR_RE.exec(text);
    if (match !== null) return text.slice(match.index + match[0].length).trim() || text;
  }
  return text;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

// "www.rasanews.ir" → "rasanews"
function hostLabel(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    const labels = new URL(url).hostname.split('.').filter((l) => !/^(?:www\d?|m|amp|news|en|ar)$/.test(l));
    const main = labels.length >= 2 ? labels[labels.length - 2] : labels[0];
    return main !== undefined ? squash(main) : null;
  } catch {
    return null;
  }
}
