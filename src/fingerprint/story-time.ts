import { WiredeskError } from '../errors/index.js';
import type { StoryDoc } from './story-index-types.js';

const HOUR_MS = 3_600_000;
// A publishedAt more than a day after the crawler saw the article is a site's clock or time-zone bug.
const FUTURE_SLACK_MS = 24 * HOUR_MS;

/**
 * The time the index files an article under (ms): publishedAt when plausible, else when it was
 * seen. An article older than the latest such time minus the window can no longer move.
 */
export function storyDocTime(doc: StoryDoc): number {
  const seen = parseStoryTime(doc.seenAt);
  if (Number.isNaN(seen)) throw new WiredeskError('INTERNAL', `fingerprint: seenAt of ${doc.id} is not a date: ${doc.seenAt}`);
  const published = doc.publishedAt === null ? Number.NaN : parseStoryTime(doc.publishedAt);
  return Number.isNaN(published) || published > seen + FUTURE_SLACK_MS ? seen : published;
}

/**
 * A time in ms (NaN when it is none): ISO 8601, or what Date.parse reads (RFC 2822). An ISO date
 * and time without a zone, with "T" or a space between them, is read as UTC: Date.parse would use
 * the host's zone, so one article would file at different times on different machines.
 */
export function parseStoryTime(text: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
}
