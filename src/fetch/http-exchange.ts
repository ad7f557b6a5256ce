import type { Dispatcher } from 'undici';
import { undici } from './undici-module.js';
import { WiredeskError } from '../errors/index.js';
import { onAbort } from './abort-hub.js';
import { computeNotBefore, parseRetryAfter } from './cache-headers.js';
import { readBody } from './read-body.js';
import { classifyNetworkError, isRetryableStatus } from './retry-policy.js';

/** One HTTP GET, no redirects followed, no retries. */
export interface ExchangeInput {
  url: URL;
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  headersTimeoutMs: number;
  bodyIdleTimeoutMs: number;
  /** Deadline for the whole exchange: connect, headers and body. */
  totalTimeoutMs: number;
  maxBodyBytes: number;
  /** Refuses a 2xx response on its headers alone (before the body is read); the connection is then dropped. */
  refuseHeaders?: (status: number, headers: Record<string, string>) => WiredeskError | null;
  /** Caller abort and fetcher close; either aborts the exchange with ABORTED. */
  signals: Array<AbortSignal | undefined>;
  now: () => Date;
}

/** What came back: a body, a 304, or a redirect to follow. */
export type ExchangeResult =
  | { kind: 'body'; status: number; headers: Record<string, string>; body: Uint8Array }
  | { kind: 'not-modified'; status: 304; headers: Record<string, string> }
  | { kind: 'redirect'; status: number; headers: Record<string, string>; location: string };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** How much of an error or redirect body we read so the connection can be reused; more is not worth it. */
const DRAIN_LIMIT = 64 * 1024;

/**
 * Performs one GET and classifies the outcome. Non-2xx statuses other than 304 and redirects become
 * HTTP_STATUS errors (retryable per RETRYABLE_STATUSES, with `details.retryAfterMs` when the server
 * sent Retry-After, `details.notBefore` when it sent caching or Retry-After headers). Every failure is a WiredeskError carrying the URL.
 */
export async function performExchange(input: ExchangeInput): Promise<ExchangeResult> {
  const href = input.url.href;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.totalTimeoutMs);
  // Linked by hand instead of AbortSignal.any so nothing stays attached to long-lived signals afterwards.
  const linked = input.signals.filter((s): s is AbortSignal => s !== undefined);
  const unlink = linked.map((signal) => onAbort(signal, () => controller.abort()));
  try {
    const response = await undici().request(href, {
      method: 'GET',
      dispatcher: input.dispatcher,
      headers: input.headers,
      signal: controller.signal,
      headersTimeout: input.headersTimeoutMs,
      bodyTimeout: input.bodyIdleTimeoutMs,
    });
    const headers = flattenHeaders(response.headers);
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      const refused = input.refuseHeaders?.(status, headers) ?? null;
      if (refused !== null) throw refused;
      const body = await readBody(response.body, {
        contentEncoding: headers['content-encoding'] ?? null,
        contentLength: headers['content-length'] ?? null,
        maxBytes: input.maxBodyBytes,
        url: href,
        status,
      });
      return { kind: 'body', status, headers, body };
    }
    await response.body.dump({ limit: DRAIN_LIMIT }).catch(() => undefined);
    if (status === 304) return { kind: 'not-modified', status, headers };
    const location = headers['location'];
    if (REDIRECT_STATUSES.has(status) && location !== undefined && location !== '') {
      return { kind: 'redirect', status, headers, location };
    }
    const now = input.now();
    const retryAfterMs = parseRetryAfter(headers['retry-after'], now);
    // notBefore lets the scheduler hold the source back after a 429/503 that asked for a pause.
    const notBefore = computeNotBefore(headers, now);
    throw new WiredeskError('HTTP_STATUS', `fetch: HTTP ${status} from ${href}`, {
      url: href,
      status,
      retryable: isRetryableStatus(status),
      details: { status, ...(retryAfterMs === null ? {} : { retryAfterMs }), ...(notBefore === null ? {} : { notBefore }) },
    });
  } catch (error) {
    // A body left unread (an unsupported Content-Encoding is refused before reading) would hold its
    // socket, and the host's few connections, for as long as the server keeps sending: drop it.
    controller.abort();
    if (timedOut) {
      throw new WiredeskError('FETCH_TIMEOUT', `fetch: ${href} did not complete within ${input.totalTimeoutMs} ms`, {
        url: href,
        retryable: true,
        cause: error,
        details: { phase: 'total', timeoutMs: input.totalTimeoutMs },
      });
    }
    if (linked.some((s) => s.aborted)) {
      // Aborted (run cancelled, fetcher closed) is not the URL's fault: it may well work next time.
      throw new WiredeskError('ABORTED', `fetch: request for ${href} aborted`, { url: href, cause: error, retryable: true });
    }
    throw withUrl(error instanceof WiredeskError ? error : classifyNetworkError(error, href), href);
  } finally {
    clearTimeout(timer);
    for (const unsubscribe of unlink) unsubscribe();
  }
}

/** Fills in the URL on errors raised where it was not known (the lookup guard). */
export function withUrl(error: WiredeskError, url: string): WiredeskError {
  if (error.url !== null) return error;
  return new WiredeskError(error.code, `${error.message} (${url})`, {
    url,
    status: error.status,
    retryable: error.retryable,
    cause: error,
    details: error.details,
  });
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
