import { describe, expect, it } from 'vitest';
import { parseFeed, parseFeedInSlices } from '../../src/feeds/index.js';
import { thrown } from '../support/thrown.js';

const fetchedAt = new Date('2024-03-06T00:00:00Z');

/** Issue 18 #1: 800,000 open tags took 391 CPU-s in htmlparser2's Parser (its stack grows with unshift). */
function deepFeed(openTags: number): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>deep</title>${'<a>'.repeat(openTags)}</channel></rss>`;
}

/** A few good items after a flood of end tags that close nothing and tags closed out of order. */
function strayEndTags(count: number): string {
  const items = Array.from({ length: 3 }, (_, i) => `<item><title>t${i}</title><link>https://x.example/${i}</link></item>`).join('');
  return `<rss><channel>${'<x><y>'.repeat(1000)}${'</z>'.repeat(count)}${'</x>'.repeat(1000)}${items}</channel></rss>`;
}


describe('hostile feeds', () => {
  it('refuses 800,000 nested elements with FEED_MALFORMED naming the reason (no quadratic stack)', () => {
    const error = thrown(() => parseFeed(deepFeed(800_000), { fetchedAt }));
    expect(error).toMatchObject({ code: 'FEED_MALFORMED', retryable: false, details: { reason: 'depth', limit: 4096 } });
  });

  it('refuses a document with more elements than any feed has', () => {
    const flat = `<rss><channel>${'<i/>'.repeat(600_000)}</channel></rss>`;
    expect(thrown(() => parseFeed(flat, { fetchedAt }))).toMatchObject({ code: 'FEED_MALFORMED', details: { reason: 'elements' } });
  });

  it('reads past 500,000 end tags that close nothing, each looked up in constant time', () => {
    const parsed = parseFeed(strayEndTags(500_000), { fetchedAt });
    expect(parsed.items.map((item) => item.title)).toEqual(['t0', 't1', 't2']);
  });

  it('parses in slices, handing the event loop back between them, with the same result', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => `<item><title>Report ${i}</title><link>https://x.example/${i}</link><description>${'word '.repeat(100)}</description></item>`);
    const feed = new TextEncoder().encode(`<rss version="2.0"><channel><title>big</title>${items.join('')}</channel></rss>`);
    let pauses = 0;
    const sliced = await parseFeedInSlices(feed, {
      fetchedAt,
      pause: () =>
        new Promise<void>((resolve) => {
          pauses++;
          setImmediate(resolve);
        }),
    });
    expect(sliced).toEqual(parseFeed(feed, { fetchedAt }));
    // 1.3 MB: at least one pause per 128 Ki characters tokenized and per 200 items normalized.
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(feed.length / (128 * 1024)) + 10);
  });

  it('stops at the next slice once the signal is aborted', async () => {
    const controller = new AbortController();
    let pauses = 0;
    const parsing = parseFeedInSlices(deepFeed(3000).repeat(1), {
      fetchedAt,
      signal: controller.signal,
      pause: async () => {
        if (++pauses === 1) controller.abort();
      },
    });
    await expect(parsing).rejects.toMatchObject({ code: 'ABORTED' });
    expect(pauses).toBe(1);
  });
});
