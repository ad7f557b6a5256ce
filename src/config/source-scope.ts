import type { SourceConfig } from './config-types.js';

/** Where a source's secrets and private-network permission reach, in the fetch layer's terms. */
export interface SourceFetchScope {
  headers: Record<string, string>;
  /** The source's own origin plus its `headerOrigins`. */
  headerOrigins: string[];
  /** The source's own host when `allowPrivateNetwork` is set, plus its `privateHosts`. */
  privateHosts: string[];
}

/**
 * The request options every fetch made for `source` carries (feed and article pages alike): headers go
 * to the source's own origin and the origins it names, private addresses are allowed for the source's
 * own host (with `allowPrivateNetwork`) and the hosts it names, never for every link the feed contains.
 */
export function sourceFetchScope(source: Pick<SourceConfig, 'url' | 'headers' | 'headerOrigins' | 'allowPrivateNetwork' | 'privateHosts'>): SourceFetchScope {
  const own = new URL(source.url);
  return {
    headers: source.headers,
    headerOrigins: [own.origin, ...source.headerOrigins],
    privateHosts: source.allowPrivateNetwork ? [own.hostname, ...source.privateHosts] : [...source.privateHosts],
  };
}
