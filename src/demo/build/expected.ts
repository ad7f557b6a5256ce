import type { SourceArticle } from './source-article.js';
import type { AgencyTemplate } from './templates/agency-template.js';

/** One article as `expected.json` lists it. */
export interface ExpectedArticle {
  agency: string;
  /** URL path on the agency host (feed links may add tracking parameters). */
  path: string;
  title: string;
  publishedAt: string;
  /** Phrases of the body an extractor must keep: its opening (dateline included), middle and last words. */
  textIncludes: string[];
  /** Photo captions on the page: not body text (FACTS: captions hurt extraction F1). */
  captions: string[];
}

/** The shape of `fixtures/demo-wire/expected.json`. */
export interface DemoExpected {
  sources: { name: string; feedPath: string; format: 'rss2.0' | 'atom1.0' }[];
  articles: Record<string, ExpectedArticle>;
  /** A partition of every article key: each inner list is one story group. */
  groups: string[][];
  /** Verbatim copy → the original it copies (both sit in the same group). */
  duplicates: Record<string, string>;
  /** Chrome strings of the seed agency that must not appear in any stored text. */
  boilerplate: string[];
  /** Chrome of the other agencies; a good extractor drops these too. */
  otherChrome: string[];
}

/** Seed-story groups: the two Mosul reports of 8–9 March 2017 tell one event. */
const SAME_EVENT: string[][] = [['rasa/baghdadi-flees-mosul', 'gulfwire/pentagon-baghdadi-left-mosul']];

/** Derives expected.json from the sources so it cannot drift from the pages. */
export function buildExpected(articles: SourceArticle[], templates: readonly AgencyTemplate[]): DemoExpected {
  const sorted = [...articles].sort((a, b) => a.key.localeCompare(b.key));
  const grouped = new Set(SAME_EVENT.flat());
  const groups: string[][] = [...SAME_EVENT];
  const duplicates: Record<string, string> = {};
  for (const a of sorted) {
    if (a.copyOf) {
      duplicates[a.key] = a.copyOf;
      groups.push([a.copyOf, a.key]);
      grouped.add(a.copyOf).add(a.key);
    }
  }
  for (const a of sorted) if (!grouped.has(a.key)) groups.push([a.key]);
  return {
    sources: templates.map((t) => ({ name: t.agency, feedPath: t.feedPath, format: t.feedContentType.includes('atom') ? 'atom1.0' : 'rss2.0' })),
    articles: Object.fromEntries(sorted.map((a) => [a.key, describe(a)])),
    groups,
    duplicates,
    boilerplate: ['Service :', 'News ID', '847/940', 'Send comment', 'Please type in your comments', 'The comments that contain insults', 'Related news', 'Subscribe to receive'],
    otherChrome: [
      'We use cookies',
      'Read also:',
      'Views: 1,204',
      'The Gulf Wire Briefing',
      'Your email address will not be published',
      'Leave a Reply',
      'Share this:',
      'Our Standards: The Meridian Editorial Principles',
      'Sign up for our free daily newsletter',
      'Read Next',
      'From our partners',
      'Trending Stories',
      'More from Gulf Wire',
      'Recent Posts',
    ],
  };
}

function describe(a: SourceArticle): ExpectedArticle {
  const paras = a.blocks.filter((b) => b.kind === 'p').map((b) => b.text);
  const first = `${a.dateline ? `${a.dateline} ` : ''}${paras[0] ?? ''}`;
  const middle = paras[Math.floor(paras.length / 2)] ?? '';
  const last = paras[paras.length - 1] ?? '';
  const captions = a.blocks.flatMap((b) => (b.kind === 'figure' ? [b.caption] : []));
  return {
    agency: a.agency,
    path: a.path,
    title: a.title,
    publishedAt: new Date(a.published).toISOString(),
    textIncludes: [first.split(' ').slice(0, 8).join(' '), middle.split(' ').slice(2, 10).join(' '), last.split(' ').slice(-8).join(' ')],
    captions,
  };
}
