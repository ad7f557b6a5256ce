import { createHash } from 'node:crypto';
import { BOARD_SCRIPT } from './board-script.js';
import { BOARD_STYLE } from './board-style.js';
import type { BoardInput, BoardOptions, BoardPage } from './board-types.js';
import { escapeMarkup } from './escape-markup.js';
import { formatUtc } from './format-time.js';
import { renderStory } from './render-story.js';
import { buildStoryViews, type StoryView } from './story-view.js';
import { planTextChunks, textChunkAsset, textHourStart } from './text-chunks.js';

const DEFAULT_TITLE = 'wiredesk stories';
const DEFAULT_FEED_LINKS = { atom: '../feeds/stories.atom', json: '../feeds/stories.json' };

/**
 * The story board: an HTML page (style and script inline, no font, image or network request)
 * that opens from `file://` and from any static server, and the chunks of report texts beside it
 * (`texts/<chunk>.js`, see `planTextChunks`), which the page's script loads when a reader opens a
 * report. The texts are kept out of the page because the page is rewritten after every run and
 * texts never change: in the page, each run wrote every text of the window again.
 * Stories last seen in the window, biggest and newest first. Every text from a feed or a page is
 * escaped, and the Content-Security-Policy allows only the page's own script and style (by hash),
 * the scripts that script adds (the chunks), and no images, so even a text that slipped through
 * could not run or load anything. Pure.
 */
export function renderBoard(input: BoardInput, options: BoardOptions): BoardPage {
  // The texts cover the stories from the start of the window's first hour (see planTextChunks); the page, those of the window.
  const withHour = buildStoryViews(input, new Date(textHourStart(options.since)));
  const texts = planTextChunks(withHour, options.since, options.existingAssets ?? []);
  const cutoff = options.since.toISOString();
  const stories = withHour.filter((s) => s.lastSeenAt >= cutoff);
  const title = options.title ?? DEFAULT_TITLE;
  const feeds = options.feedLinks === undefined ? DEFAULT_FEED_LINKS : options.feedLinks;
  const sourceIndex = indexSources(stories);
  const out: string[] = [];
  out.push('<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n');
  out.push(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">\n`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="referrer" content="no-referrer">\n');
  out.push(`<meta name="generator" content="wiredesk">\n<title>${escapeMarkup(title)}</title>\n`);
  if (feeds !== null) {
    out.push(`<link rel="alternate" type="application/atom+xml" title="${escapeMarkup(title)} (Atom)" href="${escapeMarkup(feeds.atom)}">\n`);
    out.push(`<link rel="alternate" type="application/feed+json" title="${escapeMarkup(title)} (JSON Feed)" href="${escapeMarkup(feeds.json)}">\n`);
  }
  out.push(`<style>${BOARD_STYLE}</style>\n</head>\n<body>\n`);
  out.push(`<div class="top"><h1>${escapeMarkup(title)}</h1><p>${stories.length} ${stories.length === 1 ? 'story' : 'stories'} seen since ${formatUtc(options.since.toISOString())}; made ${formatUtc(options.generatedAt.toISOString())}.`);
  if (feeds !== null) out.push(` Subscribe: <a href="${escapeMarkup(feeds.atom)}">Atom</a> · <a href="${escapeMarkup(feeds.json)}">JSON Feed</a>`);
  out.push('</p></div>\n');
  out.push(renderFilters(stories, sourceIndex));
  out.push('<noscript><p class="top">The filter and the report texts need JavaScript; every story and report is listed below, with links to the originals.</p></noscript>\n<main>\n');
  if (stories.length === 0) out.push(`<p class="empty">No stories seen since ${formatUtc(options.since.toISOString())}.</p>\n`);
  // The chunk names the reports refer to by number (`data-t`); names are [a-z0-9-] only.
  out.push(`<div id="stories" data-texts="${escapeMarkup(texts.chunks.join(' '))}">\n`);
  for (const story of stories) out.push(renderStory(story, sourceIndex, texts.chunkOf));
  out.push('</div>\n<button type="button" id="more" class="more" hidden></button>\n</main>\n');
  out.push(`<script>${BOARD_SCRIPT}</script>\n</body>\n</html>\n`);
  return { html: out.join(''), texts: texts.files, assets: texts.chunks.map(textChunkAsset), stories: stories.length };
}

/**
 * The page's CSP: its own style and script by hash, nothing else (no images, frames, fetches or
 * forms). `'strict-dynamic'` lets the scripts that the hashed script adds run (the text chunks,
 * under `file://` too, where no host or `'self'` source would match reliably); parser-inserted
 * scripts and inline handlers stay blocked.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src '${sha256(BOARD_STYLE)}'`,
    `script-src '${sha256(BOARD_SCRIPT)}' 'strict-dynamic'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

// The filter bar is hidden until the script shows it: without JavaScript it would do nothing.
function renderFilters(stories: StoryView[], sourceIndex: ReadonlyMap<string, number>): string {
  const languages = new Map<string, number>();
  const sources = new Map<string, number>();
  for (const s of stories) {
    for (const l of s.languages) languages.set(l, (languages.get(l) ?? 0) + 1);
    for (const src of new Set(s.sources)) sources.set(src, (sources.get(src) ?? 0) + 1);
  }
  const out: string[] = ['<div class="bar"><form id="filters" class="filters" role="search" hidden>'];
  out.push('<input id="q" type="search" placeholder="Filter by title or agency…" aria-label="Filter stories by text" autocomplete="off">');
  out.push('<select id="lang" aria-label="Language"><option value="">All languages</option>');
  for (const [l, n] of [...languages].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    out.push(`<option value="${escapeMarkup(l)}">${escapeMarkup(l)} (${n})</option>`);
  }
  out.push('</select><select id="src" aria-label="Source"><option value="">All sources</option>');
  for (const [name, n] of [...sources].sort((a, b) => a[0].localeCompare(b[0]))) {
    out.push(`<option value="${sourceIndex.get(name) ?? ''}">${escapeMarkup(name)} (${n})</option>`);
  }
  out.push(`</select><output id="shown" aria-live="polite">${stories.length} of ${stories.length} stories</output></form></div>\n`);
  return out.join('');
}

// Sources are referred to by number in `data-src`, so names with spaces or quotes need no encoding there.
function indexSources(stories: StoryView[]): Map<string, number> {
  const names = [...new Set(stories.flatMap((s) => s.sources))].sort();
  return new Map(names.map((name, i) => [name, i]));
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
