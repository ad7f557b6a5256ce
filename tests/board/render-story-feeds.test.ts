import { describe, expect, it } from 'vitest';
import { entryId, renderStoryFeeds, type StoryFeedOptions } from '../../src/board/index.js';
import { parseFeed } from '../../src/feeds/index.js';
import type { ArticleRecord, StoryRecord } from '../../src/types/index.js';
import { HOSTILE_TITLE, inputOf, report, storyOf } from './board-records.js';
import { checkAtom, checkJsonFeed } from './feed-checks.js';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const SINCE = new Date('2026-11-18T12:00:00.000Z');
const BASE = 'https://desk.example.org/wire/';

function feeds(stories: StoryRecord[], reports: ArticleRecord[], options: Partial<StoryFeedOptions> = {}) {
  return renderStoryFeeds(inputOf(stories, reports), { generatedAt: NOW, since: SINCE, baseUrl: BASE, ...options });
}

/** The Mosul pair and a syndicated copy of one of them, plus an unrelated Arabic story. */
function sample() {
  const rasa = report('rasa1', 's1', { agency: 'rasa', title: 'Baghdadi flees Mosul', publishedAt: '2026-11-20T19:44:00.000Z', summary: 'The leader has fled.' });
  const gulf = report('gulf1', 's1', { agency: 'gulfwire', title: 'Pentagon: Baghdadi left Mosul', publishedAt: '2026-11-21T11:05:00.000Z' });
  const copy = report('tig1', 's1', { agency: 'tigris', title: 'Baghdadi said to flee Mosul', publishedAt: '2026-11-21T01:00:00.000Z', copyOf: 'rasa1' });
  const ar = report('ar1', 's2', { agency: 'sumaria', title: 'افتتاح رصيف جديد في ميناء أم قصر', language: 'ar', direction: 'rtl' });
  const reports = [rasa, gulf, copy, ar];
  const stories = [
    storyOf('s1', [rasa, gulf, copy], { firstSeenAt: '2026-11-20T20:00:00.000Z', lastSeenAt: '2026-11-21T11:10:00.000Z' }),
    storyOf('s2', [ar], { lastSeenAt: '2026-11-21T09:00:00.000Z' }),
  ];
  return { stories, reports, rasa, gulf, copy, ar };
}

describe('renderStoryFeeds', () => {
  it('writes one entry per story, copies inside their original story only, and both feeds parse back with our parser', () => {
    const { stories, reports } = sample();
    const out = feeds(stories, reports);
    for (const [text, format] of [
      [out.atom, 'atom1.0'],
      [out.json, 'json1.1'],
    ] as const) {
      const parsed = parseFeed(text, { fetchedAt: NOW });
      expect(parsed.feed.format).toBe(format);
      expect(parsed.warnings).toEqual([]);
      expect(parsed.items.map((i) => i.guid)).toEqual([entryId('s1'), entryId('s2')]);
      const mosul = parsed.items[0];
      expect(mosul?.title).toBe('Baghdadi flees Mosul');
      expect(mosul?.url).toBe(`${BASE}board/#story-s1`);
      expect(mosul?.authors).toEqual(['rasa', 'gulfwire', 'tigris']);
      expect(mosul?.publishedAt).toBe('2026-11-20T20:00:00.000Z');
      expect(mosul?.updatedAt).toBe('2026-11-21T11:10:00.000Z');
      // The copy is listed (with its link) inside the story's entry, under its original, and nowhere else.
      expect(mosul?.content).toContain('https://rasa.example/news/rasa1');
      expect(mosul?.content).toContain('https://gulfwire.example/news/gulf1');
      expect(mosul?.content).toMatch(/<ul><li>copy: <a href="https:\/\/tigris\.example\/news\/tig1">Baghdadi said to flee Mosul<\/a> \(tigris, 2026-11-21 01:00 UTC\)<\/li><\/ul>/);
      expect(parsed.items.filter((i) => i.content?.includes('tig1'))).toHaveLength(1);
    }
  });

  it('is a valid Atom 1.0 and JSON Feed 1.1 document: required elements, RFC 3339 dates, absolute links, self links with a base URL', () => {
    const { stories, reports } = sample();
    const out = feeds(stories, reports);
    const atom = checkAtom(out.atom);
    const links = [...atom.documentElement.children].filter((c) => c.localName === 'link').map((l) => [l.getAttribute('rel'), l.getAttribute('href')]);
    expect(links).toEqual([
      ['self', `${BASE}feeds/stories.atom`],
      ['alternate', `${BASE}board/`],
    ]);
    const json = checkJsonFeed(out.json);
    expect([json['home_page_url'], json['feed_url']]).toEqual([`${BASE}board/`, `${BASE}feeds/stories.json`]);
    const entry = atom.getElementsByTagName('entry')[0];
    expect([...(entry?.getElementsByTagName('link') ?? [])].map((l) => l.getAttribute('rel'))).toEqual(['alternate', 'related', 'related', 'related']);
  });

  it('without a base URL links each entry to its first original report and leaves out self links', () => {
    const { stories, reports } = sample();
    const out = feeds(stories, reports, { baseUrl: null });
    const atom = checkAtom(out.atom);
    expect([...atom.documentElement.children].filter((c) => c.localName === 'link').length).toBe(0);
    const parsed = parseFeed(out.json, { fetchedAt: NOW });
    expect(parsed.items.map((i) => i.url)).toEqual(['https://rasa.example/news/rasa1', 'https://sumaria.example/news/ar1']);
    expect(out.json).not.toContain('board/');
  });

  it('writes a feed per report language; an Arabic entry is marked xml:lang="ar" and its text right to left', () => {
    const { stories, reports } = sample();
    const out = feeds(stories, reports);
    expect(Object.keys(out.languages)).toEqual(['ar', 'en']);
    const ar = checkAtom(out.languages['ar'] ?? '');
    const entries = ar.getElementsByTagName('entry');
    expect(entries.length).toBe(1);
    expect(entries[0]?.getAttribute('xml:lang')).toBe('ar');
    expect(entries[0]?.getElementsByTagName('content')[0]?.textContent).toContain('<span dir="rtl">افتتاح رصيف جديد في ميناء أم قصر</span>');
    expect(ar.getElementsByTagName('id')[0]?.textContent).toBe('urn:wiredesk:feed:stories:lang-ar');
    expect(parseFeed(out.languages['en'] ?? '', { fetchedAt: NOW }).items.map((i) => i.guid)).toEqual([entryId('s1')]);
  });

  it('escapes hostile titles and drops characters XML forbids: the feeds stay well formed and the title reads back as written', () => {
    const evil = report('evil', 's1', { title: HOSTILE_TITLE, text: 'Bad \u0000bytes\u0007 here.', summary: null, feed: { url: 'https://x.example/', name: 'A&B <Wire>' } });
    const out = feeds([storyOf('s1', [evil])], [evil]);
    const atom = checkAtom(out.atom);
    const json = checkJsonFeed(out.json);
    // Read back strictly, the text is exactly what the page said (our own parser would strip tag-like text from names).
    expect(atom.getElementsByTagName('entry')[0]?.getElementsByTagName('title')[0]?.textContent).toBe(HOSTILE_TITLE);
    expect(atom.getElementsByTagName('entry')[0]?.getElementsByTagName('name')[0]?.textContent).toBe('A&B <Wire>');
    expect(json.items[0]?.['title']).toBe(HOSTILE_TITLE);
    for (const text of [out.atom, out.json]) {
      const item = parseFeed(text, { fetchedAt: NOW }).items[0];
      expect(item?.content).not.toMatch(/<img|<script/);
      expect(item?.content).toContain('&lt;img src=x onerror=');
    }
    expect(out.atom).toContain('<title type="text">&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; &amp; &lt;/noscript&gt;');
    expect(out.atom).not.toMatch(/[\u0000\u0007]/);
  });

  it('keeps an entry id and stamp while nothing changes, moves the stamp when the story grows or loses reports, and names a story it took in', () => {
    const { stories, reports, rasa, gulf, copy, ar } = sample();
    const first = feeds(stories, reports);
    const at = (json: string) => Object.fromEntries((JSON.parse(json).items as { id: string; date_modified: string }[]).map((i) => [i.id, i.date_modified]));

    // Nothing changed, an hour later: the same stamps.
    const later = new Date(NOW.getTime() + 3_600_000);
    const same = feeds(stories, reports, { generatedAt: later, previousJson: first.json });
    expect(at(same.json)).toEqual(at(first.json));

    // A split: gulfwire's report left s1 for a new story (s1's record keeps its lastSeenAt).
    const s1Split = storyOf('s1', [rasa, copy], { firstSeenAt: '2026-11-20T20:00:00.000Z', lastSeenAt: '2026-11-21T11:10:00.000Z' });
    const s3 = storyOf('s3', [gulf], { lastSeenAt: '2026-11-21T12:30:00.000Z' });
    const split = feeds([s1Split, stories[1] as StoryRecord, s3], reports, { generatedAt: later, previousJson: same.json });
    const stamps = at(split.json);
    expect(stamps[entryId('s1')]).toBe(later.toISOString());
    expect(stamps[entryId('s2')]).toBe(at(first.json)[entryId('s2')]);
    expect(stamps[entryId('s3')]).toBe('2026-11-21T12:30:00.000Z');

    // A join: s3 vanished into s1, which now says so, by the title the previous feed knew.
    const joinedAt = '2026-11-21T14:00:00.000Z';
    const s1Joined = storyOf('s1', [rasa, copy, gulf], { firstSeenAt: '2026-11-20T20:00:00.000Z', lastSeenAt: joinedAt, merged: [{ storyId: 's3', at: joinedAt }] });
    const joined = feeds([s1Joined, stories[1] as StoryRecord], reports, { generatedAt: new Date(joinedAt), previousJson: split.json });
    const items = parseFeed(joined.atom, { fetchedAt: NOW }).items;
    expect(items.map((i) => i.guid)).toEqual([entryId('s1'), entryId('s2')]);
    expect(items[0]?.updatedAt).toBe(joinedAt);
    expect(items[0]?.content).toContain('This story took in “Pentagon: Baghdadi left Mosul” (story s3) on 2026-11-21 14:00 UTC');
    // The title survives one more publish, though s3 has no entry to read it from any more.
    const again = feeds([s1Joined, stories[1] as StoryRecord], reports, { generatedAt: new Date('2026-11-21T15:00:00.000Z'), previousJson: joined.json });
    expect(again.json).toContain('took in “Pentagon: Baghdadi left Mosul”');
    expect(at(again.json)).toEqual(at(joined.json));
    expect(ar.id).toBe('ar1');
  });

  it('keeps only the stories of the window, most recently updated first, at most maxEntries', () => {
    const rs = Array.from({ length: 5 }, (_, i) => report(`r${i}`, `s${i}`));
    const stories = rs.map((r, i) => storyOf(`s${i}`, [r], { lastSeenAt: new Date(Date.parse('2026-11-17T00:00:00.000Z') + i * 86_400_000).toISOString() }));
    const out = feeds(stories, rs, { maxEntries: 2 });
    expect(parseFeed(out.json, { fetchedAt: NOW }).items.map((i) => i.guid)).toEqual([entryId('s4'), entryId('s3')]);
    const all = feeds(stories, rs);
    expect(parseFeed(all.atom, { fetchedAt: NOW }).items).toHaveLength(3);
    const empty = feeds([], []);
    checkAtom(empty.atom);
    expect(empty.atom).toContain(`<updated>${NOW.toISOString()}</updated>`);
  });

  it('lists at most 50 reports in an entry and points to the board for the rest', () => {
    const rs = Array.from({ length: 60 }, (_, i) => report(`big${i}`, 'sbig', { agency: `A${i % 7}`, publishedAt: new Date(Date.parse('2026-11-20T00:00:00.000Z') + i * 60_000).toISOString() }));
    const out = feeds([storyOf('sbig', rs)], rs);
    const entry = checkAtom(out.atom).getElementsByTagName('entry')[0];
    expect([...(entry?.getElementsByTagName('link') ?? [])].filter((l) => l.getAttribute('rel') === 'related').length).toBe(50);
    const content = parseFeed(out.json, { fetchedAt: NOW }).items[0]?.content ?? '';
    expect(content.match(/<li>/g)).toHaveLength(50);
    expect(content).toContain('<p>… and 10 more reports on the board.</p>');
    expect(content).toContain('big49');
    expect(content).not.toContain('big50');
  });

  it('tells the reader until when a story is open, when its record says so', () => {
    const r = report('r1', 's1');
    const open = parseFeed(feeds([storyOf('s1', [r], { lastSeenAt: '2026-11-21T10:00:00.000Z', expiresAt: '2026-12-24T10:00:00.000Z' })], [r]).json, { fetchedAt: NOW }).items[0]?.content ?? '';
    expect(open).toContain('last seen 2026-11-21 10:00 UTC, open until 2026-12-24 10:00 UTC.');
    const before = parseFeed(feeds([storyOf('s1', [r], { lastSeenAt: '2026-11-21T10:00:00.000Z' })], [r]).json, { fetchedAt: NOW }).items[0]?.content ?? '';
    expect(before).not.toContain('open until');
  });
});
