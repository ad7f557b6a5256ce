import { WiredeskError } from '../errors/index.js';

/**
 * Statuses worth trying again, each for its reason (RFC 9110 / 6585 / 8470):
 * 408 the server gave up waiting for our request; 425 too early (TLS 0-RTT replay guard);
 * 429 rate limited; 500 transient server fault; 502/504 a proxy in front of the site failed;
 * 503 overloaded or in maintenance. Every other 4xx is our fault and retrying cannot help.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/** True when a response status is worth another attempt. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Delay before retry number `retry` (1-based): exponential from `baseMs`, "full jitter" between half
 * and all of it so that many clients failing together do not return together. `random` is injectable.
 */
export function backoffDelayMs(retry: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/**
 * Maps what undici, node:net or node:dns threw into a WiredeskError. Errors already typed (our lookup
 * guard's BLOCKED_ADDRESS, a body cap) pass through, also when undici wrapped them in a cause.
 */
export function classifyNetworkError(error: unknown, url: string): WiredeskError {
  const typed = findWiredeskError(error);
  if (typed !== null) return typed;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const make = (errorCode: 'FETCH_TIMEOUT' | 'FETCH_NETWORK' | 'DNS_FAILURE' | 'INVALID_URL' | 'INTERNAL', retryable: boolean, what: string) =>
    new WiredeskError(errorCode, `fetch: ${what} for ${url}: ${message}`, { url, retryable, cause: error, details: code === null ? undefined : { cause_code: code } });
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return make('FETCH_TIMEOUT', true, 'connect timeout');
    case 'UND_ERR_HEADERS_TIMEOUT':
      return make('FETCH_TIMEOUT', true, 'response headers timeout');
    case 'UND_ERR_BODY_TIMEOUT':
      return make('FETCH_TIMEOUT', true, 'body idle timeout');
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'ENODATA':
      return make('DNS_FAILURE', false, 'host name does not resolve');
    case 'EAI_AGAIN':
    case 'ESERVFAIL':
    case 'ETIMEOUT':
      // Temporary resolver trouble: the name may well resolve on the next attempt.
      return make('DNS_FAILURE', true, 'DNS lookup failed temporarily');
    case 'UND_ERR_INVALID_ARG':
      return make('INVALID_URL', false, 'invalid request');
    default:
      return make('FETCH_NETWORK', true, 'network error');
  }
}

function findWiredeskError(error: unknown): WiredeskError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && current !== undefined; depth++) {
    if (current instanceof WiredeskError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function errorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
