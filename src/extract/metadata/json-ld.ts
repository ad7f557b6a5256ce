/** The fields wiredesk reads from a JSON-LD article object. */
export interface JsonLdArticle {
  headline: string | null;
  authors: string[];
  datePublished: string | null;
  dateModified: string | null;
  publisher: string | null;
  image: string | null;
  inLanguage: string | null;
  url: string | null;
}

const ARTICLE_TYPE_RE = /^(?:\w*NewsArticle|Article|BlogPosting|Report|LiveBlogPosting|ScholarlyArticle|TechArticle|OpinionNewsArticle|AnalysisNewsArticle|ReportageNewsArticle|SocialMediaPosting|WebPage)$/;
const MAX_NODES = 2000;

/**
 * Finds the article object among the page's JSON-LD blocks (arrays and `@graph` flattened, `WebPage` only as a
 * last resort). Broken JSON is skipped: many sites ship blocks with trailing commas or raw newlines in strings.
 */
export function readJsonLdArticle(blocks: readonly string[]): JsonLdArticle | null {
  const candidates: Record<string, unknown>[] = [];
  for (const block of blocks) {
    const parsed = parseLenient(block);
    if (parsed !== undefined) flatten(parsed, candidates, 0);
    if (candidates.length > MAX_NODES) break;
  }
  const score = (node: Record<string, unknown>): number => {
    const types = asStrings(node['@type']);
    if (types.some((t) => /NewsArticle$/.test(t))) return 3;
    if (types.some((t) => t !== 'WebPage' && ARTICLE_TYPE_RE.test(t))) return 2;
    if (types.includes('WebPage')) return 1;
    return 0;
  };
  let best: Record<string, unknown> | null = null;
  let bestScore = 0;
  for (const node of candidates) {
    const s = score(node);
    if (s > bestScore) {
      best = node;
      bestScore = s;
    }
  }
  if (best === null) return null;
  return {
    headline: firstString(best['headline']) ?? firstString(best['name']),
    authors: names(best['author']),
    datePublished: firstString(best['datePublished']) ?? firstString(best['dateCreated']),
    dateModified: firstString(best['dateModified']),
    publisher: names(best['publisher'])[0] ?? null,
    image: imageUrl(best['image']) ?? imageUrl(best['thumbnailUrl']),
    inLanguage: firstString(best['inLanguage']),
    url: firstString(best['url']) ?? firstString(best['mainEntityOfPage']),
  };
}

function parseLenient(block: string): unknown {
  const text = block.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/;\s*$/, '');
  try {
    return JSON.parse(text);
  } catch {
    try {
      // Raw control characters inside strings and trailing commas are the two common breakages.
      return JSON.parse(text.replace(/[\u0000-\u001F]+/g, ' ').replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

function flatten(value: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 6 || out.length > MAX_NODES) return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, out, depth + 1);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  out.push(node);
  if (node['@graph'] !== undefined) flatten(node['@graph'], out, depth + 1);
  if (node['mainEntity'] !== undefined) flatten(node['mainEntity'], out, depth + 1);
}

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function firstString(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = firstString(item);
      if (s !== null) return s;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return firstString(obj['@id']) ?? firstString(obj['url']);
  }
  return null;
}

function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
    else if (item !== null && typeof item === 'object') {
      const name = (item as Record<string, unknown>)['name'];
      if (typeof name === 'string' && name.trim() !== '') out.push(name.trim());
    }
  }
  return out;
}

function imageUrl(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return value.length > 0 ? imageUrl(value[0]) : null;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return firstString(obj['url']) ?? firstString(obj['contentUrl']);
  }
  return null;
}
