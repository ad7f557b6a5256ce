/**
 * Query parameters that only track the click (campaign, ad, mail and social referrers) and never
 * select content. Removed from `canonicalUrl` so the same article reached via two newsletters is
 * one URL. Entries ending in `*` are prefixes.
 */
export const TRACKING_PARAMS: readonly string[] = [
  'utm_*', // Google Analytics campaign tags (utm_source, utm_medium, utm_campaign, utm_term, utm_content, utm_id…)
  'ns_*', // comScore (ns_mchannel, ns_campaign, ns_source, ns_linkname)
  'fbclid', // Facebook click id
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', // Google Ads click ids
  'msclkid', // Microsoft Ads
  'yclid', // Yandex
  'twclid', // X/Twitter
  'igshid', // Instagram share id
  'mc_cid', 'mc_eid', // Mailchimp campaign and subscriber ids
  '_hsenc', '_hsmi', 'hsctatracking', // HubSpot
  'mkt_tok', // Marketo
  'oly_anon_id', 'oly_enc_id', // Omeda
  'vero_id', 'vero_conv', // Vero
  'ncid', // Yahoo/HuffPost syndication
  'cmpid', // campaign id (Guardian, Reuters, many CMSes)
  'ocid', // Microsoft/MSN
  'sr_share', // Simple Reach
  'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4', // AT Internet (BBC)
  'ito', // Le Monde/Figaro (AT Internet)
  'xtor', // AT Internet campaign tag (fr press)
  'wt_mc', 'wt.mc_id', // Webtrends
  'ref_src', 'ref_url', // X/Twitter embeds
  's_cid', // Adobe
  '__twitter_impression', 'smid', 'smtyp', // NYT social
];

const EXACT = new Set(TRACKING_PARAMS.filter((p) => !p.endsWith('*')).map((p) => p.toLowerCase()));
const PREFIXES = TRACKING_PARAMS.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1).toLowerCase());

/** True when a query parameter name is a tracking parameter (case-insensitive). */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return EXACT.has(lower) || PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The URL used to recognise an article: absolute http(s), fragment dropped, tracking parameters
 * removed (the others keep their order), host lower-cased by URL parsing. Null for anything that is
 * not an http(s) URL.
 */
export function canonicalizeUrl(url: string | null): string | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return canonicalizeParsed(parsed);
}

/**
 * Resolves a reference against a base and canonicalizes it with one URL parse (the hot path of
 * normalization): `{url: null, canonicalUrl: null}` when it does not resolve.
 */
export function resolveAndCanonicalize(reference: string | null, base: string | null): { url: string | null; canonicalUrl: string | null } {
  if (reference === null) return { url: null, canonicalUrl: null };
  const trimmed = reference.trim();
  if (trimmed === '') return { url: null, canonicalUrl: null };
  let parsed: URL;
  try {
    parsed = new URL(trimmed, isAbsoluteHttp(trimmed) ? undefined : (base ?? undefined));
  } catch {
    return { url: null, canonicalUrl: null };
  }
  const url = parsed.href;
  return { url, canonicalUrl: canonicalizeParsed(parsed) };
}

function canonicalizeParsed(parsed: URL): string | null {
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // String surgery on the serialized href: the URL setters re-parse the whole URL each time, and in a
  // serialized URL the first '#' starts the fragment and the first '?' before it starts the query.
  let href = parsed.href;
  const hash = href.indexOf('#');
  if (hash !== -1) href = href.slice(0, hash);
  const question = href.indexOf('?');
  if (question === -1) return href;
  const kept = href
    .slice(question + 1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(decodeParamName(pair.split('=', 1)[0] ?? '')));
  return kept.length === 0 ? href.slice(0, question) : `${href.slice(0, question)}?${kept.join('&')}`;
}

/** Resolves a possibly relative reference against a base; null when neither yields a valid URL. */
export function resolveUrl(reference: string | null, base: string | null): string | null {
  if (reference === null) return null;
  const trimmed = reference.trim();
  if (trimmed === '') return null;
  try {
    return new URL(trimmed, isAbsoluteHttp(trimmed) ? undefined : (base ?? undefined)).href;
  } catch {
    return null;
  }
}

/** An absolute http(s) URL resolves to itself: passing the base would only make URL parse it too (per item). */
function isAbsoluteHttp(reference: string): boolean {
  return /^https?:\/\//i.test(reference);
}

function decodeParamName(name: string): string {
  if (name.indexOf('%') === -1 && name.indexOf('+') === -1) return name;
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
