import { WiredeskError } from '../errors/index.js';
import type { ExtractionMethod } from '../types/index.js';
import { classifyPage, readPageSignals, wallStandIn } from './classify/index.js';
import { removeImageCaptions, removeLinkLists, removeMatching, removeMatchingBlocks, removeMatchingInArticle, removeTitleHeading } from './clean-dom.js';
import { countNonSpace, countRegionWords, findContentRegion, findDenseBlock, measureFastTree, regionText, serializeRegion, type ContentRegion } from './content-region.js';
import { CAPTION_RULE, HIDDEN_SELECTORS, LINK_LIST_RULE, READABILITY_UNLIKELY } from './rules/boilerplate-rules.js';
import { NEITHER_METHOD_RULE, SECOND_OPINION_RULE, SPAN_FILL_RULE, TAIL_AGREEMENT_RULE } from './rules/removal-guard.js';
import { fillSpanFromDense, mayFillSpan } from './fill-span.js';
import { squashForMatch, trimOutsideBothMethods, trimTailOutsideRegion } from './trim-tail.js';
import { parseDocument, type DomEngine } from './dom/parse-document.js';
import type { PrunedPage } from './dom/build-dom.js';
import { ReadabilityReader } from './dom/readability-reader.js';
import { shapeDocumentTree } from './dom/shape-tree.js';
import { dropIndentation, fastOuterHtml, fastText, findFirst, flattenBeyondDepth, parseFastTree, stripUnusedAttributes, type FastDocument, type FastElement } from './dom/fast-tree.js';
import { clampFutureDates } from './metadata/clamp-dates.js';
import { collectPageFacts, type PageFacts } from './metadata/page-facts.js';
import { pruneFastTree, pruneUnlikely } from './prune-tree.js';
import type { DomDocument, DomElement } from './dom/dom-types.js';
import type { ExtractedArticle, ExtractFeedItem, ExtractInput } from './extract-types.js';
import { detectLanguage, isRtlLanguage } from './metadata/detect-language.js';
import { readMetadata } from './metadata/read-metadata.js';
import { resolveHttpUrl } from './metadata/url-utils.js';
import { prepareHtml } from './prepare-html.js';
import { compileRules, type CompiledRules } from './rules/compile-rules.js';
import { sanitizeHtml } from './sanitize-html.js';
import { blocksToText, collectBlocks, dropLines } from './text/block-text.js';
import { createLineMatcher, type LineMatcher } from './text/line-matcher.js';
import { countWords, normalizeInline } from './text/normalize-text.js';

/** Below this many words a page body is "too short" and the feed's text is preferred when it has more. */
const MIN_BODY_WORDS = 25;
/** The body must reach this share of the feed's own text, or the feed's text wins (extraction lost paragraphs). */
const FEED_RATIO = 0.5;
/** Markup nested deeper than this is flattened (see flattenBeyondDepth; real pages stay under ~55). */
const MAX_NESTING = 64;
/** Attributes Readability, the post-clean rules and the sanitizer read; the rest are dropped before the DOM. */
const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'class', 'id', 'href', 'src', 'srcset', 'alt', 'title', 'datetime', 'lang', 'dir', 'itemprop', 'rel', 'role',
  'colspan', 'rowspan', 'scope', 'start', 'cite', 'width', 'height', 'hidden', 'aria-hidden',
]);
const MEDIA_TAGS: ReadonlySet<string> = new Set(['img', 'picture', 'source', 'video', 'figure']);
/** Outside the article (and where no article is found), a built-in rule never removes an element holding more than this share of the page's text. */
const PRE_CLEAN_MAX_SHARE = 0.4;

/**
 * Extracts a clean article from a page: pre-clean by the boilerplate rules, Readability for the body,
 * post-clean, block-wise text, sanitized HTML and metadata with provenance; falls back to the feed's
 * content or summary when the page is not an article or its body is much shorter than the feed's text.
 * Pure and synchronous. Throws only WiredeskError: EXTRACT_EMPTY (no text anywhere, `details.reason`) or
 * EXTRACT_FAILED (bad input or an internal error).
 */
export function extractArticle(input: ExtractInput): ExtractedArticle {
  return extractArticleWith(input, 'lite');
}

/** `extractArticle` on a chosen DOM engine (our small DOM by default; linkedom and jsdom for comparisons). */
export function extractArticleWith(input: ExtractInput, engine: DomEngine): ExtractedArticle {
  if (input === null || typeof input !== 'object' || typeof input.html !== 'string' || typeof input.url !== 'string') {
    throw new WiredeskError('EXTRACT_FAILED', 'extract: input needs html and url strings');
  }
  try {
    return extractUnchecked(input, engine);
  } catch (error) {
    if (error instanceof WiredeskError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new WiredeskError('EXTRACT_FAILED', `extract: ${message} (${input.url})`, { url: input.url, cause: error });
  }
}

function extractUnchecked(input: ExtractInput, engine: DomEngine): ExtractedArticle {
  const feed = input.feedItem ?? null;
  const rules = compileRules(input.site);
  const prepared = prepareHtml(input.html, input.maxHtmlBytes);
  const tree = parseFastTree(prepared.html);
  flattenBeyondDepth(tree, MAX_NESTING);
  const facts = collectPageFacts(tree);
  const signals = readPageSignals(tree);
  shapeDocumentTree(tree);
  const baseUrl = (facts.baseHref !== null ? resolveHttpUrl(facts.baseHref, input.url) : null) ?? input.url;
  const meta = readMetadata(facts, prepared.jsonLd, input.url, baseUrl, feed);
  const clampedDates = clampFutureDates(meta, input.now);
  const pruned = pruneToDocument(tree, facts, rules);
  const parsed = parseDocument(pruned.page, engine);
  try {
    const agreement = regionAgreement(pruned.region, pruned.dense, rules);
    const readability = extractBody(parsed.document, rules, baseUrl, meta.title, agreement);
    const body = fillFromDenseBlock(secondOpinion(readability, pruned.region, engine, rules, baseUrl, meta.title), pruned.dense, engine, rules, baseUrl, meta.title);
    const provenance: Record<string, string> = { ...meta.provenance };
    let text = body?.text ?? '';
    let html = body?.html ?? null;
    let method: ExtractionMethod = body?.source === 'density' ? 'density' : body?.source === 'dense-span' ? 'merged' : 'readability';
    provenance['text'] = body?.source ?? 'readability';

    const feedText = bestFeedText(feed, input.url);
    const words = countWords(text);
    const bodyText = text;
    const nonArticle = classifyPage({ ...signals, title: facts.title, bodyText: text });
    const fallbackReason = nonArticle !== null ? `non-article:${nonArticle.kind}` : body === null ? 'no-body' : words < MIN_BODY_WORDS ? 'not-an-article' : feedText !== null && words < feedText.words * FEED_RATIO ? 'body-shorter-than-feed' : null;
    if (fallbackReason !== null && feedText !== null && (nonArticle !== null || feedText.words > words)) {
      text = feedText.text;
      html = feedText.html;
      method = feedText.method;
      provenance['text'] = 'feed';
    }
    // Every reason that applies, most important first ("not-an-article,html-truncated"); null for a plain success.
    const reasons = [fallbackReason, prepared.truncated ? 'html-truncated' : null, body?.reason ?? null].filter((r): r is string => r !== null);
    const reason = reasons.length > 0 ? reasons.join(',') : null;
    // A wall's text is never the article: without the feed's text there is none, and a lasting wall whose feed
    // item names the article is kept as that headline (wall-stand-in.ts).
    const standIn = nonArticle !== null && provenance['text'] !== 'feed' ? wallStandIn(nonArticle.kind, feed?.title ?? null) : null;
    if (standIn !== null) {
      text = '';
      html = null;
      method = 'none';
      provenance['text'] = 'none';
    }
    if (text.length === 0 && standIn !== 'headline') {
      throw new WiredeskError('EXTRACT_EMPTY', `extract: no article text on the page or in the feed (${input.url})`, {
        url: input.url,
        retryable: standIn === 'retry',
        details: { reason: fallbackReason ?? 'empty-body', title: meta.title, ...(nonArticle !== null ? { nonArticle: nonArticle.kind } : {}) },
      });
    }

    let language = meta.language;
    if (language === null) {
      language = detectLanguage(text);
      if (language !== null) provenance['language'] = 'detected';
    }
    let direction = meta.direction;
    if (direction === null) {
      direction = isRtlLanguage(language) ? 'rtl' : 'ltr';
      provenance['direction'] = language !== null ? 'language' : 'default';
    }
    let title = meta.title;
    if (title === null && body?.title) {
      title = body.title;
      provenance['title'] = 'readability';
    }
    let byline = meta.byline;
    if (byline === null && body?.byline) {
      byline = body.byline;
      provenance['byline'] = 'readability';
    }
    // A wall's title is the wall's ("Just a moment..."): the feed's names the article.
    if (nonArticle !== null && feed !== null && feed.title !== '') {
      title = feed.title;
      provenance['title'] = 'feed';
    }
    return {
      title: title ?? '',
      byline,
      publishedAt: meta.publishedAt,
      updatedAt: meta.updatedAt,
      language,
      direction,
      siteName: meta.siteName,
      canonicalUrl: meta.canonicalUrl,
      leadImage: meta.leadImage ?? firstImage(html, provenance),
      text,
      html,
      // The body's count from above unless the text was replaced (feed fallback, a wall's text dropped).
      wordCount: text === bodyText ? words : countWords(text),
      extraction: { method, reason },
      nonArticle,
      clampedDates,
      provenance,
    };
  } finally {
    parsed.close();
  }
}

function isAttached(el: FastElement, root: FastElement | FastDocument): boolean {
  for (let p = el.parent as FastElement | FastDocument | null; p !== null; p = (p as FastElement).parent as FastElement | FastDocument | null) if (p === root) return true;
  return false;
}

/** The dense block (content-region.ts findDenseBlock) and its text's length before the pre-clean (non-white-space characters, an upper bound). */
interface DenseBlock {
  el: FastElement;
  chars: number;
}

interface BodyResult {
  text: string;
  html: string;
  title: string | null;
  byline: string | null;
  source: string;
  reason: string | null;
}

/**
 * The pre-clean, on htmlparser2's tree: the site's selectors (trusted, any size), then the built-in rules
 * (guarded) unless the site names its body element, in which case only the hidden-element rule (it reads inline
 * styles, which are stripped here). Returns a small document for the DOM: the page title
 * (Readability uses it to drop a heading that repeats it) and the pruned body.
 */
function pruneToDocument(tree: FastDocument, facts: PageFacts, rules: CompiledRules): { page: PrunedPage; region: ContentRegion | null; dense: DenseBlock | null } {
  const body = findFirst(tree, 'body') ?? tree;
  if (rules.siteSelectors.length > 0) pruneFastTree(body, rules.siteSelectors, 1);
  let region: ContentRegion | null = null;
  let dense: DenseBlock | null = null;
  if (rules.bodySelector === null) {
    // Built-in rules are evidence, not verdicts: they never remove the article found from its paragraphs.
    const stats = measureFastTree(body);
    region = findContentRegion(body, stats);
    // The dense block is judged on the whole page, like the region; the pre-clean may then remove it (a
    // comment thread, a story list), and a removed block is no candidate.
    const denseEl = findDenseBlock(body, stats);
    const guard = { stats, region };
    pruneFastTree(body, rules.selectors, PRE_CLEAN_MAX_SHARE, guard);
    pruneUnlikely(body, READABILITY_UNLIKELY, PRE_CLEAN_MAX_SHARE, guard);
    if (denseEl !== null && isAttached(denseEl, body)) dense = { el: denseEl, chars: stats.get(denseEl)?.text ?? 0 };
  } else {
    pruneFastTree(body, HIDDEN_SELECTORS, PRE_CLEAN_MAX_SHARE);
  }
  stripUnusedAttributes(body, KEPT_ATTRIBUTES, MEDIA_TAGS);
  dropIndentation(body);
  return { page: { title: facts.title, body }, region, dense };
}

/**
 * The cascade's second opinion: the content region (found from paragraph and link density, content-region.ts)
 * read as the body when Readability's result is missing or holds less than SECOND_OPINION_RULE's share of the
 * region's words, and kept only if it then holds more words than Readability's. Parsed only for such pages.
 */
function secondOpinion(body: BodyResult | null, region: ContentRegion | null, engine: DomEngine, rules: CompiledRules, baseUrl: string, pageTitle: string | null): BodyResult | null {
  if (region === null || body?.source === 'site-body-selector') return body;
  const regionWords = countRegionWords(region);
  const words = body === null ? 0 : countWords(body.text);
  if (regionWords < MIN_BODY_WORDS || words >= regionWords * SECOND_OPINION_RULE.maxReadabilityShare) return body;
  const parsed = parseDocument(`<!DOCTYPE html><html><head></head><body><div>${serializeRegion(region)}</div></body></html>`, engine);
  try {
    const root = parsed.document.body?.children[0] ?? null;
    if (root === null) return body;
    const density = finishBody(root, rules, null, null, 'density', baseUrl, pageTitle);
    return countWords(density.text) > words ? { ...density, title: body?.title ?? null, byline: body?.byline ?? null } : body;
  } finally {
    parsed.close();
  }
}

/**
 * The cascade's merge in the middle (fill-span.ts): the dense block, post-cleaned like a body and cut to the
 * span from the body's first line to its last, replaces the body when it fills gaps Readability left (sections
 * of a long page). Read only when the dense block's raw text could hold that many more words.
 */
function fillFromDenseBlock(body: BodyResult | null, dense: DenseBlock | null, engine: DomEngine, rules: CompiledRules, baseUrl: string, pageTitle: string | null): BodyResult | null {
  if (body === null || dense === null || body.source === 'site-body-selector') return body;
  // Cheap first: the dense block's raw text must have room for the fill (characters before the pre-clean, then
  // both ends of the body in the text left after it).
  const gain = Math.min(SPAN_FILL_RULE.minFillShare, SPAN_FILL_RULE.head.minShare);
  if (dense.chars < countNonSpace(body.text) * (1 + gain) || countWords(body.text) < MIN_BODY_WORDS) return body;
  if (!mayFillSpan(fastText(dense.el), body.text, SPAN_FILL_RULE)) return body;
  const parsed = parseDocument(`<!DOCTYPE html><html><head></head><body><div>${fastOuterHtml(dense.el)}</div></body></html>`, engine);
  try {
    const root = parsed.document.body?.children[0] ?? null;
    if (root === null) return body;
    const linePatterns = cleanBody(root, rules, pageTitle);
    if (!fillSpanFromDense(root, body.text, SPAN_FILL_RULE)) return body;
    return { ...bodyResult(root, linePatterns, null, null, 'dense-span', baseUrl), title: body.title, byline: body.byline };
  } finally {
    parsed.close();
  }
}

/** The content region as the tail merge reads it (squashed text, words); null without a region or with a site body selector. */
interface RegionAgreement {
  text: string;
  words: number;
  /** The dense block's text, squashed; null without one. Read on demand (most bodies need no second look). */
  dense: (() => string) | null;
}

function regionAgreement(region: ContentRegion | null, dense: DenseBlock | null, rules: CompiledRules): RegionAgreement | null {
  if (region === null || rules.bodySelector !== null) return null;
  const text = regionText(region);
  return { text: squashForMatch(text), words: countWords(text), dense: dense === null ? null : () => squashForMatch(fastText(dense.el)) };
}

// (site body selector | Readability) → post-clean → tail merge with the content region → text and HTML from the same cleaned subtree.
function extractBody(document: DomDocument, rules: CompiledRules, baseUrl: string, pageTitle: string | null, agreement: RegionAgreement | null): BodyResult | null {
  const root = document.body;
  if (root === null) return null;
  if (rules.bodySelector !== null) {
    const chosen = safeQuery(document, rules.bodySelector);
    if (chosen !== null) return finishBody(chosen, rules, null, null, 'site-body-selector', baseUrl, pageTitle);
    // The site's body selector missed (a redesign): apply the built-in pre-clean that was skipped for it.
    removeMatching(root, rules.selectors, PRE_CLEAN_MAX_SHARE);
  }
  const reader = new ReadabilityReader(document as never, { serializer: (node: unknown) => node, keepClasses: true, disableJSONLD: true });
  const article = reader.parse();
  const content = article?.content as DomElement | null | undefined;
  if (article === null || content === null || content === undefined) return null;
  return finishBody(content, rules, article.title ?? null, article.byline ?? null, 'readability', baseUrl, pageTitle, agreement);
}

function finishBody(content: DomElement, rules: CompiledRules, title: string | null, byline: string | null, source: string, baseUrl: string, pageTitle: string | null, agreement: RegionAgreement | null = null): BodyResult {
  const linePatterns = cleanBody(content, rules, pageTitle);
  if (agreement !== null) {
    trimTailOutsideRegion(content, agreement.text, agreement.words, TAIL_AGREEMENT_RULE);
    if (agreement.dense !== null) trimOutsideBothMethods(content, agreement.text, agreement.dense, NEITHER_METHOD_RULE);
  }
  return bodyResult(content, linePatterns, title, byline, source, baseUrl);
}

// The post-clean, the same for every candidate body; returns the line matcher for the text step.
function cleanBody(content: DomElement, rules: CompiledRules, pageTitle: string | null): LineMatcher {
  removeMatchingInArticle(content, rules.selectors);
  removeImageCaptions(content, CAPTION_RULE);
  removeLinkLists(content, LINK_LIST_RULE);
  removeTitleHeading(content, pageTitle);
  const linePatterns = createLineMatcher(rules.linePatterns);
  removeMatchingBlocks(content, linePatterns);
  return linePatterns;
}

function bodyResult(content: DomElement, linePatterns: LineMatcher, title: string | null, byline: string | null, source: string, baseUrl: string): BodyResult {
  const blocks = dropLines(collectBlocks(content), linePatterns);
  return {
    text: blocksToText(blocks),
    html: sanitizeHtml(content, baseUrl),
    title: title !== null ? normalizeInline(title) || null : null,
    byline: byline !== null ? normalizeInline(byline) || null : null,
    source,
    reason: source === 'site-body-selector' ? 'site-body-selector' : null,
  };
}

// Without og/twitter/JSON-LD images, the first image of the cleaned body is the lead image.
function firstImage(html: string | null, provenance: Record<string, string>): string | null {
  const match = html === null ? null : /<img src="([^"]+)"/.exec(html);
  if (match?.[1] === undefined) return null;
  provenance['leadImage'] = 'body';
  return match[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, '\u00A0').replace(/&amp;/g, '&');
}

function safeQuery(document: DomDocument, selector: string): DomElement | null {
  try {
    return document.querySelector(selector);
  } catch {
    return null;
  }
}

interface FeedText {
  text: string;
  html: string | null;
  words: number;
  method: ExtractionMethod;
}

// The feed's content or summary (whichever has more words) as block text; null when the feed has neither.
function bestFeedText(feed: ExtractFeedItem | null, url: string): FeedText | null {
  if (feed === null) return null;
  let best: FeedText | null = null;
  for (const [value, method] of [[feed.content, 'feed-content'], [feed.summary, 'feed-summary']] as const) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const prepared = prepareHtml(value);
    const parsed = parseDocument(prepared.html);
    try {
      const root = parsed.document.body;
      if (root === null) continue;
      const text = blocksToText(collectBlocks(root));
      const words = countWords(text);
      if (words > 0 && (best === null || words > best.words)) best = { text, html: sanitizeHtml(root, url) || null, words, method };
    } finally {
      parsed.close();
    }
  }
  return best;
}
