import { escapeMarkup } from './escape-markup.js';
import { MAX_LISTED_REPORTS, type FeedEntry } from './story-entries.js';

/** Feed-level facts of one Atom document. */
export interface AtomFeedHead {
  /** Stable feed id (an IRI). */
  id: string;
  title: string;
  subtitle: string;
  /** Absolute URL the feed is served at (`rel="self"`), null without a base URL. */
  selfUrl: string | null;
  /** Absolute URL of the board (`rel="alternate"`), null without a base URL. */
  boardUrl: string | null;
  /** Used as the feed's `updated` when it has no entry (RFC 3339). */
  generatedAt: string;
}

/**
 * An Atom 1.0 document (RFC 4287) of story entries: every required element (feed and entry
 * `id`, `title`, `updated`, an `author`), RFC 3339 dates, absolute links, HTML content escaped
 * once as `type="html"` requires. The feed's `updated` is its newest entry's.
 */
export function renderAtom(head: AtomFeedHead, entries: FeedEntry[]): string {
  const updated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), '') || head.generatedAt;
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'];
  out.push(`  <id>${escapeMarkup(head.id)}</id>\n  <title type="text">${escapeMarkup(head.title)}</title>\n`);
  out.push(`  <subtitle type="text">${escapeMarkup(head.subtitle)}</subtitle>\n  <updated>${updated}</updated>\n`);
  out.push('  <author><name>wiredesk</name></author>\n  <generator>wiredesk</generator>\n');
  if (head.selfUrl !== null) out.push(`  <link rel="self" type="application/atom+xml" href="${escapeMarkup(head.selfUrl)}"/>\n`);
  if (head.boardUrl !== null) out.push(`  <link rel="alternate" type="text/html" href="${escapeMarkup(head.boardUrl)}"/>\n`);
  for (const entry of entries) out.push(renderEntry(entry));
  out.push('</feed>\n');
  return out.join('');
}

function renderEntry(e: FeedEntry): string {
  const out: string[] = [`  <entry${e.language === null ? '' : ` xml:lang="${escapeMarkup(e.language)}"`}>\n`];
  out.push(`    <id>${escapeMarkup(e.id)}</id>\n    <title type="text">${escapeMarkup(e.title)}</title>\n`);
  out.push(`    <published>${e.published}</published>\n    <updated>${e.updated}</updated>\n`);
  const authors = e.authors.length > 0 ? e.authors : ['wiredesk'];
  for (const name of authors) out.push(`    <author><name>${escapeMarkup(name)}</name></author>\n`);
  if (e.link !== null) out.push(`    <link rel="alternate" type="text/html" href="${escapeMarkup(e.link)}"/>\n`);
  for (const r of e.reports.slice(0, MAX_LISTED_REPORTS)) {
    if (r.url !== null && r.url !== e.link) out.push(`    <link rel="related" type="text/html" href="${escapeMarkup(r.url)}" title="${escapeMarkup(`${r.agency}: ${r.title}`)}"/>\n`);
  }
  for (const lang of e.languages) out.push(`    <category term="${escapeMarkup(lang)}" label="language"/>\n`);
  if (e.summary !== null) out.push(`    <summary type="text">${escapeMarkup(e.summary)}</summary>\n`);
  out.push(`    <content type="html">${escapeMarkup(e.contentHtml)}</content>\n  </entry>\n`);
  return out.join('');
}
