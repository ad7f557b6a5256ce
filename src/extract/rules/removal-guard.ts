/**
 * When a built-in rule may remove what it matched. A class-name match is evidence, not a verdict: inside the
 * article (the content region, found from paragraph text, not class names) a matched element goes only when it
 * is link-dense, or small next to the article and not made of paragraphs, and when the selector that matched it
 * does not cover a large part of the article in total (utility classes such as `font-size-16` on every
 * paragraph would otherwise remove the body piece by piece). The region's ancestors are never removed
 * (a page-wide ASP.NET `<form>`, `entry-category-advertising` on the post container). Outside the region,
 * the old guard stands: never an element holding more than `outsideMaxShare` of the page's text.
 */
export const REMOVAL_GUARD = {
  /** A matched element at least this share link text is boilerplate wherever it is (related lists, share bars). */
  minLinkDensity: 0.5,
  /** Inside the article, a matched element above this share of the article's text stays. */
  insideMaxShare: 0.2,
  /** Inside the article, a matched element holding more than this many paragraphs stays. */
  insideMaxParagraphs: 2,
  /** Inside the article, a selector whose matches hold more than this share of the article in total removes none of them. */
  selectorBudget: 0.5,
  /** Outside the article, the old guard: never an element holding more than this share of the page's text. */
  outsideMaxShare: 0.4,
} as const;

/** How the content region is found (content-region.ts). */
export const CONTENT_REGION_RULE = {
  /** A block's own inline text from this many characters (non-white-space) on makes it a paragraph. */
  paragraphChars: 80,
  /** A sibling of the top candidate scoring at least this share of it is part of the article too (Readability's 0.2). */
  siblingShare: 0.2,
  /** Readability 0.6's class/id weights (REGEXPS.positive / negative): ±25 on a candidate's starting score. */
  positive: /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i,
  negative: /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i,
} as const;

/**
 * The dense block (content-region.ts findDenseBlock): paragraph text counts fully, other text (headings, short
 * lines, captions, menus) against it at a quarter, link text against it once more. Measured on both dev corpora
 * (read alone as the body): WCXB 0.935, scrapinghub 0.938, against 0.864 / 0.944 for the content region; link
 * weight 0 gave 0.933 / 0.935 (all three read after the pre-clean; the block is now chosen before it, as the
 * region is, and dropped if the pre-clean removed it).
 */
export const DENSE_BLOCK_RULE = { otherTextWeight: 0.25, linkWeight: 1 } as const;

/** The measures the guard reads about a matched element. */
export interface GuardedNode {
  text: number;
  links: number;
  paragraphs: number;
}

/** True when a matched element inside the article may go, before the per-selector budget is applied. */
export function mayRemoveInside(node: GuardedNode, articleText: number): boolean {
  if (isLinkDense(node)) return true;
  return node.text <= articleText * REMOVAL_GUARD.insideMaxShare && node.paragraphs <= REMOVAL_GUARD.insideMaxParagraphs;
}

/** True when at least REMOVAL_GUARD.minLinkDensity of the element's text is link text. */
export function isLinkDense(node: GuardedNode): boolean {
  return node.text > 0 && node.links >= node.text * REMOVAL_GUARD.minLinkDensity;
}

/** True when a selector (or the unlikely test) matched on class or id names: evidence the guard weighs, not a verdict. */
export function isNameEvidence(selector: string): boolean {
  return selector === 'unlikely' || /\[(?:class|id)\b|[.#]/.test(selector);
}

/** A name match inside the article: its text, the selectors that matched, and whether the guard would remove it. */
export interface InsideMatch {
  text: number;
  paragraphs: number;
  selectors: readonly string[];
  /** Link-dense: removed whatever the budget. */
  linkDense: boolean;
  /** Passed mayRemoveInside (small, few paragraphs); the budget has the last word. */
  removable: boolean;
}

/**
 * Applies the per-selector budget: a selector whose paragraph-sized matches inside the article (removable or
 * not) hold more than REMOVAL_GUARD.selectorBudget of the article's text in total names the article's own elements (a utility
 * class on every paragraph), so none of its matches go. Returns, per match, whether it is removed.
 */
export function applySelectorBudget(matches: readonly InsideMatch[], articleText: number): boolean[] {
  const sums = new Map<string, number>();
  for (const m of matches) {
    // Only paragraph-sized pieces count: a wrapper of several paragraphs is kept by its own size, and counting
    // it would also spare the real caption inside it.
    if (m.paragraphs > 1) continue;
    for (const selector of m.selectors) sums.set(selector, (sums.get(selector) ?? 0) + m.text);
  }
  const budget = articleText * REMOVAL_GUARD.selectorBudget;
  return matches.map((m) => m.linkDense || (m.removable && m.selectors.every((selector) => (sums.get(selector) ?? 0) <= budget)));
}

/**
 * The second opinion (extract-article.ts): when Readability's body has fewer than `maxReadabilityShare` of the
 * content region's words (or none), the region, post-cleaned the same way, is read as the body instead, if it
 * then has more words than Readability's. Readability keeps the pages where it finds as much as the region.
 */
export const SECOND_OPINION_RULE = { maxReadabilityShare: 1 / 3 } as const;

/** Limits of the tail merge between Readability's body and the content region (trim-tail.ts). */
export interface TailAgreementRule {
  /** The region must hold at least this share of the body's words (both methods found the same article). */
  minRegionShare: number;
  /** At most this share of the body's words is cut from its end. */
  maxTailShare: number;
}

/**
 * Readability's trailing blocks outside the content region are cut when the region holds at least half of the
 * body's words and the cut is at most a tenth of them. Measured on both dev corpora, split in random halves:
 * the cut helped every half of both (a larger cut, 0.2-0.3, helped one corpus and hurt the other).
 */
export const TAIL_AGREEMENT_RULE: TailAgreementRule = { minRegionShare: 0.5, maxTailShare: 0.1 };

/** Limits of the span fill between Readability's body and the dense block (fill-span.ts). */
export interface SpanFillRule {
  /** Lines of the body shorter than this (letters and digits) are not used to find the span's ends. */
  minLineChars: number;
  /** At least this share of the body's words must lie inside the span. */
  minHeldShare: number;
  /** What the span adds between the body's first and last lines must reach this share of the body's words. */
  minFillShare: number;
  /** The dense block's blocks before the body's first line join (with or without a fill) when ... */
  head: {
    /** ... the dense block holds at least this share of the body's words, */
    minHeldShare: number;
    /** ... they add at least this share of the body's words, */
    minShare: number;
    /** ... and less than this share of their text is link text. */
    maxLinkDensity: number;
  };
}

/**
 * The dense block replaces Readability's body, cut to the span from the body's first line to its last, when the
 * span holds 90 % of the body and adds at least 30 % more words in between. Simulated on both dev corpora:
 * WCXB +0.0036 (11 pages better, none worse), scrapinghub unchanged; a 10-20 % fill also helped WCXB on the whole
 * but made 4-16 pages worse. The head (blocks before the body's first line, dense block holding 99 % of the body,
 * adding 30 % more words, under 20 % link text): WCXB 0.9505 -> 0.9521 (4 pages better, none worse; both halves
 * up), scrapinghub unchanged; without the link-density test a story list before one article cost that page 0.45.
 */
export const SPAN_FILL_RULE: SpanFillRule = { minLineChars: 21, minHeldShare: 0.9, minFillShare: 0.3, head: { minHeldShare: 0.99, minShare: 0.3, maxLinkDensity: 0.2 } };

/** Limits of the cut of blocks neither independent method holds (trim-tail.ts trimOutsideBothMethods). */
export interface NeitherMethodRule {
  /** The dense block must hold at least this share of the body's words. */
  minDenseShare: number;
  /** At most this share of the body's words is cut. */
  maxCutShare: number;
}

/**
 * Blocks of Readability's body outside both the content region and the dense block go when the dense block holds
 * half the body and they are at most 40 % of it. Measured inline on both dev corpora (after the span fill):
 * scrapinghub 0.9761 -> 0.9794 (both random halves up, +0.0028 / +0.0037), WCXB 0.9503 -> 0.9505 (halves
 * +0.0000 / +0.0003), no new page below plain Readability. Simulated caps of 10-15 % gave +0.0004 / +0.0002.
 */
export const NEITHER_METHOD_RULE: NeitherMethodRule = { minDenseShare: 0.5, maxCutShare: 0.4 };
