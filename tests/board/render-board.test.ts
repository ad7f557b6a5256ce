import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, renderBoard } from '../../src/board/index.js';
import { parseHtml, type TestDocument, type TestElement } from '../support/parse-dom.js';
import { HOSTILE_TITLE, inputOf, report, storyOf } from './board-records.js';
import { textsOf } from './chunk-texts.js';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const SINCE = new Date('2026-11-18T12:00:00.000Z');

// jsdom parses with scripting off, as a browser without JavaScript does: the <noscript> blocks
// are ordinary HTML, so these tests see the page a no-JS reader sees.
function render(...args: Parameters<typeof inputOf>): TestDocument {
  return parseHtml(renderBoard(inputOf(...args), { generatedAt: NOW, since: SINCE }).html);
}

function storyTitles(doc: TestDocument): string[] {
  return [...doc.querySelectorAll('#stories > article.story h2')].map((h) => h.textContent ?? '');
}

describe('renderBoard', () => {
  it('lists the stories seen in the window, biggest first, then the most recently seen', () => {
    const a = [report('a1', 'sa', { agency: 'Reuters' }), report('a2', 'sa', { agency: 'AP' })];
    const b = [report('b1', 'sb')];
    const c = [report('c1', 'sc')];
    const old = [report('o1', 'so'), report('o2', 'so'), report('o3', 'so')];
    const doc = render(
      [
        storyOf('sb', b, { title: 'Small older', lastSeenAt: '2026-11-20T10:00:00.000Z' }),
        storyOf('sa', a, { title: 'Big', lastSeenAt: '2026-11-19T10:00:00.000Z' }),
        storyOf('sc', c, { title: 'Small newer', lastSeenAt: '2026-11-21T10:00:00.000Z' }),
        storyOf('so', old, { title: 'Out of the window', lastSeenAt: '2026-11-17T10:00:00.000Z' }),
      ],
      [...a, ...b, ...c, ...old],
    );
    expect(storyTitles(doc)).toEqual(['Big', 'Small newer', 'Small older']);
    const big = doc.getElementById('story-sa');
    expect(big?.querySelector('.count')?.textContent).toBe('2 reports');
    expect(big?.querySelector('.agencies')?.textContent).toBe('Reuters, AP');
    expect(big?.querySelector('.seen time')?.getAttribute('datetime')).toBe('2026-11-21T03:00:00.000Z');
    expect(doc.querySelector('.top p')?.textContent).toContain('3 stories seen since 2026-11-18 12:00 UTC');
  });

  it('says until when a story is open when its record says so, and nothing for a record written before', () => {
    const a = [report('a1', 'sa')];
    const b = [report('b1', 'sb')];
    const doc = render([storyOf('sa', a, { expiresAt: '2026-12-22T10:00:00.000Z' }), storyOf('sb', b)], [...a, ...b]);
    const times = [...(doc.getElementById('story-sa')?.querySelectorAll('.seen time') ?? [])].map((t) => t.getAttribute('datetime'));
    expect(times.at(-1)).toBe('2026-12-22T10:00:00.000Z');
    expect(doc.getElementById('story-sa')?.querySelector('.seen')?.textContent).toContain('open until');
    expect(doc.getElementById('story-sb')?.querySelector('.seen')?.textContent).not.toContain('open until');
  });

  it('folds a copy under its original, labelled as a copy; each report\'s <details> names the chunk that holds its text, and the page holds no text', () => {
    const original = report('orig', 's1', { agency: 'Meridian', title: 'Election date proposed', publishedAt: '2026-11-20T08:00:00.000Z', text: 'First paragraph.\n \nSecond\nline.\n\n\n' });
    const copy = report('copy', 's1', { agency: 'Tigris', title: 'Elections could slip', publishedAt: '2026-11-20T09:00:00.000Z', copyOf: 'orig', text: '', summary: 'Only a summary.' });
    const bare = report('bare', 's1', { agency: 'Tigris', title: 'No text at all', text: '  ', summary: null });
    const page = renderBoard(inputOf([storyOf('s1', [copy, original, bare])], [original, copy, bare]), { generatedAt: NOW, since: SINCE });
    const doc = parseHtml(page.html);
    const items = doc.querySelectorAll('#story-s1 ol.reports > li');
    expect(items.length).toBe(2);
    const top = items[0] as TestElement;
    expect(top.querySelector(':scope > details.report .agency')?.textContent).toBe('Meridian');
    // A report without text shows its summary, else says so.
    const chunks = doc.getElementById('stories')?.getAttribute('data-texts')?.split(' ') ?? [];
    const body = top.querySelector(':scope > details.report > .body');
    expect(body?.textContent).toBe('');
    expect(body?.getAttribute('data-a')).toBe('orig');
    expect(page.assets).toEqual(chunks.map((c) => `texts/${c}.js`));
    expect(page.texts.map((t) => t.name)).toEqual(page.assets);
    expect(page.assets[Number(body?.getAttribute('data-t'))]).toMatch(/^texts\/h2026112103-[0-9a-f]{12}\.js$/);
    // Kept as extracted: the page's script makes paragraphs of it (see the browser tests).
    expect(textsOf(page)).toEqual(new Map([['copy', 'Only a summary.'], ['orig', 'First paragraph.\n \nSecond\nline.\n\n\n']]));
    expect(page.html).not.toContain('First paragraph');
    const none = doc.querySelector('#story-s1 ol.reports > li:nth-child(2) .body');
    expect(none?.hasAttribute('data-t')).toBe(false);
    expect(none?.textContent).toBe('No text was extracted.');
    const folded = top.querySelector(':scope > details.copies');
    expect(folded?.querySelector(':scope > summary')?.textContent).toBe('1 copy of this report: Tigris');
    const copyReport = folded?.querySelector('details.report.copy');
    expect(copyReport?.querySelector('.label')?.textContent).toBe('copy');
    expect(copyReport?.querySelector('.rt')?.textContent).toBe('Elections could slip');
    expect(copyReport?.querySelector('.src a')?.getAttribute('href')).toBe('https://tigris.example/news/copy');
  });

  it('sets dir and lang from each record: Arabic right to left, a record without a direction left to the browser', () => {
    const ar = report('ar1', 's1', { title: 'زلزال يضرب كرمان', language: 'ar', direction: 'rtl', text: 'نص عربي.' });
    const en = report('en1', 's1', { title: 'Quake hits Kerman', language: 'en-GB', direction: 'ltr' });
    const unknown = report('xx1', 's2', { title: 'Untagged', language: null, direction: null });
    const doc = render([storyOf('s1', [ar, en]), storyOf('s2', [unknown])], [ar, en, unknown]);
    const h2 = doc.querySelector('#story-s1 h2');
    expect([h2?.getAttribute('dir'), h2?.getAttribute('lang')]).toEqual(['rtl', 'ar']);
    const bodies = [...doc.querySelectorAll('#story-s1 .body')].map((b) => [b.getAttribute('dir'), b.getAttribute('lang')]);
    expect(bodies).toEqual([
      ['rtl', 'ar'],
      ['ltr', 'en'],
    ]);
    expect(doc.getElementById('story-s1')?.getAttribute('data-lang')).toBe('ar en');
    expect(doc.querySelector('#story-s2 h2')?.getAttribute('dir')).toBe('auto');
    expect([...doc.querySelectorAll('#lang option')].map((o) => o.getAttribute('value'))).toEqual(['', 'ar', 'en']);
  });

  it('escapes hostile text everywhere: no element, attribute or early end of a block comes from a feed or a page', () => {
    const evil = report('evil', 's1', {
      agency: 'Agency" onmouseover="x',
      title: HOSTILE_TITLE,
      text: `Para <script>alert(1)</script>\n\n</noscript><img src=x onerror=alert(2)>`,
      url: 'javascript:alert(3)',
      canonicalUrl: 'javascript:alert(3)',
      language: '"><script>',
    });
    const page = renderBoard(inputOf([storyOf('s1', [evil], { sources: ['Agency" onmouseover="x'] })], [evil]), { generatedAt: NOW, since: SINCE });
    const html = page.html;
    // One </noscript> per story, the page's own: text never closes the block early.
    expect(html.match(/<\/noscript/g)).toHaveLength(2); // the story's block and the page's notice
    const doc = parseHtml(html);
    expect(doc.querySelectorAll('img').length).toBe(0);
    expect(doc.querySelectorAll('script').length).toBe(1);
    expect(doc.querySelectorAll('[onerror], [onmouseover]').length).toBe(0);
    expect(doc.querySelector('#story-s1 h2')?.textContent).toBe(HOSTILE_TITLE);
    expect(doc.querySelector('#story-s1 .rt')?.textContent).toBe(HOSTILE_TITLE);
    expect(textsOf(page).get('evil')).toBe('Para <script>alert(1)</script>\n\n</noscript><img src=x onerror=alert(2)>');
    expect(page.texts.map((t) => t.text).join('')).not.toMatch(/<\/?(script|noscript|img)/i);
    expect(doc.querySelector('#story-s1 .agencies')?.textContent).toBe('Agency" onmouseover="x');
    // A javascript: link is not linked at all; an invalid language tag is left out.
    expect(doc.querySelector('#story-s1 .src')).toBeNull();
    expect(doc.querySelector('#story-s1 h2')?.hasAttribute('lang')).toBe(false);
  });

  it('is self-contained: no external script, style sheet, font, image or frame, and the CSP allows only its own script and style', () => {
    const r = report('r1', 's1');
    const html = renderBoard(inputOf([storyOf('s1', [r])], [r]), { generatedAt: NOW, since: SINCE }).html;
    const doc = parseHtml(html);
    expect(doc.querySelectorAll('[src], link[rel=stylesheet], iframe, object, embed, img').length).toBe(0);
    expect(html).not.toMatch(/@import|url\(|@font-face/);
    for (const a of doc.querySelectorAll('a[href], link[href]')) expect(a.getAttribute('href')).toMatch(/^(#|\.\.\/feeds\/|https:\/\/)/);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toBe(contentSecurityPolicy());
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    // The only other scripts are those the page's own script adds (the text chunks): 'strict-dynamic'.
    expect(csp).toContain(`script-src ${hash(doc.querySelector('script')?.textContent ?? '')} 'strict-dynamic';`);
    expect(csp).toContain(`style-src ${hash(doc.querySelector('style')?.textContent ?? '')}`);
    expect(csp).toContain("img-src 'none'");
  });

  it('says when reports are gone and which stories a story took in, and what an empty window is', () => {
    const kept = report('k1', 's1');
    const doc = render([storyOf('s1', [kept], { members: ['k1', 'gone1', 'gone2'], merged: [{ storyId: 's9', at: '2026-11-21T01:00:00.000Z' }] })], [kept]);
    const notes = [...doc.querySelectorAll('#story-s1 .note')].map((n) => n.textContent);
    expect(notes).toEqual(['2 more reports are no longer available (pruned).', 'Took in story s9 (2026-11-21 01:00 UTC).']);
    expect(doc.querySelector('#story-s1 .count')?.textContent).toBe('3 reports');
    const empty = render([], []);
    expect(empty.querySelector('.empty')?.textContent).toBe('No stories seen since 2026-11-18 12:00 UTC.');
    expect(empty.querySelectorAll('article.story').length).toBe(0);
  });

  it('draws one timeline row per agency and one dot per report, copies hollow', () => {
    const a = report('a1', 's1', { agency: 'Rasa', publishedAt: '2026-11-20T08:00:00.000Z' });
    const b = report('b1', 's1', { agency: 'Gulf Wire', publishedAt: '2026-11-20T20:00:00.000Z' });
    const c = report('c1', 's1', { agency: 'Tigris', publishedAt: '2026-11-21T08:00:00.000Z', copyOf: 'b1' });
    const doc = render([storyOf('s1', [a, b, c])], [a, b, c]);
    const svg = doc.querySelector('#story-s1 svg.tl');
    expect([...(svg?.querySelectorAll('text:not(.ax)') ?? [])].map((t) => t.textContent)).toEqual(['Rasa', 'Gulf Wire', 'Tigris']);
    const dots = [...(svg?.querySelectorAll('circle') ?? [])];
    expect(dots.map((d) => d.querySelector('title')?.textContent)).toEqual(['Rasa: 2026-11-20 08:00 UTC', 'Gulf Wire: 2026-11-20 20:00 UTC', 'Tigris: 2026-11-21 08:00 UTC (copy)']);
    expect(dots.map((d) => Number(d.getAttribute('cx')))).toEqual([90, 171, 252]);
    expect(dots[2]?.getAttribute('fill')).toBe('none');
  });
});
