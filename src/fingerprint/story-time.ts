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
  const seen = parseTime(doc.seenAt);
  if (Number.isNaN(seen)) throw new WiredeskError('INTERNAL', `fingerprint: seenAt of ${doc.id} is not a date: ${doc.seenAt}`);
  const published = doc.publishedAt === null ? Number.NaN : parseTime(doc.publishedAt);
  return Number.isNaN(published) || published > seen + FUTURE_SLACK_MS ? seen : published;
}

/** ISO time in ms; a time without a zone is read as UTC (Date.parse would use the host's zone). */
function parseTime(text: string): number {
  return Date.parse(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text);
}
