import { describe, expect, it } from 'vitest';
import { DEFAULT_STORIES } from '../../src/config/index.js';
import { storyRecordOf, storyTermsOf, type StoryMember } from '../../src/records/index.js';

const member = (id: string, seenAt: string, duplicateOf: string | null = null): StoryMember => ({ id, title: `Report ${id}`, source: 'Wire', duplicateOf, seenAt });

describe('the story record rule', () => {
  it('says when the story expires: its latest report plus the story window and the story memory', () => {
    const terms = storyTermsOf({ windowHours: 72, memoryDays: 30 });
    expect(terms.openHours).toBe(72 + 30 * 24);
    // Members in joining order; the latest fetch is not the last to join.
    const story = storyRecordOf('s-a', [member('a', '2026-11-01T08:00:00.000Z'), member('c', '2026-11-03T09:30:00.000Z'), member('b', '2026-11-02T00:00:00.000Z')], [], terms);
    expect(story?.lastSeenAt).toBe('2026-11-03T09:30:00.000Z');
    expect(story?.expiresAt).toBe('2026-12-06T09:30:00.000Z');
  });

  it('follows the config: the defaults, and a memory turned off (the window alone)', () => {
    const members = [member('a', '2026-11-01T08:00:00.000Z')];
    expect(storyRecordOf('s-a', members, [], storyTermsOf(DEFAULT_STORIES))?.expiresAt).toBe(new Date(Date.parse('2026-11-01T08:00:00.000Z') + (DEFAULT_STORIES.windowHours + DEFAULT_STORIES.memoryDays * 24) * 3_600_000).toISOString());
    expect(storyRecordOf('s-a', members, [], storyTermsOf({ windowHours: 48, memoryDays: 0 }))?.expiresAt).toBe('2026-11-03T08:00:00.000Z');
  });

  it('gives the same record for the same members, whatever else is passed, and none for no members', () => {
    const terms = storyTermsOf(DEFAULT_STORIES);
    const members = [member('a', '2026-11-01T08:00:00.000Z', 'x'), member('b', '2026-11-01T09:00:00.000Z')];
    expect(storyRecordOf('s-a', members, [], terms)).toEqual(storyRecordOf('s-a', [...members], [], terms));
    expect(storyRecordOf('s-a', members, [], terms)?.representative).toBe('b');
    expect(storyRecordOf('s-a', [], [], terms)).toBeNull();
  });
});
