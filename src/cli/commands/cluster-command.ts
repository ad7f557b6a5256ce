import type { ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { toWiredeskError, WiredeskError } from '../../errors/index.js';
import { BUNDLED_ALIASES, clusterDocs, loadAliases } from '../../ops/index.js';
import { parseDuration } from '../../schedule/index.js';
import { systemClock } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';

interface ClusterFlags {
  input: string;
  window: string;
  state?: string;
  aliases?: string;
  explain?: boolean;
}

/**
 * `wiredesk cluster --input DOCS.jsonl [--window 72h] [--state DIR]`: groups an archive (or a
 * check's input) with the crawler's story index and prints one JSON line per input line,
 * `{id, storyId, duplicateOf, simhash}` (with `--explain`: also reason, via, language, distance, similarity, and firstStoryId, the story it was
 * first given: a later article can move it when stories split or join).
 */
export function registerClusterCommand(ctx: CommandContext): void {
  ctx.program
    .command('cluster')
    .description('group articles from a JSONL file ({id, title, text, publishedAt?, url?, source?, language?} per line) into stories')
    .requiredOption('--input <file>', 'JSONL input, one article per line, in the order they were seen (- reads stdin)')
    .option('--window <duration>', 'articles further apart never share a story (e.g. 72h, 7d)', '72h')
    .option('--state <dir>', 'keep the story index in DIR (a state database) so a later run continues it')
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
    const aliases = await loadAliases(flags.aliases ?? BUNDLED_ALIASES, { required: true });
    const file = flags.input === '-' ? null : await openInput(flags.input);
    const lines = createInterface({ input: file ?? ctx.stdin, crlfDelay: Infinity });
    try {
      // Articles without a date were "seen" now: the one clock read of the command, at its edge.
      const options = { windowHours, aliases, stateDir: flags.state === undefined ? null : resolve(flags.state), explain: flags.explain === true, seenAt: systemClock.now().toISOString(), signal: ctx.stop };
      await clusterDocs(lines, options, ctx.out);
    } finally {
      lines.close();
      file?.destroy();
    }
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

/** The input file as a stream, once it is known to open (a missing file is NOT_FOUND, not a crash mid-read). */
async function openInput(path: string): Promise<ReadStream> {
  const handle = await open(resolve(path), 'r').catch((cause: unknown) => {
    throw new WiredeskError('NOT_FOUND', `cluster: cannot read --input ${path}: ${(cause as Error).message}`, { cause, details: { path } });
  });
  return handle.createReadStream({ encoding: 'utf8' });
}
