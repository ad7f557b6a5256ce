import type { ClampedDates } from '../../types/index.js';
import type { PageMetadata } from './read-metadata.js';

/** Dates further ahead than this are publisher clock or time zone bugs (the feeds' rule, src/feeds/normalize-item.ts). */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Clamps the page's dates that lie more than a day after `now` (the fetch time) to `now`, as feed dates are
 * clamped, so an article dated weeks ahead is filed under the day it was fetched and ages like any other.
 * Changes `meta` in place (its provenance gains `,clamped`) and returns the page's own values, or null when
 * nothing was clamped or no clock was given.
 */
export function clampFutureDates(meta: Pick<PageMetadata, 'publishedAt' | 'updatedAt' | 'provenance'>, now: string | null | undefined): ClampedDates | null {
  const nowMs = now == null ? Number.NaN : Date.parse(now);
  if (!Number.isFinite(nowMs)) return null;
  const clamped: ClampedDates = {};
  for (const field of ['publishedAt', 'updatedAt'] as const) {
    const value = meta[field];
    if (value === null || !(Date.parse(value) > nowMs + FUTURE_TOLERANCE_MS)) continue;
    clamped[field] = value;
    meta[field] = new Date(nowMs).toISOString();
    meta.provenance[field] = `${meta.provenance[field] ?? 'page'},clamped`;
  }
  return Object.keys(clamped).length > 0 ? clamped : null;
}
