/** One block of an article body as written in `fixtures/demo-wire/source/*.md`. */
export type SourceBlock =
  | { kind: 'p'; text: string }
  | { kind: 'h'; text: string }
  | { kind: 'figure'; image: string; caption: string };

/** An article of the demo wire before it is dressed in an agency's chrome. */
export interface SourceArticle {
  /** Agency folder name (`rasa`, `gulfwire`, …). */
  agency: string;
  /** Stable key used by `expected.json` (`agency/slug`). */
  key: string;
  /** URL path on the agency's host, starting with `/`. */
  path: string;
  id: string;
  title: string;
  summary: string;
  /** ISO 8601 with the agency's local offset; templates print local time from it. */
  published: string;
  section: string;
  byline: string;
  /** Rasa's view counter ("847/940"), kept verbatim. */
  views: string | null;
  /** Dateline prepended to the first paragraph ("BAGHDAD (Meridian) —"). */
  dateline: string | null;
  /** Key of the article this one republishes verbatim. */
  copyOf: string | null;
  blocks: SourceBlock[];
}

/**
 * Parses the small front-matter format of the fixture sources: `key: value` lines, `---`,
 * then blocks separated by blank lines (`## ` subheading, `[figure] file.png | caption`).
 */
export function parseSourceArticle(text: string, fileName: string): SourceArticle {
  const sep = text.indexOf('\n---\n');
  if (sep < 0) throw new Error(`${fileName}: missing front matter separator`);
  const fields = new Map<string, string>();
  for (const line of text.slice(0, sep).split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const need = (name: string): string => {
    const value = fields.get(name);
    if (value === undefined || value === '') throw new Error(`${fileName}: missing field ${name}`);
    return value;
  };
  const blocks: SourceBlock[] = [];
  for (const chunk of text.slice(sep + 5).split(/\n\s*\n/)) {
    const line = chunk.trim().replace(/\s*\n\s*/g, ' ');
    if (line === '') continue;
    if (line.startsWith('## ')) blocks.push({ kind: 'h', text: line.slice(3) });
    else if (line.startsWith('[figure] ')) {
      const [image = '', caption = ''] = line.slice(9).split(' | ');
      blocks.push({ kind: 'figure', image: image.trim(), caption: caption.trim() });
    } else blocks.push({ kind: 'p', text: line });
  }
  const optional = (name: string): string | null => fields.get(name) || null;
  return {
    agency: need('agency'),
    key: need('key'),
    path: need('path'),
    id: need('id'),
    title: need('title'),
    summary: need('summary'),
    published: need('published'),
    section: need('section'),
    byline: fields.get('byline') ?? '',
    views: optional('views'),
    dateline: optional('dateline'),
    copyOf: optional('copyOf'),
    blocks,
  };
}
