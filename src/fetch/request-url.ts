import { isIP } from 'node:net';
import { WiredeskError } from '../errors/index.js';
import { PRIVATE_HINT } from './guarded-lookup.js';

/** Parses a URL to fetch; anything but http(s) is INVALID_URL. */
export function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new WiredeskError('INVALID_URL', `fetch: not a URL: ${text}`, { url: text, cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WiredeskError('INVALID_URL', `fetch: only http and https are fetched, not ${url.protocol} (${text})`, { url: text });
  }
  return url;
}

/** Resolves a redirect's Location against the URL that sent it; only http(s) targets are followed. */
export function resolveRedirect(location: string, base: URL): URL {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch (error) {
    throw new WiredeskError('INVALID_URL', `fetch: bad redirect Location "${location}" from ${base.href}`, { url: base.href, cause: error });
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new WiredeskError('INVALID_URL', `fetch: redirect from ${base.href} to non-HTTP ${next.href}`, { url: base.href });
  }
  return next;
}

/** IP literals never go through DNS (and so never through the lookup guard): check them here. */
export function checkLiteralAddress(url: URL, allowPrivateNetwork: boolean, isBlocked: (address: string) => boolean): void {
  if (allowPrivateNetwork) return;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) !== 0 && isBlocked(host)) {
    throw new WiredeskError('BLOCKED_ADDRESS', `fetch: ${url.href} points at a non-public address; ${PRIVATE_HINT}`, { url: url.href, details: { host } });
  }
}

/** An empty host set (requests with no private hosts). */
export const NO_HOSTS: ReadonlySet<string> = new Set();

/** `Example.COM`, `http://example.com:8080/x` and `[::1]` → the form `URL.hostname` gives. */
export function normalizeHostName(host: string): string {
  const text = host.includes('://') ? host : `http://${host}`;
  return URL.canParse(text) ? new URL(text).hostname : host.toLowerCase();
}

/** The origin of an origin or URL string (`https://a.example/x` → `https://a.example`); the text itself when it does not parse. */
export function originOf(text: string): string {
  return URL.canParse(text) ? new URL(text).origin : text;
}

/** The URL without its fragment, for redirect-loop detection. */
export function withoutHash(url: URL): string {
  return url.href.split('#')[0] ?? url.href;
}
