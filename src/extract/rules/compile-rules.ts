import type { SiteExtractConfig } from '../../config/index.js';
import { BOILERPLATE_LINE_PATTERNS, BOILERPLATE_SELECTORS } from './boilerplate-rules.js';

/** The rules in force for one page: built-ins plus the site's additions. */
export interface CompiledRules {
  /** Built-in selectors (guarded: never remove an element holding much of the page's text). */
  selectors: readonly string[];
  /** The site's own selectors: trusted, removed whatever their size. */
  siteSelectors: readonly string[];
  linePatterns: readonly RegExp[];
  bodySelector: string | null;
}

const cache = new WeakMap<SiteExtractConfig, CompiledRules>();
const BUILT_IN: CompiledRules = { selectors: BOILERPLATE_SELECTORS, linePatterns: BOILERPLATE_LINE_PATTERNS, siteSelectors: [], bodySelector: null };

/**
 * Merges a site's overrides into the built-in rules. `dropLinePatterns` are regular expressions (case-insensitive,
 * Unicode) matched against each text line; an invalid one is ignored rather than failing every page of the site.
 */
export function compileRules(site: SiteExtractConfig | null | undefined): CompiledRules {
  if (site === null || site === undefined) return BUILT_IN;
  const cached = cache.get(site);
  if (cached !== undefined) return cached;
  const extraPatterns: RegExp[] = [];
  for (const source of site.dropLinePatterns ?? []) {
    try {
      extraPatterns.push(new RegExp(source, 'iu'));
    } catch {
      // Config validation owns reporting bad patterns; extraction just skips them.
    }
  }
  const rules: CompiledRules = {
    selectors: BOILERPLATE_SELECTORS,
    siteSelectors: (site.removeSelectors ?? []).filter((s) => typeof s === 'string' && s.trim() !== ''),
    linePatterns: [...BOILERPLATE_LINE_PATTERNS, ...extraPatterns],
    bodySelector: typeof site.bodySelector === 'string' && site.bodySelector.trim() !== '' ? site.bodySelector : null,
  };
  cache.set(site, rules);
  return rules;
}
