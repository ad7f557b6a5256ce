import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Parser } from 'htmlparser2';
import { parseConfig, parseConfigJson, sourceUrlKey } from '../../config/index.js';
import { decodeBytes } from '../../encoding/index.js';
import { WiredeskError } from '../../errors/index.js';
import { writeTextAtomic } from '../../store/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { reportCommandError } from '../command-options.js';
import { readInputFile } from '../read-input-file.js';

interface ImportFlags {
  config: string;
  dryRun?: boolean;
}

/** A feed listed in an OPML file. */
export interface OpmlFeed {
  name: string;
  url: string;
}

/** What an import did. */
export interface OpmlImportResult {
  added: OpmlFeed[];
  alreadyPresent: OpmlFeed[];
  invalid: OpmlFeed[];
}

/** `wiredesk import-opml FILE`: add an OPML subscription list's feeds to the config file. */
export function registerImportOpmlCommand(ctx: CommandContext): void {
  ctx.program
    .command('import-opml')
    .description("add the feeds of an OPML file to the config (deduplicated by URL; the file is rewritten atomically)")
    .argument('<file>', 'OPML file (e.g. exported from a feed reader)')
    .option('-c, --config <file>', 'config file to add the feeds to (created when missing)', 'config/wiredesk.json')
    .option('--dry-run', 'report what would be added without writing')
    .action(async (file: string, flags: ImportFlags) => {
      ctx.setExitCode(await importCommand(ctx, file, flags));
    });
}

async function importCommand(ctx: CommandContext, file: string, flags: ImportFlags): Promise<number> {
  try {
    const { feeds, withoutUrl } = parseOpml(await readInput(file), resolve(file));
    const configPath = resolve(flags.config);
    const raw = await readRawConfig(configPath);
    const result = mergeFeeds(raw, feeds);
    // Validate the result as `run` will read it, before anything is written.
    parseConfig(raw, configPath, { env: process.env });
    if (!flags.dryRun && result.added.length > 0) await writeTextAtomic(configPath, JSON.stringify(raw, null, 2) + '\n');
    ctx.out(renderResult(result, withoutUrl, configPath, flags.dryRun === true));
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'import-opml', error);
  }
}

/** An outline that names something (a title or text) but gives no feed URL. */
export interface OpmlEntryWithoutUrl {
  name: string;
  /** The site address when the outline has one (`htmlUrl` or `url`), to help find the feed by hand. */
  htmlUrl: string | null;
}

/** What an OPML file lists. */
export interface OpmlContents {
  feeds: OpmlFeed[];
  /** Leaf outlines without `xmlUrl`: reported, never dropped silently. */
  withoutUrl: OpmlEntryWithoutUrl[];
}

/**
 * Extracts every `<outline xmlUrl=…>` at any depth (folders are flattened). The name is the
 * outline's title, else its text, else the feed's host. Leaf outlines with no `xmlUrl` are returned
 * in `withoutUrl`. Not an OPML document, or a document cut off before `</opml>` (an interrupted
 * download or copy), → CONFIG_INVALID: importing part of a list would look like success.
 */
export function parseOpml(text: string, file = 'the file'): OpmlContents {
  const feeds: OpmlFeed[] = [];
  const withoutUrl: OpmlEntryWithoutUrl[] = [];
  // One entry per open <outline>: its attributes' reading and whether it has outline children.
  const open: Array<{ url: string | null; name: string | null; htmlUrl: string | null; children: boolean }> = [];
  let isOpml = false;
  let closed = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toLowerCase();
        if (tag === 'opml') isOpml = true;
        if (tag !== 'outline') return;
        const attr = (key: string): string | null => {
          for (const [k, v] of Object.entries(attributes)) if (k.toLowerCase() === key && v.trim() !== '') return v.trim();
          return null;
        };
        const parent = open[open.length - 1];
        if (parent !== undefined) parent.children = true;
        open.push({ url: attr('xmlurl'), name: attr('title') ?? attr('text'), htmlUrl: attr('htmlurl') ?? attr('url'), children: false });
      },
      onclosetag(name, isImplied) {
        const tag = name.toLowerCase();
        if (tag === 'opml' && !isImplied) closed = true;
        if (tag !== 'outline') return;
        const outline = open.pop();
        if (outline === undefined) return;
        if (outline.url !== null) feeds.push({ url: outline.url, name: outline.name ?? hostOf(outline.url) });
        else if (!outline.children) withoutUrl.push({ name: outline.name ?? '(untitled outline)', htmlUrl: outline.htmlUrl });
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  if (!isOpml) throw new WiredeskError('CONFIG_INVALID', `import-opml: ${file} is not an OPML document (no <opml> element)`, { details: { path: file } });
  if (!closed) {
    throw new WiredeskError('CONFIG_INVALID', `import-opml: ${file} is truncated (it ends before </opml>; ${feeds.length} feed(s) read up to there); nothing was imported`, {
      details: { path: file, reason: 'truncated', feedsBeforeCut: feeds.length },
    });
  }
  return { feeds, withoutUrl };
}

/**
 * Appends the feeds whose URL is not yet in `raw.sources` (compared as the config compares sources:
 * scheme and host case, default ports, dot segments, fragment dropped). Mutates `raw`, leaving every other field as it was.
 */
export function mergeFeeds(raw: Record<string, unknown>, feeds: OpmlFeed[]): OpmlImportResult {
  const result: OpmlImportResult = { added: [], alreadyPresent: [], invalid: [] };
  const sources = Array.isArray(raw['sources']) ? (raw['sources'] as unknown[]) : [];
  raw['sources'] = sources;
  const known = new Set<string>();
  for (const s of sources) {
    const url = (s as { url?: unknown } | null)?.url;
    if (typeof url === 'string') known.add(normalizeUrl(url) ?? url);
  }
  for (const feed of feeds) {
    const url = normalizeUrl(feed.url);
    if (url === null) result.invalid.push(feed);
    else if (known.has(url)) result.alreadyPresent.push(feed);
    else {
      known.add(url);
      sources.push({ name: feed.name, url: feed.url });
      result.added.push(feed);
    }
  }
  return result;
}

async function readInput(file: string): Promise<string> {
  const bytes = new Uint8Array(await readInputFile(file, 'import-opml'));
  // OPML exports are not always UTF-8; honour the BOM or XML declaration.
  return decodeBytes(bytes, { kind: 'xml' }).text;
}

async function readRawConfig(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ENOENT') return { sources: [] };
    throw new WiredeskError('CONFIG_INVALID', `config: cannot read ${path}: ${(cause as Error).message}`, { cause, details: { path } });
  }
  // Full validation (with field names) happens in parseConfig; this only needs an object to extend.
  const raw = text.trim() === '' ? {} : parseConfigJson(text, path);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new WiredeskError('CONFIG_INVALID', `config ${path}: top level: expected an object`, { details: { path } });
  parseConfig(raw, path, { env: process.env });
  return raw as Record<string, unknown>;
}

/** The config's duplicate key (scheme/host case, default port, dot segments, no fragment), http(s) only. */
function normalizeUrl(url: string): string | null {
  return /^https?:\/\//i.test(url) ? sourceUrlKey(url) : null;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname : url;
}

function renderResult(result: OpmlImportResult, withoutUrl: OpmlEntryWithoutUrl[], configPath: string, dryRun: boolean): string {
  const lines: string[] = [];
  const verb = dryRun ? 'would add' : 'added';
  lines.push(result.added.length === 0 ? `nothing new to add to ${configPath}` : `${verb} ${result.added.length} feed(s) to ${configPath}:`);
  for (const f of result.added) lines.push(`  + ${f.name}  ${f.url}`);
  if (result.alreadyPresent.length > 0) lines.push(`already present (${result.alreadyPresent.length}): ${result.alreadyPresent.map((f) => f.url).join(', ')}`);
  if (result.invalid.length > 0) lines.push(`skipped, not an http(s) URL (${result.invalid.length}): ${result.invalid.map((f) => f.url).join(', ')}`);
  if (withoutUrl.length > 0) {
    lines.push(`skipped, no xmlUrl (${withoutUrl.length}): add these by hand if they are feeds:`);
    for (const e of withoutUrl) lines.push(`  ? ${e.name}${e.htmlUrl === null ? '' : `  (site ${e.htmlUrl})`}`);
  }
  return lines.join('\n') + '\n';
}
