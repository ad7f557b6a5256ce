import type { ExtractConfig, SiteExtractConfig } from './config-types.js';

/**
 * The `extract.sites` rules for the host of `url`, `www.` optional on either side (configs say
 * `example.com`, links carry `www.`). Null when no rule applies or the URL does not parse.
 */
export function siteRulesFor(extract: Pick<ExtractConfig, 'sites'>, url: string): SiteExtractConfig | null {
  if (!URL.canParse(url)) return null;
  const host = new URL(url).hostname;
  const bare = host.replace(/^www\./, '');
  return extract.sites[host] ?? extract.sites[bare] ?? extract.sites[`www.${bare}`] ?? null;
}
