import type { ExtractedArticle, ExtractFeedItem } from '../extract-types.js';
import { normalizeInline } from '../text/normalize-text.js';
import { readJsonLdArticle } from './json-ld.js';
import { normalizeLanguage } from './detect-language.js';
import { resolveHttpUrl } from './url-utils.js';
import { cleanTitle } from './clean-title.js';
import { normalizeDate } from './normalize-date.js';
import type { PageFacts } from './page-facts.js';

/** Metadata read from the page head, JSON-LD and the feed item; each field with its source. */
export type PageMetadata = Pick<
  ExtractedArticle,
  'byline' | 'publishedAt' | 'updatedAt' | 'language' | 'direction' | 'siteName' | 'canonicalUrl' | 'leadImage' | 'provenance'
> & { title: string | null };

type Candidate = [source: string, value: string | null | undefined];

const PUBLISHED_META = ['article:published_time', 'og:published_time', 'published_time', 'datepublished', 'pubdate', 'publishdate', 'publish-date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'dcterms.issued', 'sailthru.date', 'parsely-pub-date', 'article.published', 'og:article:published_time'];
const UPDATED_META = ['article:modified_time', 'og:updated_time', 'modified_time', 'datemodified', 'dcterms.modified', 'last-modified', 'article.updated', 'og:article:modified_time'];

/**
 * Reads title, byline, dates, language, direction, site name, canonical URL and lead image, in the documented
 * precedence (JSON-LD → meta → HTML → feed), recording where each value came from. Relative URLs resolve against
 * `baseUrl` (the page's `<base href>`, else its URL), as the body's links do.
 */
export function readMetadata(facts: PageFacts, jsonLdBlocks: readonly string[], url: string, baseUrl: string, feed: ExtractFeedItem | null): PageMetadata {
  const meta = facts.metas;
  const ld = readJsonLdArticle(jsonLdBlocks);
  const provenance: Record<string, string> = {};
  const pick = (field: string, candidates: Candidate[], normalize: (v: string) => string | null = (v) => normalizeInline(v) || null): string | null => {
    for (const [source, value] of candidates) {
      if (value === null || value === undefined) continue;
      const normalized = normalize(value);
      if (normalized !== null) {
        provenance[field] = source;
        return normalized;
      }
    }
    return null;
  };

  const siteName = pick('siteName', [['og', meta.get('og:site_name')], ['json-ld', ld?.publisher], ['meta', meta.get('application-name')]]);
  const title = pick('title', [
    ['og', meta.get('og:title')], ['json-ld', ld?.headline], ['meta', meta.get('twitter:title')],
    ['html', facts.title], ['h1', facts.h1], ['feed', feed?.title],
  ], (v) => cleanTitle(v, siteName, url, facts.h1));

  const byline = pick('byline', [
    ['json-ld', ld !== null && ld.authors.length > 0 ? ld.authors.join(', ') : null],
    ['meta', notUrl(meta.get('author'))], ['meta', notUrl(meta.get('article:author'))], ['meta', notUrl(meta.get('parsely-author'))],
    ['meta', notUrl(meta.get('dc.creator'))], ['html', facts.bylineText],
    ['feed', feed !== null && feed.authors.length > 0 ? feed.authors.join(', ') : null],
  ], (v) => cleanByline(v));

  const publishedAt = pick('publishedAt', [
    ['json-ld', ld?.datePublished], ...PUBLISHED_META.map((k): Candidate => ['meta', meta.get(k)]),
    ['itemprop', facts.itempropPublished], ['time', facts.timeDatetime], ['feed', feed?.publishedAt],
  ], normalizeDate);
  const updatedAt = pick('updatedAt', [
    ['json-ld', ld?.dateModified], ...UPDATED_META.map((k): Candidate => ['meta', meta.get(k)]),
    ['itemprop', facts.itempropModified],
  ], normalizeDate);

  const language = pick('language', [
    ['html', facts.htmlLang], ['meta', meta.get('content-language')],
    ['meta', meta.get('language')], ['meta', meta.get('dc.language')], ['og', meta.get('og:locale')],
    ['json-ld', ld?.inLanguage], ['feed', feed?.language],
  ], normalizeLanguage);
  const dirAttr = (facts.htmlDir ?? facts.bodyDir ?? '').trim().toLowerCase();
  const direction = dirAttr === 'rtl' || dirAttr === 'ltr' ? dirAttr : null;
  if (direction !== null) provenance['direction'] = 'html';

  const canonicalUrl = pick('canonicalUrl', [
    ['html', facts.canonical], ['og', meta.get('og:url')], ['json-ld', ld?.url],
  ], (v) => resolveHttpUrl(v, baseUrl));
  const leadImage = pick('leadImage', [
    ['og', meta.get('og:image:secure_url') ?? meta.get('og:image')], ['meta', meta.get('twitter:image') ?? meta.get('twitter:image:src')],
    ['json-ld', ld?.image], ['html', facts.imageSrc],
  ], (v) => resolveHttpUrl(v, baseUrl));

  return { title, byline, publishedAt, updatedAt, language, direction, siteName, canonicalUrl, leadImage, provenance };
}

function notUrl(value: string | undefined): string | null {
  return value === undefined || /^https?:\/\//i.test(value.trim()) ? null : value;
}

// Visible bylines carry their surroundings: "By Madeline Fry | November 18, 2019 12:01 PM",
// "Roger Gonzalez @rgonzalezcbs Nov 19, 2019". Keep the names: cut at a separator or the first date-ish token.
const BYLINE_TAIL_RE = /\s+(?:[|•·]|[-–—]\s+(?=.*\d)).*$|\s+@\w+.*$|\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,4}[-/.]\d{1,2}|\d{1,2}:\d{2}|(?:updated|published|posted)\b).*$/i;

function cleanByline(value: string): string | null {
  const text = normalizeInline(value).replace(/^(?:by|von|par|por|di)\s+/i, '').replace(BYLINE_TAIL_RE, '').replace(/[,;:|\s]+$/, '').trim();
  return text.length > 0 && text.length <= 200 ? text : null;
}
