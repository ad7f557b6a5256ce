import { escapeMarkup } from './escape-markup.js';
import { formatUtc } from './format-time.js';
import { renderTimeline } from './render-timeline.js';
import { flattenReports, type ReportView, type StoryView } from './story-view.js';

/**
 * One story of the board as an `<article>`: title, agencies and report count, first and last
 * seen, then (inside a `<noscript>`) the timeline and its reports, each a `<details>` whose text
 * the page's script loads from its chunk (`chunkOf`: article id → chunk number) when it is
 * opened; copies folded under their original and labelled as copies.
 *
 * Why `<noscript>`: with scripting on, the HTML parser keeps its content as one raw text node, so
 * the ~12,700 reports of a 5,000-story window cost a text scan instead of a hundred thousand DOM
 * nodes; the page script turns a story's block into elements when it nears the viewport. With
 * scripting off, the parser builds it as ordinary HTML: every story and report is listed, with a
 * link to the original (texts need the script). Nothing inside can end the block early: all text
 * is escaped, so no `</noscript` can appear.
 * `data-lang`, `data-src` (source numbers) and `data-q` (report titles) are what the filter reads.
 */
export function renderStory(story: StoryView, sourceIndex: ReadonlyMap<string, number>, chunkOf: ReadonlyMap<string, number>): string {
  const srcNumbers = story.sources.map((s) => sourceIndex.get(s)).filter((n) => n !== undefined);
  const anchor = storyAnchor(story.id);
  const otherTitles = [...new Set(flattenReports(story).map((r) => r.title))].filter((t) => t !== story.title);
  const out: string[] = [];
  out.push(`<article class="story" id="${escapeMarkup(anchor)}" data-lang="${escapeMarkup(story.languages.join(' '))}" data-src="${srcNumbers.join(' ')}" data-q="${escapeMarkup(otherTitles.join(' \u00b7 '))}">`);
  out.push(`<h2${dirLang(story.direction, story.language)}><a class="st" href="#${escapeMarkup(anchor)}">${escapeMarkup(story.title)}</a></h2>`);
  const count = `${story.reportCount} report${story.reportCount === 1 ? '' : 's'}`;
  out.push(`<p class="meta"><span class="count">${count}</span> · <span class="agencies">${story.sources.map(escapeMarkup).join(', ')}</span>`);
  if (story.languages.length > 0) out.push(` · <span class="langs">${story.languages.map(escapeMarkup).join(' ')}</span>`);
  out.push('</p>');
  out.push(`<p class="seen">first seen ${timeTag(story.firstSeenAt)} · last seen ${timeTag(story.lastSeenAt)}${story.expiresAt === null ? '' : ` · open until ${timeTag(story.expiresAt)}`}</p>`);
  out.push('<noscript>', renderTimeline(story), '<ol class="reports">');
  for (const report of story.reports) {
    out.push('<li>', renderReport(report, chunkOf));
    if (report.copies.length > 0) {
      const agencies = [...new Set(report.copies.map((c) => c.agency))].map(escapeMarkup).join(', ');
      out.push(`<details class="copies"><summary>${report.copies.length} cop${report.copies.length === 1 ? 'y' : 'ies'} of this report: ${agencies}</summary><ol>`);
      for (const copy of report.copies) out.push('<li>', renderReport(copy, chunkOf), '</li>');
      out.push('</ol></details>');
    }
    out.push('</li>');
  }
  out.push('</ol>');
  if (story.missing > 0) out.push(`<p class="note">${story.missing} more report${story.missing === 1 ? ' is' : 's are'} no longer available (pruned).</p>`);
  if (story.merged.length > 0) {
    const ids = story.merged.map((m) => `<code>${escapeMarkup(m.storyId)}</code> (${escapeMarkup(formatUtc(m.at))})`).join(', ');
    out.push(`<p class="note">Took in ${story.merged.length === 1 ? 'story' : 'stories'} ${ids}.</p>`);
  }
  out.push('</noscript></article>\n');
  return out.join('');
}

/** The element id of a story on the board (`#story-<id>` links to it from the feeds). */
export function storyAnchor(storyId: string): string {
  return `story-${storyId}`;
}

function renderReport(report: ReportView, chunkOf: ReadonlyMap<string, number>): string {
  const isCopy = report.copyOf !== null;
  const out: string[] = [];
  out.push(`<details class="report${isCopy ? ' copy' : ''}"><summary>`);
  if (isCopy) out.push('<span class="label">copy</span> ');
  out.push(`<span class="agency">${escapeMarkup(report.agency)}</span> <span class="rt"${dirLang(report.direction, report.language)}>${escapeMarkup(report.title)}</span> ${timeTag(report.at)}`);
  // The text is not in the page: `data-a` (article id) and `data-t` (chunk number) say where it is.
  const chunk = chunkOf.get(report.id);
  const where = chunk === undefined ? '' : ` data-a="${escapeMarkup(report.id)}" data-t="${chunk}"`;
  out.push(`</summary><div class="body"${dirLang(report.direction, report.language)}${where}>`);
  if (chunk === undefined) out.push('<p class="note">No text was extracted.</p>');
  out.push('</div>');
  if (report.url !== null) out.push(`<p class="src"><a href="${escapeMarkup(report.url)}" rel="noopener noreferrer">original report at ${escapeMarkup(hostOf(report.url))}</a></p>`);
  out.push('</details>');
  return out.join('');
}

function timeTag(iso: string): string {
  const shown = formatUtc(iso);
  return shown === '' ? '' : `<time datetime="${escapeMarkup(iso)}">${shown}</time>`;
}

// Each record says its direction; a record that does not gets `dir=auto` (the browser guesses from the first strong character).
function dirLang(direction: 'ltr' | 'rtl' | null, language: string | null): string {
  return ` dir="${direction ?? 'auto'}"${language === null ? '' : ` lang="${escapeMarkup(language)}"`}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
