import { afterEach, describe, expect, it } from 'vitest';
import { parseStoryTime, storyDocTime, type StoryDoc } from '../../src/fingerprint/index.js';

const doc = (publishedAt: string | null, seenAt = '2019-07-01T12:00:00Z'): StoryDoc => ({ id: 'a', title: 't', text: 'x', publishedAt, seenAt, source: null });
const zone = process.env['TZ'];

describe('parseStoryTime', () => {
  afterEach(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('reads an ISO date and time without a zone as UTC on a host in another zone, with "T" or a space', () => {
    // Node reads TZ again when it changes; a host in New York would otherwise file these 4 hours late.
    process.env['TZ'] = 'America/New_York';
    expect(parseStoryTime('2019-07-01T10:00:00')).toBe(Date.UTC(2019, 6, 1, 10));
    expect(parseStoryTime('2019-07-01 10:00:00')).toBe(Date.UTC(2019, 6, 1, 10));
    expect(parseStoryTime('2019-07-01T10:00')).toBe(Date.UTC(2019, 6, 1, 10));
    expect(parseStoryTime('2019-07-01T10:00:00.250')).toBe(Date.UTC(2019, 6, 1, 10) + 250);
  });

  it('keeps a zone that is given, and reads RFC 2822 dates as feeds write them', () => {
    expect(parseStoryTime('2019-07-01T10:00:00+02:00')).toBe(Date.UTC(2019, 6, 1, 8));
    expect(parseStoryTime('2019-07-01T10:00:00Z')).toBe(Date.UTC(2019, 6, 1, 10));
    expect(parseStoryTime('Mon, 01 Jul 2019 10:00:00 GMT')).toBe(Date.UTC(2019, 6, 1, 10));
    expect(parseStoryTime('not a date')).toBeNaN();
  });
});

describe('storyDocTime', () => {
  it('files an article under its publication time, or when it was seen if that is missing, unreadable or a day ahead', () => {
    expect(storyDocTime(doc('2019-07-01 09:00:00'))).toBe(Date.UTC(2019, 6, 1, 9));
    expect(storyDocTime(doc(null))).toBe(Date.UTC(2019, 6, 1, 12));
    expect(storyDocTime(doc('soon'))).toBe(Date.UTC(2019, 6, 1, 12));
    expect(storyDocTime(doc('2019-07-03T12:00:00Z'))).toBe(Date.UTC(2019, 6, 1, 12));
  });
});
