import { fastText, isFastElement, type FastDocument, type FastElement, type FastNode } from '../dom/fast-tree.js';
import { hasToken } from '../text/tokens.js';

/** Everything the metadata step reads from the markup, gathered in one walk over the fast tree. */
export interface PageFacts {
  /** First value per lower-cased key over property=, name=, itemprop= and http-equiv= of `<meta content>`. */
  metas: Map<string, string>;
  title: string | null;
  h1: string | null;
  canonical: string | null;
  imageSrc: string | null;
  baseHref: string | null;
  htmlLang: string | null;
  htmlDir: string | null;
  bodyDir: string | null;
  /** `<time datetime>`: inside `<article>` first, then `pubdate`/`itemprop=datePublished`, then any. */
  timeDatetime: string | null;
  itempropPublished: string | null;
  itempropModified: string | null;
  /** Visible byline: `rel=author`, `itemprop=author`, `.byline`, `.author`, in that order. */
  bylineText: string | null;
}

/** Walks the whole document once and records the facts the metadata step needs. */
export function collectPageFacts(document: FastDocument): PageFacts {
  const facts: PageFacts = {
    metas: new Map(), title: null, h1: null, canonical: null, imageSrc: null, baseHref: null, htmlLang: null,
    htmlDir: null, bodyDir: null, timeDatetime: null, itempropPublished: null, itempropModified: null, bylineText: null,
  };
  let articleTime: string | null = null;
  let pubTime: string | null = null;
  let anyTime: string | null = null;
  const bylines: Array<string | null> = [null, null, null, null];
  // Elements to visit and whether each is inside an <article>, as parallel stacks (no object per node).
  const stack: FastElement[] = [];
  const inArticles: boolean[] = [];
  pushElements(document.children as FastNode[], false, stack, inArticles);
  while (stack.length > 0) {
    const el = stack.pop() as FastElement;
    const a = el.attribs;
    const inArticle = (inArticles.pop() as boolean) || el.name === 'article';
    switch (el.name) {
      case 'meta': {
        const content = a['content'];
        if (content !== undefined && content.trim() !== '') {
          for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
            const key = a[attr]?.trim().toLowerCase();
            if (key !== undefined && key !== '' && !facts.metas.has(key)) facts.metas.set(key, content);
          }
        }
        break;
      }
      case 'title':
        facts.title ??= fastText(el);
        break;
      case 'h1':
        facts.h1 ??= fastText(el);
        break;
      case 'link': {
        const rel = (a['rel'] ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('canonical')) facts.canonical ??= a['href'] ?? null;
        if (rel.includes('image_src')) facts.imageSrc ??= a['href'] ?? null;
        break;
      }
      case 'base':
        facts.baseHref ??= a['href'] ?? null;
        break;
      case 'html':
        facts.htmlLang ??= a['lang'] ?? a['xml:lang'] ?? null;
        facts.htmlDir ??= a['dir'] ?? null;
        break;
      case 'body':
        facts.bodyDir ??= a['dir'] ?? null;
        break;
      case 'time': {
        const datetime = a['datetime'];
        if (datetime !== undefined && datetime.trim() !== '') {
          if (inArticle) articleTime ??= datetime;
          if ('pubdate' in a || a['itemprop'] === 'datePublished') pubTime ??= datetime;
          anyTime ??= datetime;
        }
        break;
      }
    }
    const itemprop = a['itemprop'];
    if (itemprop === 'datePublished') facts.itempropPublished ??= a['content'] ?? a['datetime'] ?? null;
    if (itemprop === 'dateModified') facts.itempropModified ??= a['content'] ?? a['datetime'] ?? null;
    if (bylines[0] === null && a['rel'] !== undefined && hasToken(a['rel'], 'author')) bylines[0] = fastText(el);
    if (bylines[1] === null && itemprop === 'author') bylines[1] = fastText(el);
    const classes = a['class'] === undefined ? '' : a['class'].toLowerCase();
    if (bylines[2] === null && hasToken(classes, 'byline')) bylines[2] = fastText(el);
    if (bylines[3] === null && hasToken(classes, 'author')) bylines[3] = fastText(el);
    pushElements(el.children as FastNode[], inArticle, stack, inArticles);
  }
  facts.timeDatetime = articleTime ?? pubTime ?? anyTime;
  facts.bylineText = bylines.find((b) => b !== null && b.trim() !== '') ?? null;
  return facts;
}

// Pushes the elements among `nodes`, last first, so they pop in document order.
function pushElements(nodes: readonly FastNode[], inArticle: boolean, stack: FastElement[], inArticles: boolean[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as FastNode;
    if (isFastElement(node)) {
      stack.push(node);
      inArticles.push(inArticle);
    }
  }
}
