import { createHash } from 'node:crypto';
import type { StoryFeedOptions } from './board-types.js';
import { escapeMarkup } from './escape-markup.js';
import { formatUtc, toRfc3339 } from './format-time.js';
import { storyAnchor } from './render-story.js';
import { flattenReports, type ReportView, type StoryView } from './story-view.js';

/** Reports listed in an entry's content (and as Atom related links); a story past it points to the board for the rest. */
export const MAX_LISTED_REPORTS = 50;

/** One story as a feed entry, shared by the Atom and the JSON feed. */
export interface FeedEntry {
  /** Stable entry id: `urn:wiredesk:story:<storyId>`. */
  id: string;
  storyId: string;
  title: string;
  /** Language of the entry when all its reports share one, else null. */
  language: string | null;
  direction: 'ltr' | 'rtl' | null;
  /** The story on the board (with a base URL), else its first original report; null only when no report has a usable URL. */
  link: string | null;
  /** First seen (RFC 3339). */
  published: string;
  /** Moves only when the entry's content changed (RFC 3339). */
  updated: string;
  /** The agencies that carried it. */
  authors: string[];
  languages: string[];
  reports: ReportView[];
  summary: string | null;
  contentHtml: string;
  /** Hash of what a reader sees; a change moves `updated`. */
  digest: string;
  /** Stories this one took in, with their last known titles. */
  merged: { storyId: string; at: string; title: string | null }[];
}

/** What the previous publish said about a story (read back from its JSON feed). */
export interface PreviousEntry {
  digest: string;
  updated: string;
  title: string;
}

/** Stable entry id of a story. */
export function entryId(storyId: string): string {
  return `urn:wiredesk:story:${storyId}`;
}

/**
 * Builds the entries of the stories, most recently updated first, at most `maxEntries`.
 * `updated` is the story's last growth or merge; when the content changed without either (a
 * split took reports away) it is the publish time, so readers see the change. An unchanged entry
 * keeps the stamp it had. A story that took others in names them, by their last known title.
 */
export function buildFeedEntries(stories: StoryView[], options: StoryFeedOptions, previous: PreviousFeed): FeedEntry[] {
  const entries = stories.map((story) => entryOf(story, options, previous));
  entries.sort((a, b) => b.updated.localeCompare(a.updated) || a.storyId.localeCompare(b.storyId));
  return entries.slice(0, options.maxEntries ?? 200);
}

/** The previous publish's entries and the titles it knew of stories since merged away. */
export interface PreviousFeed {
  entries: Map<string, PreviousEntry>;
  titles: Map<string, string>;
}

/**
 * Reads back the JSON feed this module wrote last time (its `_wiredesk` item extension). Anything
 * unreadable counts as no previous feed: the stamps then start again from the story records.
 */
export function readPreviousFeed(json: string | null | undefined): PreviousFeed {
  const previous: PreviousFeed = { entries: new Map(), titles: new Map() };
  if (typeof json !== 'string' || json === '') return previous;
  let feed: unknown;
  try {
    feed = JSON.parse(json);
  } catch {
    return previous;
  }
  const items = (feed as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return previous;
  for (const item of items as Record<string, unknown>[]) {
    const ext = item?.['_wiredesk'] as { story?: unknown; digest?: unknown; merged?: unknown } | undefined;
    const title = item?.['title'];
    const updated = item?.['date_modified'];
    if (typeof ext?.story !== 'string' || typeof ext.digest !== 'string' || typeof title !== 'string' || typeof updated !== 'string') continue;
    previous.entries.set(ext.story, { digest: ext.digest, updated, title });
    previous.titles.set(ext.story, title);
    if (Array.isArray(ext.merged)) {
      for (const m of ext.merged as { storyId?: unknown; title?: unknown }[]) {
        if (typeof m?.storyId === 'string' && typeof m.title === 'string' && !previous.titles.has(m.storyId)) previous.titles.set(m.storyId, m.title);
      }
    }
  }
  return previous;
}

function entryOf(story: StoryView, options: StoryFeedOptions, previous: PreviousFeed): FeedEntry {
  const reports = flattenReports(story);
  const boardLink = options.baseUrl === null ? null : `${new URL('board/', options.baseUrl).href}#${encodeURIComponent(storyAnchor(story.id))}`;
  const link = boardLink ?? story.reports.find((r) => r.url !== null)?.url ?? reports.find((r) => r.url !== null)?.url ?? null;
  const merged = story.merged.map((m) => ({ storyId: m.storyId, at: toRfc3339(m.at, options.generatedAt), title: previous.titles.get(m.storyId) ?? null }));
  const first = story.reports[0] ?? reports[0] ?? null;
  const summary = first === null ? null : first.summary ?? firstParagraph(first.text);
  const contentHtml = renderContent(story, merged, summary, first, boardLink);
  const digest = createHash('sha256').update(JSON.stringify([story.title, link, contentHtml])).digest('hex').slice(0, 32);
  const base = [toRfc3339(story.lastSeenAt, options.generatedAt), ...merged.map((m) => m.at)].sort().at(-1) as string;
  const before = previous.entries.get(story.id);
  let updated = base;
  if (before !== undefined && before.digest === digest) updated = base > before.updated ? base : toRfc3339(before.updated, options.generatedAt);
  else if (before !== undefined) updated = [base, options.generatedAt.toISOString()].sort().at(-1) as string;
  return {
    id: entryId(story.id),
    storyId: story.id,
    title: story.title,
    language: story.languages.length === 1 ? (story.languages[0] ?? null) : null,
    direction: story.direction,
    link,
    published: toRfc3339(story.firstSeenAt, options.generatedAt),
    updated,
    authors: story.sources,
    languages: story.languages,
    reports,
    summary,
    contentHtml,
    digest,
    merged,
  };
}

// The entry body a reader shows: the lead of the first report, then every report with its agency
// and link (copies under their original), the stories it took in, and a link to the board.
function renderContent(story: StoryView, merged: FeedEntry['merged'], summary: string | null, first: ReportView | null, boardLink: string | null): string {
  const out: string[] = [];
  if (summary !== null && first !== null) out.push(`<p${dirAttr(first.direction)}>${escapeMarkup(summary)}</p>`);
  const count = `${story.reportCount} report${story.reportCount === 1 ? '' : 's'}`;
  out.push(`<p><b>${count}</b> from <b>${story.sources.map(escapeMarkup).join(', ')}</b>; first seen ${formatUtc(story.firstSeenAt)}, last seen ${formatUtc(story.lastSeenAt)}${story.expiresAt === null ? '' : `, open until ${formatUtc(story.expiresAt)}`}.</p>`);
  out.push('<ul>');
  let listed = 0;
  for (const report of story.reports) {
    if (listed >= MAX_LISTED_REPORTS) break;
    const copies = report.copies.slice(0, Math.max(0, MAX_LISTED_REPORTS - listed - 1));
    listed += 1 + copies.length;
    out.push(`<li>${reportLine(report)}`);
    if (copies.length > 0) out.push(`<ul>${copies.map((c) => `<li>copy: ${reportLine(c)}</li>`).join('')}</ul>`);
    out.push('</li>');
  }
  out.push('</ul>');
  const unlisted = story.reportCount - story.missing - listed;
  if (unlisted > 0) out.push(`<p>… and ${unlisted} more report${unlisted === 1 ? '' : 's'}${boardLink === null ? '' : ' on the board'}.</p>`);
  if (story.missing > 0) out.push(`<p>${story.missing} more report${story.missing === 1 ? ' is' : 's are'} no longer available.</p>`);
  for (const m of merged) {
    const name = m.title === null ? `story ${escapeMarkup(m.storyId)}` : `“${escapeMarkup(m.title)}” (story ${escapeMarkup(m.storyId)})`;
    out.push(`<p>This story took in ${name} on ${formatUtc(m.at)}; that story's entry ends here.</p>`);
  }
  if (boardLink !== null) out.push(`<p><a href="${escapeMarkup(boardLink)}">The story on the board</a></p>`);
  return out.join('');
}

function reportLine(r: ReportView): string {
  const title = r.direction === 'rtl' ? `<span dir="rtl">${escapeMarkup(r.title)}</span>` : escapeMarkup(r.title);
  const linked = r.url === null ? title : `<a href="${escapeMarkup(r.url)}">${title}</a>`;
  return `${linked} (${escapeMarkup(r.agency)}, ${formatUtc(r.at)})`;
}

function dirAttr(direction: 'ltr' | 'rtl' | null): string {
  return direction === 'rtl' ? ' dir="rtl"' : '';
}

function firstParagraph(text: string): string | null {
  const p = text.split(/\n\s*\n/)[0]?.trim() ?? '';
  if (p === '') return null;
  return p.length > 400 ? `${p.slice(0, 399).trimEnd()}…` : p;
}
