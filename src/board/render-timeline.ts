import { escapeMarkup } from './escape-markup.js';
import { formatUtc } from './format-time.js';
import { flattenReports, type StoryView } from './story-view.js';

const WIDTH = 260;
const LABEL_WIDTH = 84;
const PLOT_LEFT = LABEL_WIDTH + 6;
const PLOT_RIGHT = WIDTH - 8;
const ROW = 14;
const MAX_LABEL = 13;
/** More agencies than this share one last row ("+N more"), so a story of 60 agencies stays small. */
const MAX_ROWS = 8;
/** Colour-blind-safe palette (Okabe–Ito), by row, so the agencies of one story never share a colour. */
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7a6500', '#444444'];

/**
 * A small inline SVG of when each agency reported the story: one row per agency, a dot per
 * report on a shared time axis from the story's first to its last report (copies hollow). Each
 * dot has a tooltip with the agency, the time and whether it is a copy. All text is escaped.
 */
export function renderTimeline(story: StoryView): string {
  const reports = flattenReports(story).filter((r) => r.at !== '');
  if (reports.length === 0) return '';
  const agencies = agencyRows(story, reports.map((r) => r.agency));
  const times = reports.map((r) => Date.parse(r.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (t: number): number => (t1 === t0 ? (PLOT_LEFT + PLOT_RIGHT) / 2 : PLOT_LEFT + ((t - t0) / (t1 - t0)) * (PLOT_RIGHT - PLOT_LEFT));
  const axisY = agencies.rows.length * ROW + 4;
  const height = axisY + 12;
  const parts: string[] = [];
  const label = `When each agency reported, ${formatUtc(new Date(t0).toISOString())} to ${formatUtc(new Date(t1).toISOString())}`;
  parts.push(`<svg class="tl" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeMarkup(label)}">`);
  agencies.rows.forEach((name, i) => {
    const y = 2 + i * ROW + ROW / 2;
    const shown = name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
    parts.push(`<text x="0" y="${y + 3.5}">${escapeMarkup(shown)}</text><line x1="${PLOT_LEFT}" x2="${PLOT_RIGHT}" y1="${y}" y2="${y}"/>`);
  });
  // The axis: the first and the last report time under the ends of the plot.
  parts.push(`<text class="ax" x="${PLOT_LEFT}" y="${axisY + 8}">${shortTime(t0)}</text>`);
  if (t1 !== t0) parts.push(`<text class="ax" x="${PLOT_RIGHT}" y="${axisY + 8}" text-anchor="end">${shortTime(t1)}</text>`);
  for (const r of reports) {
    const row = agencies.rowOf(r.agency);
    const y = 2 + row * ROW + ROW / 2;
    const colour = PALETTE[row % PALETTE.length] ?? '#444444';
    const fill = r.copyOf === null ? colour : 'none';
    const tip = `${r.agency}: ${formatUtc(r.at)}${r.copyOf === null ? '' : ' (copy)'}`;
    parts.push(`<circle cx="${x(Date.parse(r.at)).toFixed(1)}" cy="${y}" r="4" fill="${fill}" stroke="${colour}"><title>${escapeMarkup(tip)}</title></circle>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

function agencyRows(story: StoryView, reported: string[]): { rows: string[]; rowOf(agency: string): number } {
  const names = [...new Set([...story.sources.filter((s) => reported.includes(s)), ...reported])];
  if (names.length <= MAX_ROWS) return { rows: names, rowOf: (a) => Math.max(0, names.indexOf(a)) };
  const kept = names.slice(0, MAX_ROWS - 1);
  const rows = [...kept, `+${names.length - kept.length} more`];
  return { rows, rowOf: (a) => (kept.includes(a) ? kept.indexOf(a) : MAX_ROWS - 1) };
}

// `03-08 19:44` (UTC): the full times are in each dot's tooltip and beside the timeline.
function shortTime(ms: number): string {
  return new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
}
