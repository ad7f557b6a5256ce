import { describe, expect, it } from 'vitest';
import { computeNotBefore, parseRetryAfter } from '../../src/fetch/index.js';

const now = new Date('2026-11-21T03:00:00.000Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 03:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Saturday, 21-Nov-26 03:00:30 GMT', now)).toBe(30_000);
  });

  it('treats past dates as no wait and garbage as absent', () => {
    expect(parseRetryAfter('Fri, 20 Nov 2026 03:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('computeNotBefore', () => {
  it('uses max-age minus Age', () => {
    expect(computeNotBefore({ 'cache-control': 'public, max-age=600', age: '100' }, now)).toBe('2026-11-21T03:08:20.000Z');
  });

  it('prefers max-age over Expires', () => {
    expect(computeNotBefore({ 'cache-control': 'max-age=60', expires: 'Sat, 21 Nov 2026 05:00:00 GMT' }, now)).toBe('2026-11-21T03:01:00.000Z');
  });

  it('reads Expires relative to the server Date header', () => {
    const headers = { expires: 'Sat, 21 Nov 2026 04:00:00 GMT', date: 'Sat, 21 Nov 2026 03:30:00 GMT' };
    expect(computeNotBefore(headers, now)).toBe('2026-11-21T03:30:00.000Z');
  });

  it('takes the later of Retry-After and freshness', () => {
    expect(computeNotBefore({ 'retry-after': '120', 'cache-control': 'max-age=60' }, now)).toBe('2026-11-21T03:02:00.000Z');
  });

  it('returns null for no-cache, invalid Expires, or nothing at all', () => {
    expect(computeNotBefore({ 'cache-control': 'no-cache, max-age=600' }, now)).toBeNull();
    expect(computeNotBefore({ expires: '0' }, now)).toBeNull();
    expect(computeNotBefore({}, now)).toBeNull();
  });
});
