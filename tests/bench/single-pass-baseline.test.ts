import { describe, expect, it } from 'vitest';
import { createStream, LANGUAGE_MIX } from '../../bench/stories/scale-stream.js';
import { createSinglePassBaseline } from '../../bench/stories/single-pass-baseline.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2020-01-01T00:00:00Z');

// The speed baseline must group as its textbook does, or the ratio the scale bench prints compares
// the stage with something that does less work than it says.
describe('single-pass baseline (the scale bench speed reference)', () => {
  const filler = 'the a of in on and to for with was is by at from that this it as';

  function report(words: string, n: number): string {
    return `${words} ${filler} `.repeat(n);
  }

  it('puts reports of one event together and keeps other events apart', () => {
    const baseline = createSinglePassBaseline(72);
    // Unrelated earlier articles first, so document frequencies tell common words from rare ones.
    for (let i = 0; i < 30; i += 1) baseline.assign(`news ${i}`, report(`topic${i} place${i} person${i}`, 3), T0 + i * 60_000);
    const quakeA = baseline.assign('Earthquake hits Sichuan', report('earthquake sichuan magnitude rescuers chengdu', 4), T0 + HOUR);
    const flood = baseline.assign('Floods in Bavaria', report('flood bavaria danube passau evacuated', 4), T0 + 2 * HOUR);
    const quakeB = baseline.assign('Sichuan quake toll rises', report('sichuan earthquake toll rescuers chengdu', 4), T0 + 3 * HOUR);
    expect(quakeB).toBe(quakeA);
    expect(flood).not.toBe(quakeA);
  });

  it('starts a new story once the old one has left the window', () => {
    const baseline = createSinglePassBaseline(72);
    for (let i = 0; i < 30; i += 1) baseline.assign(`news ${i}`, report(`topic${i} place${i} person${i}`, 3), T0 + i * 60_000);
    const first = baseline.assign('Earthquake hits Sichuan', report('earthquake sichuan magnitude rescuers chengdu', 4), T0 + HOUR);
    const sameDay = baseline.assign('Sichuan quake', report('earthquake sichuan magnitude rescuers chengdu', 4), T0 + 5 * HOUR);
    const later = baseline.assign('Sichuan quake, a week on', report('earthquake sichuan magnitude rescuers chengdu', 4), T0 + 8 * 24 * HOUR);
    expect(sameDay).toBe(first);
    expect(later).not.toBe(first);
  });

  it('reads the scale stream the stage reads, and forgets stories past the window', () => {
    const baseline = createSinglePassBaseline(72);
    const next = createStream(LANGUAGE_MIX);
    const ids: number[] = [];
    for (let i = 0; i < 3_000; i += 1) {
      const { doc } = next(i);
      ids.push(baseline.assign(doc.title, doc.text, Date.parse(doc.seenAt)));
    }
    // ~600 events of ~5 reports: most reports join a story, and far fewer stories than articles.
    expect(new Set(ids).size).toBeLessThan(1_500);
    expect(new Set(ids).size).toBeGreaterThan(200);
    // 3,000 articles one every 20 s is 16.7 h: nothing has left the 72 h window yet, but a
    // 1-hour window keeps only the last hour's stories after its sweeps.
    const short = createSinglePassBaseline(1);
    const again = createStream(LANGUAGE_MIX);
    for (let i = 0; i < 3_000; i += 1) {
      const { doc } = again(i);
      short.assign(doc.title, doc.text, Date.parse(doc.seenAt));
    }
    expect(short.stories).toBeLessThan(baseline.stories / 4);
  });
});
