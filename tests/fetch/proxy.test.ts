import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { failure, useFetchHarness } from './support/fetch-harness.js';
import { startLoopbackProxy, type LoopbackProxy } from './support/loopback-proxy.js';
import { tableLookup } from './support/test-config.js';

const { server, fetcher } = useFetchHarness();
const proxies: LoopbackProxy[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
});

async function proxyOn(host: string, hosts: Record<string, string> = {}, refuseConnect = false): Promise<LoopbackProxy> {
  const p = await startLoopbackProxy(host, hosts, refuseConnect);
  proxies.push(p);
  return p;
}

/** Only 127.0.0.2 counts as public, so everything else is "private" for the address policy. */
const onlyWirePublic = (address: string): boolean => address !== '127.0.0.2';

describe('fetch through an HTTP proxy', () => {
  it('forwards http:// requests to fetch.proxy, with the credentials of its URL sent to the proxy only', async () => {
    const wire = await server('127.0.0.2', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>'));
    const proxy = await proxyOn('127.0.0.9', { 'wire.example': '127.0.0.2' });
    const fetch = parseConfig({ sources: [], fetch: { proxy: `http://crawler:\${PROXY_PASSWORD}@127.0.0.9:${new URL(proxy.origin).port}` } }, null, { env: { PROXY_PASSWORD: 'pw 1' } }).fetch;
    const f = fetcher({ proxy: fetch.proxy }, { isBlockedAddress: onlyWirePublic, lookup: tableLookup({ 'wire.example': '127.0.0.2' }) });
    const response = await f.fetch({ url: `http://wire.example:${wire.port}/feed.xml`, kind: 'feed', headers: { Cookie: 'c=1' } });
    expect(new TextDecoder().decode(response.body)).toBe('<rss/>');
    expect(proxy.requests).toEqual([
      { method: 'GET', target: `http://wire.example:${wire.port}/feed.xml`, proxyAuthorization: `Basic ${Buffer.from('crawler:pw 1').toString('base64')}`, cookie: 'c=1' },
    ]);
    expect(wire.requests[0]?.headers['proxy-authorization']).toBeUndefined();
  });

  it('checks the target\'s resolved address before asking the proxy: a name on a private address is refused and the proxy never hears of it', async () => {
    const proxy = await proxyOn('127.0.0.9', { 'intranet.example': '127.0.0.3', 'metadata.example': '127.0.0.4' });
    const f = fetcher(
      { proxy: { httpProxy: proxy.origin, httpsProxy: proxy.origin, noProxy: [] } },
      { isBlockedAddress: onlyWirePublic, lookup: tableLookup({ 'intranet.example': '10.1.2.3', 'metadata.example': ['127.0.0.2', '169.254.169.254'] }) },
    );
    for (const url of ['http://intranet.example/admin', 'https://intranet.example/admin', 'http://metadata.example/latest/meta-data/', 'http://127.0.0.3/', 'http://[::1]/']) {
      const error = await failure(f.fetch({ url, kind: 'feed' }));
      expect([url, error.code]).toEqual([url, 'BLOCKED_ADDRESS']);
    }
    const unknown = await failure(f.fetch({ url: 'http://nowhere.example/', kind: 'feed' }));
    expect(unknown.code).toBe('DNS_FAILURE');
    expect(proxy.requests).toEqual([]);
  });

  it('a source allowed on a private network still goes through the proxy for its own host', async () => {
    const wire = await server('127.0.0.3', (_req, res) => res.end('intranet feed'));
    const proxy = await proxyOn('127.0.0.9');
    const f = fetcher({ proxy: { httpProxy: proxy.origin, httpsProxy: null, noProxy: [] } }, { isBlockedAddress: onlyWirePublic });
    const response = await f.fetch({ url: `${wire.origin}/feed`, kind: 'feed', privateHosts: ['127.0.0.3'] });
    expect(new TextDecoder().decode(response.body)).toBe('intranet feed');
    expect(proxy.requests.map((r) => r.target)).toEqual([`${wire.origin}/feed`]);
  });

  it('tunnels https:// targets with CONNECT to httpsProxy', async () => {
    const proxy = await proxyOn('127.0.0.9', {}, true);
    const f = fetcher({ maxRetries: 0, proxy: { httpProxy: null, httpsProxy: proxy.origin, noProxy: [] } }, { isBlockedAddress: onlyWirePublic, lookup: tableLookup({ 'secure.example': '127.0.0.2' }) });
    const error = await failure(f.fetch({ url: 'https://secure.example/feed', kind: 'feed' }));
    expect(error.code).toBe('FETCH_NETWORK');
    expect(proxy.requests.map((r) => [r.method, r.target])).toEqual([['CONNECT', 'secure.example:443']]);
  });

  it('goes direct for NO_PROXY hosts (and their subdomains) and for a scheme with no proxy', async () => {
    const wire = await server('127.0.0.2', (_req, res) => res.end('direct'));
    const proxy = await proxyOn('127.0.0.9');
    const fetch = parseConfig({ sources: [] }, null, { env: { HTTPS_PROXY: proxy.origin, NO_PROXY: 'example.org' } }).fetch;
    expect(fetch.proxy).toEqual({ httpProxy: null, httpsProxy: proxy.origin, noProxy: ['example.org'] });
    const f = fetcher({ proxy: fetch.proxy }, { isBlockedAddress: onlyWirePublic, lookup: tableLookup({ 'news.example.org': '127.0.0.2' }) });
    expect(new TextDecoder().decode((await f.fetch({ url: `http://news.example.org:${wire.port}/a`, kind: 'feed' })).body)).toBe('direct');
    const g = fetcher({ proxy: { httpProxy: proxy.origin, httpsProxy: null, noProxy: ['.example.org:' + String(wire.port)] } }, { isBlockedAddress: onlyWirePublic, lookup: tableLookup({ 'news.example.org': '127.0.0.2' }) });
    expect(new TextDecoder().decode((await g.fetch({ url: `http://news.example.org:${wire.port}/b`, kind: 'feed' })).body)).toBe('direct');
    expect(proxy.requests).toEqual([]);
    expect(wire.requests.map((r) => r.path)).toEqual(['/a', '/b']);
  });

  it('applies the address policy to every redirect hop through the proxy', async () => {
    const wire = await server('127.0.0.2', (_req, res) => res.writeHead(302, { location: 'http://intranet.example/secret' }).end());
    const proxy = await proxyOn('127.0.0.9', { 'wire.example': '127.0.0.2', 'intranet.example': '127.0.0.3' });
    const f = fetcher({ proxy: { httpProxy: proxy.origin, httpsProxy: null, noProxy: [] } }, { isBlockedAddress: onlyWirePublic, lookup: tableLookup({ 'wire.example': '127.0.0.2', 'intranet.example': '10.0.0.8' }) });
    const error = await failure(f.fetch({ url: `http://wire.example:${wire.port}/feed`, kind: 'feed' }));
    expect(error.code).toBe('BLOCKED_ADDRESS');
    expect(proxy.requests.map((r) => r.target)).toEqual([`http://wire.example:${wire.port}/feed`]);
  });
});
