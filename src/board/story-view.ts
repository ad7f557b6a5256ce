import type { ArticleRecord, StoryRecord } from '../types/index.js';
import type { BoardInput } from './board-types.js';
import { safeHttpUrl } from './escape-markup.js';

/** One report of a story as the board and the feeds show it. */
export interface ReportView {
  id: string;
  title: string;
  agency: string;
  /** The report's own page (canonical, else final, else feed URL) when it is an absolute http(s) URL. */
  url: string | null;
  /** When the agency reported it: published time, else the time it was fetched (ISO). */
  at: string;
  /** When the crawler fetched it (ISO), null when the record has no valid time: it decides which text chunk holds its text. */
  fetchedAt: string | null;
  /** Primary language subtag (`ar`, `en`), null when unknown. */
  language: string | null;
  direction: 'ltr' | 'rtl' | null;
  summary: string | null;
  text: string;
  /** Article id of the original when this report is a syndicated copy. */
  copyOf: string | null;
  /** Copies of this report (only on originals). */
  copies: ReportView[];
}

/** One story as the board and the feeds show it. */
export interface StoryView {
  id: string;
  title: string;
  /** Direction and language of the title (those of the representative report). */
  direction: 'ltr' | 'rtl' | null;
  language: string | null;
  sources: string[];
  /** Every member, copies included. */
  reportCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Until when a new report can join the story (the record's expiresAt); null in records written before it existed. */
  expiresAt: string | null;
  /** Originals in report-time order, each carrying its copies. */
  reports: ReportView[];
  /** Languages of its reports, sorted. */
  languages: string[];
  /** Members whose article could not be read (pruned or unreadable). */
  missing: number;
  merged: { storyId: string; at: string }[];
}

/**
 * Builds the views of the stories last seen at or after `since`: biggest first (most reports),
 * then most recently seen, then by id so equal stories keep one order. Records of the wrong
 * shape (a hand-edited or truncated file) are skipped rather than failing the page.
 */
export function buildStoryViews(input: BoardInput, since: Date): StoryView[] {
  const cutoff = since.toISOString();
  const views: StoryView[] = [];
  for (const story of input.stories) {
    if (!isStoryShaped(story) || story.lastSeenAt < cutoff) continue;
    views.push(viewOf(story, input.articles));
  }
  return views.sort((a, b) => b.reportCount - a.reportCount || b.lastSeenAt.localeCompare(a.lastSeenAt) || a.id.localeCompare(b.id));
}

/** Every report of a story, copies after their original, in one flat list. */
export function flattenReports(story: StoryView): ReportView[] {
  return story.reports.flatMap((r) => [r, ...r.copies]);
}

/** The primary subtag of a language tag (`en-US` → `en`), null when it is not one. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  if (typeof tag !== 'string') return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

function viewOf(story: StoryRecord, articles: ReadonlyMap<string, ArticleRecord>): StoryView {
  const members: ArticleRecord[] = [];
  for (const id of new Set(story.members)) {
    const article = articles.get(id);
    if (article !== undefined) members.push(article);
  }
  const byId = new Map(members.map((a) => [a.id, reportOf(a)]));
  const reports: ReportView[] = [];
  for (const report of byId.values()) {
    const original = report.copyOf === null ? undefined : byId.get(report.copyOf);
    // A copy whose original is not in this story (pruned, or a crash mid-move) stands on its own, still labelled a copy.
    if (original !== undefined && original.copyOf === null) original.copies.push(report);
    else reports.push(report);
  }
  const byTime = (a: ReportView, b: ReportView): number => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);
  reports.sort(byTime);
  for (const r of reports) r.copies.sort(byTime);
  const representative = articles.get(story.representative) ?? members.find((m) => m.story.duplicateOf === null) ?? null;
  const languages = [...new Set(members.map((m) => primaryLanguage(m.language)).filter((l) => l !== null))].sort();
  return {
    id: story.id,
    title: typeof story.title === 'string' && story.title !== '' ? story.title : representative?.title ?? story.id,
    direction: representative?.direction ?? null,
    language: primaryLanguage(representative?.language),
    sources: Array.isArray(story.sources) ? story.sources.filter((s) => typeof s === 'string') : [],
    reportCount: new Set(story.members).size,
    firstSeenAt: typeof story.firstSeenAt === 'string' ? story.firstSeenAt : story.lastSeenAt,
    lastSeenAt: story.lastSeenAt,
    expiresAt: typeof story.expiresAt === 'string' ? story.expiresAt : null,
    reports,
    languages,
    missing: new Set(story.members).size - members.length,
    merged: Array.isArray(story.merged) ? story.merged.filter((m) => typeof m?.storyId === 'string' && typeof m.at === 'string') : [],
  };
}

function reportOf(a: ArticleRecord): ReportView {
  const direction = a.direction === 'rtl' || a.direction === 'ltr' ? a.direction : null;
  return {
    id: a.id,
    title: typeof a.title === 'string' && a.title !== '' ? a.title : '(untitled)',
    agency: a.feed?.name ?? '',
    url: safeHttpUrl(a.canonicalUrl) ?? safeHttpUrl(a.finalUrl) ?? safeHttpUrl(a.url),
    at: validIso(a.publishedAt) ?? validIso(a.fetchedAt) ?? '',
    fetchedAt: validIso(a.fetchedAt),
    language: primaryLanguage(a.language),
    direction,
    summary: typeof a.summary === 'string' && a.summary !== '' ? a.summary : null,
    text: typeof a.text === 'string' ? a.text : '',
    copyOf: a.story?.duplicateOf ?? null,
    copies: [],
  };
}

function validIso(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function isStoryShaped(story: StoryRecord): boolean {
  return typeof story === 'object' && story !== null && typeof story.id === 'string' && Array.isArray(story.members) && typeof story.lastSeenAt === 'string';
}
