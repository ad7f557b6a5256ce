import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { toWiredeskError, WiredeskError } from '../../errors/index.js';
import {
  createStoryIndex,
  storyDocTime,
  parseAliases,
  type AliasTable,
  type StoryDoc,
  type StoryIndexSnapshot,
} from '../../fingerprint/index.js';
import { parseDuration } from '../../schedule/index.js';
import { readJsonFile, writeJsonAtomic } from '../../store/index.js';
import { systemClock } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';

interface ClusterFlags {
  input: string;
  window: string;
  state?: string;
  aliases?: string;
  explain?: boolean;
}

/** File in `--state DIR` holding the story index snapshot between runs. */
export const CLUSTER_STATE_FILE = 'story-index.json';

// src/cli/commands or dist/cli/commands → the package root's config/aliases.json.
const SHIPPED_ALIASES = fileURLToPath(new URL('../../../config/aliases.json', import.meta.url));

/**
 * `wiredesk cluster --input DOCS.jsonl [--window 72h] [--state DIR]`: groups an archive (or a
 * check's input) with the crawler's story index and prints one JSON line per input line,
 * `{id, storyId, duplicateOf, simhash}` (with `--explain`: also reason, distance, similarity, and firstStoryId, the story it was
 * first given: a later article can move it when stories split or join).
 */
export function registerClusterCommand(ctx: CommandContext): void {
  ctx.program
    .command('cluster')
    .description('group articles from a JSONL file ({id, title, text, publishedAt?, url?, source?} per line) into stories')
    .requiredOption('--input <file>', 'JSONL input, one article per line, in the order they were seen')
    .option('--window <duration>', 'articles further apart never share a story (e.g. 72h, 7d)', '72h')
    .option('--state <dir>', `keep the story index in DIR/${CLUSTER_STATE_FILE} so a later run continues it`)
    .option('--aliases <file>', 'alias table (default: the shipped config/aliases.json)')
    .option('--explain', 'also print why each article went where it did')
    .action(async (flags: ClusterFlags) => {
      ctx.setExitCode(await clusterCommand(ctx, flags));
    });
}

async function clusterCommand(ctx: CommandContext, flags: ClusterFlags): Promise<number> {
  let windowHours: number;
  try {
    windowHours = parseDuration(flags.window, '--window') / 3_600_000;
  } catch (error) {
    ctx.err(`wiredesk cluster: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  try {
    const aliases = await loadAliases(flags.aliases ?? SHIPPED_ALIASES);
    const statePath = flags.state === undefined ? null : join(resolve(flags.state), CLUSTER_STATE_FILE);
    const snapshot = statePath === null ? null : await readJsonFile<StoryIndexSnapshot>(statePath);
    const index = createStoryIndex({ windowHours, aliases }, snapshot);
    // Articles without a date were "seen" now: the one clock read of the command, at its edge.
    const seenAt = systemClock.now().toISOString();
    // Stories are redrawn as links arrive, so a line is printed once its article has left the
    // window (it can no longer move) or at the end; lines keep the input order.
    let pending: { id: string; time: number; line: Record<string, unknown> }[] = [];
    let head = 0;
    const byId = new Map<string, Record<string, unknown>>();
    let latest = -Infinity;
    const flush = (before: number): void => {
      while (head < pending.length && (pending[head] as { time: number }).time < before) {
        const done = pending[head] as { id: string; line: Record<string, unknown> };
        head += 1;
        if (byId.get(done.id) === done.line) byId.delete(done.id);
        ctx.out(`${JSON.stringify(done.line)}\n`);
      }
      if (head > 1024 && head * 2 > pending.length) {
        pending = pending.slice(head);
        head = 0;
      }
    };
    let lineNumber = 0;
    const lines = createInterface({ input: createReadStream(resolve(flags.input), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const doc = parseInputLine(line, lineNumber, seenAt);
      const a = index.assign(doc);
      const out: Record<string, unknown> = { id: doc.id, storyId: a.storyId, duplicateOf: a.duplicateOf, simhash: a.simhash };
      if (flags.explain === true) Object.assign(out, { reason: a.reason, distance: a.distance, similarity: a.similarity, firstStoryId: a.storyId });
      for (const move of a.moved) {
        const moved = byId.get(move.articleId);
        if (moved !== undefined) moved['storyId'] = move.to;
      }
      const time = storyDocTime(doc);
      pending.push({ id: doc.id, time, line: out });
      byId.set(doc.id, out);
      latest = Math.max(latest, time);
      flush(latest - windowHours * 3_600_000);
    }
    flush(Infinity);
    if (statePath !== null) await writeJsonAtomic(statePath, index.snapshot());
    return EXIT.OK;
  } catch (error) {
    if (error instanceof WiredeskError && error.code === 'CONFIG_INVALID') {
      ctx.err(`wiredesk cluster: ${error.message}\n`);
      return EXIT.USAGE;
    }
    // Unreadable input, state or alias files, an unwritable state directory: fatal, named.
    const e = toWiredeskError(error);
    ctx.err(`wiredesk cluster: ${e.code}: ${e.message}\n`);
    return EXIT.FATAL;
  }
}

async function loadAliases(path: string): Promise<AliasTable> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(resolve(path), 'utf8'));
  } catch (cause) {
    throw new WiredeskError('CONFIG_INVALID', `cannot read alias file ${path}: ${(cause as Error).message}`, { cause, details: { path } });
  }
  return parseAliases(json);
}

/** One input line as a StoryDoc; a line that is not an article is a usage error naming the line. */
function parseInputLine(line: string, lineNumber: number, seenAt: string): StoryDoc {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new WiredeskError('CONFIG_INVALID', `--input line ${lineNumber}: not JSON`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new WiredeskError('CONFIG_INVALID', `--input line ${lineNumber}: not a JSON object`);
  const record = raw as Record<string, unknown>;
  const text = (key: string): string | null => (typeof record[key] === 'string' ? (record[key] as string) : null);
  const id = typeof record['id'] === 'number' ? String(record['id']) : text('id');
  if (id === null || id === '') throw new WiredeskError('CONFIG_INVALID', `--input line ${lineNumber}: "id" is missing`);
  const publishedAt = text('publishedAt');
  return {
    id,
    title: text('title') ?? '',
    text: text('text') ?? '',
    publishedAt: publishedAt !== null && !Number.isNaN(Date.parse(publishedAt)) ? publishedAt : null,
    seenAt,
    source: text('source'),
  };
}
