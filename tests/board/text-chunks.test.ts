import { describe, expect, it } from 'vitest';
import { renderBoard, type BoardPage } from '../../src/board/index.js';
import type { ArticleRecord, StoryRecord } from '../../src/types/index.js';
import { inputOf, report, storyOf } from './board-records.js';
import { readChunk, textsOf } from './chunk-texts.js';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const SINCE = new Date('2026-11-18T12:00:00.000Z');

function render(stories: StoryRecord[], reports: ArticleRecord[], options: { since?: Date; existing?: readonly string[] } = {}): BoardPage {
  return renderBoard(inputOf(stories, reports), { generatedAt: NOW, since: options.since ?? SINCE, existingAssets: options.existing ?? [] });
}

const fetched = (id: string, storyId: string, fetchedAt: string, text = `Text of ${id}.`) => report(id, storyId, { fetchedAt, publishedAt: fetchedAt, text });
const story = (id: string, members: ArticleRecord[]) => storyOf(id, members, { lastSeenAt: members.map((m) => m.fetchedAt).sort().at(-1) as string });
const names = (page: BoardPage) => page.texts.map((t) => t.name);

describe('report texts in chunk files', () => {
  it('puts each text in the chunk of the UTC hour it was fetched in, the same bytes whatever order the stories are shown in', () => {
    const a = fetched('a', 's1', '2026-11-21T03:10:00.000Z');
    const b = fetched('b', 's2', '2026-11-21T03:50:00.000+00:00');
    const c = fetched('c', 's1', '2026-11-21T04:05:00.000Z');
    const page = render([story('s1', [a, c]), story('s2', [b])], [a, b, c]);
    expect(names(page)).toEqual([expect.stringMatching(/^texts\/h2026112103-[0-9a-f]{12}\.js$/), expect.stringMatching(/^texts\/h2026112104-[0-9a-f]{12}\.js$/)]);
    expect(page.texts.map((t) => [...readChunk(t.text).texts.keys()])).toEqual([['a', 'b'], ['c']]);
    // s2 grows bigger than s1 and is now listed first: the chunks are the same files.
    const b2 = fetched('b2', 's2', '2026-11-21T03:55:00.000Z');
    const reordered = render([story('s1', [a, c]), story('s2', [b, b2])], [a, b, b2, c]);
    expect(reordered.texts[1]).toEqual(page.texts[1]);
    expect(readChunk(reordered.texts[0]?.text ?? '').name).toBe(reordered.texts[0]?.name.slice('texts/'.length, -'.js'.length));
  });

  it('on a second publish with nothing new every chunk is on hand; a new article changes only the chunk of its hour', () => {
    const a = fetched('a', 's1', '2026-11-21T02:30:00.000Z');
    const b = fetched('b', 's2', '2026-11-21T03:10:00.000Z');
    const first = render([story('s1', [a]), story('s2', [b])], [a, b]);
    const again = render([story('s1', [a]), story('s2', [b])], [a, b], { existing: first.assets });
    expect(again.html).toBe(first.html);
    expect(again.assets).toEqual(first.assets);
    // Every chunk is on hand: none is rendered, none is to be written.
    expect(again.texts).toEqual([]);

    const c = fetched('c', 's2', '2026-11-21T03:40:00.000Z');
    const grown = render([story('s1', [a]), story('s2', [b, c])], [a, b, c], { existing: first.assets });
    expect(names(grown)).toEqual([expect.stringMatching(/^texts\/h2026112103-/)]);
    // The 02 h chunk stays; the 03 h chunk of the first publish is no longer referred to (the publisher removes it).
    expect(first.assets.filter((n) => !grown.assets.includes(n))).toEqual([first.assets[1]]);
    expect(textsOf(grown)).toEqual(new Map([['b', 'Text of b.'], ['c', 'Text of c.']]));
  });

  it('an hour that began before the window is served by its chunk on hand; without one, a story\'s older reports get a chunk of their own', () => {
    const early = new Date('2026-11-18T00:00:00.000Z');
    const old = fetched('old', 'long', '2026-11-18T05:20:00.000Z');
    const other = fetched('other', 'brief', '2026-11-18T05:40:00.000Z');
    const recent = fetched('recent', 'long', '2026-11-21T09:00:00.000Z');
    const then = render([story('long', [old]), story('brief', [other])], [old, other], { since: early });
    const hour05 = then.assets[0] as string;
    expect(hour05).toMatch(/^texts\/h2026111805-/);

    // Later: "brief" left the window, "long" grew; hour 05 began before the window.
    const later = render([story('long', [old, recent]), story('brief', [other])], [old, other, recent], { existing: then.assets });
    expect(later.assets).toContain(hour05);
    expect(names(later).some((n) => n.startsWith('texts/h2026111805-'))).toBe(false);
    const html = later.html;
    const chunkList = /data-texts="([^"]*)"/.exec(html)?.[1]?.split(' ') ?? [];
    const dataT = /data-a="old" data-t="(\d+)"/.exec(html)?.[1];
    expect(`texts/${chunkList[Number(dataT)]}.js`).toBe(hour05);

    // No chunk on hand for hour 05: the story's older report gets a chunk of its own, stable from one publish to the next.
    const bare = render([story('long', [old, recent]), story('brief', [other])], [old, other, recent]);
    const own = bare.texts.find((t) => t.name.startsWith('texts/s-'));
    expect([...readChunk(own?.text ?? '').texts.keys()]).toEqual(['old']);
    const next = render([story('long', [old, recent]), story('brief', [other])], [old, other, recent], { existing: bare.assets });
    expect(next.assets).toEqual(bare.assets);
    expect(next.texts).toEqual([]);

    // Once "long" leaves the window too, nothing refers to hour 05's chunk: the publisher removes it.
    const gone = render([story('long', [old, recent])], [old, recent], { since: new Date('2026-11-22T00:00:00.000Z'), existing: later.assets });
    expect(gone.assets).toEqual([]);
  });

  it('keeps a hostile text inert in its chunk: no </script, <!-- or raw line separator, and it reads back exactly (XML-forbidden characters dropped)', () => {
    const hostile = 'Close it: </script><script>window.__pwned=1</script> <!-- and </SCRIPT >\u2028line\u2029para "q" \\ ${x} `t` \'s\'\u0000\ud800 end';
    const evil = fetched('evil', 's1', '2026-11-21T03:00:00.000Z', hostile);
    const proto = fetched('__proto__', 's1', '2026-11-21T03:30:00.000Z', 'A text under an id that an object literal would swallow.');
    const page = render([story('s1', [evil, proto])], [evil, proto]);
    const chunk = page.texts[0]?.text ?? '';
    expect(chunk).not.toMatch(/<\/script|<!--|[\u2028\u2029]/i);
    expect(chunk).not.toContain('<');
    expect(readChunk(chunk).texts.get('evil')).toBe(hostile.replace('\u0000\ud800', ''));
    expect(readChunk(chunk).texts.get('__proto__')).toBe('A text under an id that an object literal would swallow.');
    // It is JSON inside the call, too: the array parses back as data.
    expect(JSON.parse(chunk.slice(chunk.indexOf(',') + 1, chunk.lastIndexOf(')')))).toHaveLength(4);
  });
});
