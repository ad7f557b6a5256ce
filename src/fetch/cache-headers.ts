/** Header bag as the fetcher reports it: lower-case names. */
export type HeaderMap = Readonly<Record<string, string | undefined>>;

/**
 * Milliseconds a `Retry-After` value asks us to wait (RFC 9110 §10.2.3: delay-seconds or an HTTP date),
 * or null when absent or unparseable. A date in the past means 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text);
  if (date === null) return null;
  return Math.max(0, date.getTime() - now.getTime());
}

/**
 * The earliest time fetching this resource again is worthwhile, or null when the response says
 * nothing. Pure: headers and `now` in, ISO string out.
 * - `Retry-After` (429/503): the server asked us to stay away that long.
 * - `Cache-Control: max-age=N` (minus `Age`), else `Expires` (RFC 9111 §5.3; max-age wins over Expires).
 * - `no-store` / `no-cache` mean "revalidate every time": no freshness, though Retry-After still counts.
 * The later of the two wins, because both are requests to wait.
 */
export function computeNotBefore(headers: HeaderMap, now: Date): string | null {
  const nowMs = now.getTime();
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  const freshness = freshnessMs(headers, now);
  const waits = [retryAfter, freshness].filter((ms): ms is number => ms !== null && ms > 0);
  if (waits.length === 0) return null;
  return new Date(nowMs + Math.max(...waits)).toISOString();
}

function freshnessMs(headers: HeaderMap, now: Date): number | null {
  const cacheControl = (headers['cache-control'] ?? '').toLowerCase();
  if (/(^|[,\s])(no-store|no-cache)\b/.test(cacheControl)) return null;
  const maxAge = /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/.exec(cacheControl);
  if (maxAge?.[1] !== undefined) {
    const age = /^\d+$/.test((headers['age'] ?? '').trim()) ? Number(headers['age']) : 0;
    return Math.max(0, Number(maxAge[1]) - age) * 1000;
  }
  const expires = headers['expires'];
  if (expires === undefined) return null;
  // An invalid Expires (often "0" or "-1") means "already expired" per RFC 9111 §5.3.
  const date = parseHttpDate(expires.trim());
  if (date === null) return null;
  // Compare against the server's own Date when given, so a skewed server clock does not shift the result.
  const serverNow = parseHttpDate((headers['date'] ?? '').trim());
  const base = serverNow ?? now;
  return Math.max(0, date.getTime() - base.getTime());
}

/** Parses the three HTTP date formats (IMF-fixdate, RFC 850, asctime); null when none fits. */
export function parseHttpDate(text: string): Date | null {
  if (text === '' || /^-?\d+$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}
