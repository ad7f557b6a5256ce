import type { Dispatcher, ProxyAgent } from 'undici';
import { undici } from './undici-module.js';
import type { ProxyConfig } from '../config/index.js';

/** Which requests go through the configured HTTP proxy, and the proxy dispatchers that carry them. */
export interface ProxyRoute {
  /** The dispatcher for `url` when it must go through a proxy, null when it is fetched directly. */
  dispatcherFor(url: URL): Dispatcher | null;
  destroy(): Promise<void>;
}

/** Undici options shared by the proxy dispatchers (timeouts, connection cap). */
export interface ProxyAgentOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyIdleTimeoutMs: number;
  connections: number;
}

/**
 * Routes requests through `proxy` by scheme, NO_PROXY entries excepted (curl and undici semantics: `host`
 * covers the host and its subdomains, `.host` and `*.host` the same, `host:port` one port, `*` everything).
 * https:// targets are tunnelled with CONNECT; http:// targets are forwarded (absolute-form request), which is
 * what proxies allow by default. The proxy's own address is the operator's choice and is not checked against
 * the address policy; what it is asked to reach is checked by the fetcher before the request.
 */
export function createProxyRoute(proxy: ProxyConfig | null, options: ProxyAgentOptions): ProxyRoute {
  if (proxy === null || (proxy.httpProxy === null && proxy.httpsProxy === null)) return { dispatcherFor: () => null, destroy: async () => undefined };
  const noProxy = proxy.noProxy.map(parseNoProxyEntry);
  const everything = noProxy.some((entry) => entry.hostname === '*');
  const agents = new Map<string, ProxyAgent>();
  const agentFor = (uri: string): ProxyAgent => {
    let agent = agents.get(uri);
    if (agent === undefined) {
      agent = new (undici().ProxyAgent)({
        uri,
        proxyTunnel: false,
        proxyTls: { timeout: options.connectTimeoutMs },
        headersTimeout: options.headersTimeoutMs,
        bodyTimeout: options.bodyIdleTimeoutMs,
        connections: options.connections,
      });
      agents.set(uri, agent);
    }
    return agent;
  };
  return {
    dispatcherFor(url) {
      const uri = url.protocol === 'https:' ? proxy.httpsProxy : proxy.httpProxy;
      if (uri === null || everything) return null;
      const hostname = url.hostname.toLowerCase();
      const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
      const bypass = noProxy.some((entry) => (entry.port === 0 || entry.port === port) && (hostname === entry.hostname || hostname.endsWith(`.${entry.hostname}`)));
      return bypass ? null : agentFor(uri);
    },
    async destroy() {
      await Promise.all([...agents.values()].map((agent) => agent.destroy()));
    },
  };
}

function parseNoProxyEntry(entry: string): { hostname: string; port: number } {
  const withPort = /^(.+):(\d+)$/.exec(entry);
  const host = (withPort?.[1] ?? entry).replace(/^\*?\./, '').toLowerCase();
  return { hostname: host, port: withPort === null ? 0 : Number(withPort[2]) };
}
