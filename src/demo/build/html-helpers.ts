import type { SourceArticle, SourceBlock } from './source-article.js';

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The served base URL of an agency; the server swaps the placeholder for `http://127.0.0.1:PORT`. */
export function base(agency: string): string {
  return `{{BASE:${agency}}}`;
}

/** Absolute URL of an article on its own agency's host. */
export function articleUrl(article: SourceArticle): string {
  return `${base(article.agency)}${article.path}`;
}

/** Absolute URL of an image file under the agency's `/images/` folder. */
export function imageUrl(agency: string, file: string): string {
  return `${base(agency)}/images/${file}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Local wall-clock parts of an ISO string with offset, read as written (not converted). */
export function localParts(iso: string): { year: number; month: number; day: number; hour: string; minute: string; monthName: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) throw new Error(`bad date ${iso}`);
  const month = Number(m[2]);
  return { year: Number(m[1]), month, day: Number(m[3]), hour: m[4] ?? '00', minute: m[5] ?? '00', monthName: MONTHS[month - 1] ?? '' };
}

/** Options for turning body blocks into HTML. */
export interface BlockHtmlOptions {
  figure: (block: Extract<SourceBlock, { kind: 'figure' }>) => string;
  heading: (text: string) => string;
  /** Inserted after each paragraph except the last (Rasa's `<p>&nbsp;</p>` spacers). */
  spacer?: string;
  /** Extra HTML spliced in after paragraph N (an inline "read also" box). */
  insertAfter?: { index: number; html: string };
  dateline?: (text: string) => string;
}

/** Renders an article's body blocks; paragraphs are `<p>` so extractors see the real split. */
export function blocksToHtml(article: SourceArticle, opts: BlockHtmlOptions): string {
  const out: string[] = [];
  let paragraphs = 0;
  const total = article.blocks.filter((b) => b.kind === 'p').length;
  for (const block of article.blocks) {
    if (block.kind === 'figure') out.push(opts.figure(block));
    else if (block.kind === 'h') out.push(opts.heading(esc(block.text)));
    else {
      let inner = esc(block.text);
      if (paragraphs === 0 && article.dateline) inner = `${opts.dateline ? opts.dateline(esc(article.dateline)) : esc(article.dateline)} ${inner}`;
      out.push(`<p>${inner}</p>`);
      paragraphs++;
      if (opts.spacer && paragraphs < total) out.push(opts.spacer);
      if (opts.insertAfter && opts.insertAfter.index === paragraphs) out.push(opts.insertAfter.html);
    }
  }
  return out.join('\n');
}
