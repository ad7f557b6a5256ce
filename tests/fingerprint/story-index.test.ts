import { describe, expect, it } from 'vitest';
import { createStoryIndex, type StoryDoc, type StoryIndexSnapshot } from '../../src/fingerprint/index.js';
import { fixtureDoc, shippedAliases } from './helpers.js';

const aliases = shippedAliases();

function roundTrip(snapshot: StoryIndexSnapshot): StoryIndexSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as StoryIndexSnapshot;
}

describe('createStoryIndex', () => {
  it('puts the two seed reports (Daesh / ISIS, almost no shared sentence) in one story', () => {
    const index = createStoryIndex({ windowHours: 72, aliases });
    const first = index.assign(fixtureDoc('seed-pair', 'first'));
    const second = index.assign(fixtureDoc('seed-pair', 'second'));
    expect(first.reason).toBe('new');
    expect(second.storyId).toBe(first.storyId);
    expect(second.reason).toBe('similar');
    expect(second.similarity).toBeGreaterThan(0);
    expect(first.storyId).toMatch(/^[a-z0-9_-]+$/);
    expect(first.simhash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('continues after a JSON snapshot round trip exactly as without the stop', () => {
    const docs = [fixtureDoc('seed-pair', 'first'), fixtureDoc('seed-pair', 'second')];
    const straight = createStoryIndex({ windowHours: 72, aliases });
    const expected = docs.map((d) => straight.assign(d));
    const firstRun = createStoryIndex({ windowHours: 72, aliases });
    const got = [firstRun.assign(docs[0] as StoryDoc)];
    const secondRun = createStoryIndex({ windowHours: 72, aliases }, roundTrip(firstRun.snapshot()));
    got.push(secondRun.assign(docs[1] as StoryDoc));
    expect(got).toEqual(expected);
    expect(secondRun.snapshot()).toEqual(straight.snapshot());
  });
});
