import { describe, expect, it } from 'vitest';
import { WiredeskError } from '../../src/errors/index.js';
import { parseFeed } from '../../src/feeds/index.js';

const fetchedAt = new Date('2024-03-06T00:00:00Z');
const rss = (body: string, prolog = '<?xml version="1.0" encoding="ISO-8859-1"?>'): string =>
  `${prolog}<rss version="2.0"><channel><title>T</title><link>https://t.example/</link>${body}</channel></rss>`;

function thrown(fn: () => unknown): WiredeskError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WiredeskError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('parseFeed decoding', () => {
  it('never re-decodes a string: its characters are taken as they are, whatever the prolog says', () => {
    const parsed = parseFeed(rss('<item><title>Café Ã© déjà</title><link>/a</link></item>'), { fetchedAt });
    expect(parsed.items[0]?.title).toBe('Café Ã© déjà');
    expect(parsed.feed.encoding).toBeNull();
  });

  it('decodes Latin-1 bytes by the prolog when the server gives no charset', () => {
    const bytes = new Uint8Array(Buffer.from(rss('<item><title>Notícia já</title><link>/a</link></item>'), 'latin1'));
    const parsed = parseFeed(bytes, { contentType: 'application/xml', fetchedAt });
    expect(parsed.items[0]?.title).toBe('Notícia já');
    expect(parsed.feed.encodingSource).toBe('xml-declaration');
  });

  it('uses the HTTP charset when the document declares none', () => {
    // "Новости" in KOI8-R: the same bytes read as windows-1252 would be Latin mojibake.
    const title = Buffer.from([0xee, 0xcf, 0xd7, 0xcf, 0xd3, 0xd4, 0xc9]);
    const bytes = Buffer.concat([Buffer.from('<rss version="2.0"><channel><item><title>'), title, Buffer.from('</title><link>https://r.example/1</link></item></channel></rss>')]);
    const parsed = parseFeed(new Uint8Array(bytes), { contentType: 'application/rss+xml; charset=koi8-r', fetchedAt });
    expect(parsed.items[0]?.title).toBe('Новости');
    expect(parsed.feed).toMatchObject({ encoding: 'koi8-r', encodingSource: 'http-charset' });
  });

  it('keeps UTF-8 bytes as UTF-8 even when the prolog claims Latin-1', () => {
    const bytes = new Uint8Array(Buffer.from(rss('<item><title>Café 한국</title><link>/a</link></item>'), 'utf8'));
    expect(parseFeed(bytes, { fetchedAt }).items[0]?.title).toBe('Café 한국');
  });
});

describe('parseFeed errors', () => {
  it('FEED_MALFORMED for an empty document and for broken JSON', () => {
    expect(thrown(() => parseFeed('   ', { fetchedAt })).code).toBe('FEED_MALFORMED');
    expect(thrown(() => parseFeed('{"version": "https://jsonfeed.org/version/1", "items": [', { fetchedAt })).code).toBe('FEED_MALFORMED');
  });

  it('FEED_NOT_A_FEED for other XML and for JSON that is no feed', () => {
    expect(thrown(() => parseFeed('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', { fetchedAt })).code).toBe('FEED_NOT_A_FEED');
    expect(thrown(() => parseFeed('{"hello": "world"}', { fetchedAt })).code).toBe('FEED_NOT_A_FEED');
  });

  it('FEED_NOT_A_FEED without feedUrl for an HTML page that advertises nothing', () => {
    const error = thrown(() => parseFeed('<!doctype html><html><head><title>x</title></head><body>hi</body></html>', { baseUrl: 'https://site.example/', fetchedAt }));
    expect(error.code).toBe('FEED_NOT_A_FEED');
    expect(error.details?.['feedUrl']).toBeUndefined();
  });
});

describe('parseFeed repairs', () => {
  it('keeps a feed without declaration whose CDATA quotes an XML declaration (no junk to cut)', () => {
    const parsed = parseFeed(
      '<rss version="2.0"><channel><title>Dev</title><item><title>One</title><link>https://d.example/1</link><description><![CDATA[Put <?xml version="1.0"?> first]]></description></item><item><title>Two</title><link>https://d.example/2</link></item></channel></rss>',
      { fetchedAt },
    );
    expect(parsed.items.map((item) => item.title)).toEqual(['One', 'Two']);
    expect(parsed.warnings.map((w) => w.code)).not.toContain('XML_JUNK_BEFORE_ROOT');
  });
});

describe('parseFeed URLs', () => {
  it('resolves relative item links against the fetch URL when the feed has no link', () => {
    const parsed = parseFeed('<rss version="2.0"><channel><title>T</title><item><title>A</title><link>../story/1</link></item></channel></rss>', {
      baseUrl: 'https://wire.example/feeds/main.xml',
      fetchedAt,
    });
    expect(parsed.items[0]?.url).toBe('https://wire.example/story/1');
  });

  it('resolves against a declared xml:base before the feed link, also when it equals the fetch URL', () => {
    const feed = '<rss version="2.0"><channel xml:base="https://w.example/feeds/"><title>T</title><link>https://w.example/</link><item><title>A</title><link>story/1</link></item></channel></rss>';
    for (const baseUrl of ['https://w.example/feeds/', 'https://w.example/other/list.xml']) {
      expect(parseFeed(feed, { baseUrl, fetchedAt }).items[0]?.url).toBe('https://w.example/feeds/story/1');
    }
  });

  it('prefers FeedBurner origLink over the redirector link', () => {
    const parsed = parseFeed(
      rss('<item xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><title>A</title><link>http://feedproxy.google.com/~r/x/1</link><feedburner:origLink>https://real.example/1?utm_source=feedburner</feedburner:origLink></item>'),
      { fetchedAt },
    );
    expect(parsed.items[0]?.url).toBe('https://real.example/1?utm_source=feedburner');
    expect(parsed.items[0]?.canonicalUrl).toBe('https://real.example/1');
  });
});

describe('parseFeed content', () => {
  it('reads the article text of Yandex.News feeds (yandex:full-text) as content', () => {
    const parsed = parseFeed(
      '<rss version="2.0" xmlns:yandex="http://news.yandex.ru"><channel><title>T</title><item><title>A</title><link>https://y.example/1</link><yandex:full-text>Полный текст.</yandex:full-text></item></channel></rss>',
      { fetchedAt },
    );
    expect(parsed.items[0]?.content).toBe('Полный текст.');
  });

  it('reads numeric references in the 0x80–0x9F range as the windows-1252 characters authors meant', () => {
    const parsed = parseFeed(rss('<item><title>Oil &#150; gas &#147;deal&#148; &#128;5</title><link>/a</link></item>'), { fetchedAt });
    expect(parsed.items[0]?.title).toBe('Oil – gas “deal” €5');
  });
});
