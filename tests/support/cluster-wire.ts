import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seeded-random.js';

/** Options of `startClusterWire`. */
export interface ClusterWireOptions {
  /** Hosts 127.0.<block>.1 … (each its own server and port). */
  hosts: number;
  feedsPerHost: number;
  articlesPerFeed: number;
  /** Third octet of the hosts' addresses (tests running at once use different blocks). */
  block?: number;
  seed?: number;
  /** Delay of every response (ms). */
  delayMs?: number;
  /** Hosts (by index) whose first article request is answered 429 with this Retry-After (seconds). */
  retryAfter?: { hosts: number[]; seconds: number };
  /** Paragraphs per article (default 4). */
  paragraphs?: number;
  /** Stories to draw from: every article reports one of them (default: articles / 3). */
  stories?: number;
}

/** One request a wire server answered. */
export interface WireRequest {
  host: string;
  path: string;
  /** Absolute ms (performance.timeOrigin + now) when the request arrived. */
  at: number;
  status: number;
}

/** A running wire. */
export interface ClusterWire {
  /** Feed URLs with a name each, in host-major order. */
  feeds: { name: string; url: string }[];
  /** host:port of each server. */
  hosts: string[];
  requests: WireRequest[];
  articleCount: number;
  /** Arms the 429 of `retryAfter` hosts again (each refuses its next article request once). */
  rearm(): void;
  close(): Promise<void>;
}

/**
 * A loopback news wire of many hosts for cluster tests and the cluster bench: each host serves a
 * robots.txt, several RSS feeds and their article pages. Articles report a fixed set of stories
 * (vocabularies drawn from a seed, so different stories share no content words) and a few are
 * verbatim copies of an article of another host, so grouping has copies and stories to find. Every
 * request is logged with its arrival time, so a test can check the gap between two requests to
 * one host whichever worker made them.
 */
export async function startClusterWire(options: ClusterWireOptions): Promise<ClusterWire> {
  const random = seededRandom(options.seed ?? 12);
  const block = options.block ?? 20;
  const total = options.hosts * options.feedsPerHost * options.articlesPerFeed;
  const storyCount = Math.max(1, options.stories ?? Math.ceil(total / 3));
  const stories = Array.from({ length: storyCount }, (_, s) => makeStory(random, s));
  const requests: WireRequest[] = [];
  const servers: Server[] = [];
  const hosts: string[] = [];
  const feeds: { name: string; url: string }[] = [];
  const refused = new Set<number>();
  const base = Date.parse('2026-03-02T06:00:00Z');
  const bodies = new Map<string, { title: string; text: string[]; publishedAt: string }>();
  let n = 0;
  for (let h = 0; h < options.hosts; h++) {
    for (let f = 0; f < options.feedsPerHost; f++) {
      for (let a = 0; a < options.articlesPerFeed; a++) {
        const story = stories[Math.floor(random() * storyCount)]!;
        const publishedAt = new Date(base + n * 60_000).toISOString();
        // One article in ten is a verbatim copy of an earlier one with its own headline.
        const earlier = [...bodies.values()];
        const copyOf = n > 10 && random() < 0.1 ? earlier[Math.floor(random() * earlier.length)] : undefined;
        const text = copyOf?.text ?? writeArticle(random, story, options.paragraphs ?? 4);
        bodies.set(`${h}/${f}/${a}`, { title: `${copyOf ? 'Wire copy: ' : ''}${story.headline} (${h}.${f}.${a})`, text, publishedAt });
        n++;
      }
    }
  }
  for (let h = 0; h < options.hosts; h++) {
    const address = `127.0.${block}.${h + 1}`;
    const server = createServer((req, res) => {
      const at = performance.timeOrigin + performance.now();
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const answer = (status: number, type: string, body: string, headers: Record<string, string> = {}): void => {
        requests.push({ host: hostKey, path, at, status });
        const send = (): void => void res.writeHead(status, { 'content-type': type, ...headers }).end(body);
        if (options.delayMs) setTimeout(send, options.delayMs);
        else send();
      };
      if (path === '/robots.txt') return answer(200, 'text/plain', 'User-agent: *\nDisallow: /private/\n');
      const feed = /^\/feed\/(\d+)\.xml$/.exec(path);
      if (feed) {
        const f = Number(feed[1]);
        const items = Array.from({ length: options.articlesPerFeed }, (_, a) => {
          const body = bodies.get(`${h}/${f}/${a}`)!;
          return `<item><title>${body.title}</title><link>http://${hostKey}/a/${f}/${a}.html</link><guid>http://${hostKey}/a/${f}/${a}</guid><pubDate>${new Date(body.publishedAt).toUTCString()}</pubDate><description>${body.text[0]!.slice(0, 120)}</description></item>`;
        }).join('');
        return answer(200, 'application/rss+xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>Host ${h} feed ${f}</title><link>http://${hostKey}/</link>${items}</channel></rss>`);
      }
      const article = /^\/a\/(\d+)\/(\d+)\.html$/.exec(path);
      const body = article ? bodies.get(`${h}/${article[1]}/${article[2]}`) : undefined;
      if (body === undefined) return answer(404, 'text/plain', 'not found');
      if (options.retryAfter?.hosts.includes(h) && !refused.has(h)) {
        refused.add(h);
        return answer(429, 'text/plain', 'slow down', { 'retry-after': String(options.retryAfter.seconds) });
      }
      const paragraphs = body.text.map((p) => `<p>${p}</p>`).join('\n');
      return answer(
        200,
        'text/html; charset=utf-8',
        `<!doctype html><html lang="en"><head><title>${body.title}</title><meta property="article:published_time" content="${body.publishedAt}"></head><body><nav><a href="/">Home</a></nav><article><h1>${body.title}</h1>${paragraphs}</article><footer>© Host ${h}</footer></body></html>`,
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, () => resolve());
    });
    const hostKey = `${address}:${(server.address() as AddressInfo).port}`;
    servers.push(server);
    hosts.push(hostKey);
    for (let f = 0; f < options.feedsPerHost; f++) feeds.push({ name: `host${h}-feed${f}`, url: `http://${hostKey}/feed/${f}.xml` });
  }
  return {
    feeds,
    hosts,
    requests,
    articleCount: total,
    rearm: () => refused.clear(),
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

/** The smallest gap between two requests to one host, per host (ms), over requests that arrived after `from`. */
export function smallestGaps(requests: readonly WireRequest[]): Map<string, { gapMs: number; at: number; paths: [string, string] }> {
  const byHost = new Map<string, WireRequest[]>();
  for (const r of requests) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r]);
  const out = new Map<string, { gapMs: number; at: number; paths: [string, string] }>();
  for (const [host, list] of byHost) {
    const sorted = [...list].sort((a, b) => a.at - b.at);
    for (let i = 1; i < sorted.length; i++) {
      const gap = sorted[i]!.at - sorted[i - 1]!.at;
      const best = out.get(host);
      if (best === undefined || gap < best.gapMs) out.set(host, { gapMs: gap, at: sorted[i]!.at, paths: [sorted[i - 1]!.path, sorted[i]!.path] });
    }
  }
  return out;
}

interface Story {
  headline: string;
  words: string[];
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vos', 'dul', 'pra', 'sen', 'tor', 'bel', 'kin', 'mar', 'nes', 'qui', 'zan', 'hal', 'dor', 'fex', 'gul'];
const GLUE = ['the', 'of', 'in', 'and', 'to', 'a', 'on', 'said', 'after', 'with'];

function makeStory(random: () => number, s: number): Story {
  // Content words of their own (the story number is spelled into each), so stories never share them.
  const words = Array.from({ length: 40 }, (_, i) => {
    let w = '';
    const len = 2 + Math.floor(random() * 2);
    for (let k = 0; k < len; k++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return `${w}${String.fromCharCode(97 + (s % 26))}${String.fromCharCode(97 + (Math.floor(s / 26) % 26))}${i % 5 === 0 ? 'o' : ''}`;
  });
  return { headline: `${cap(words[0]!)} ${words[1]} ${words[2]} ${words[3]}`, words };
}

function writeArticle(random: () => number, story: Story, paragraphs: number): string[] {
  return Array.from({ length: paragraphs }, () => {
    const sentence = (): string => {
      const len = 9 + Math.floor(random() * 6);
      const out: string[] = [];
      for (let i = 0; i < len; i++) out.push(i % 3 === 2 ? GLUE[Math.floor(random() * GLUE.length)]! : story.words[Math.floor(random() * story.words.length)]!);
      return cap(out.join(' ')) + '.';
    };
    return Array.from({ length: 4 }, sentence).join(' ');
  });
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
