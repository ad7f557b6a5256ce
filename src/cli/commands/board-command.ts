import { parseConfig } from '../../config/index.js';
import { parseDuration } from '../../schedule/index.js';
import { openSink, openStateReadonly, rewriteBoard } from '../../ops/index.js';
import { systemClock } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { addOutputOptions, reportCommandError, resolveOutput, type OutputFlags } from '../command-options.js';
import { createCliLogger } from '../runtime.js';

interface BoardFlags extends OutputFlags {
  since?: string;
  baseUrl?: string;
}

/** `wiredesk board`: (re)writes the story board page and the story feeds from the output directory. */
export function registerBoardCommand(ctx: CommandContext): void {
  addOutputOptions(ctx.program.command('board').description('write the story board (board/index.html) and the story feeds (feeds/stories.atom, stories.json, lang-*.atom)'))
    .option('--since <duration>', 'stories with a report seen within this window (default: stories.windowHours of the config, 72h)')
    .option('--base-url <url>', 'public URL the output directory is served at (default: config output.baseUrl); feeds link to the board with it')
    .action(async (flags: BoardFlags) => {
      ctx.setExitCode(await boardCommand(ctx, flags));
    });
}

async function boardCommand(ctx: CommandContext, flags: BoardFlags): Promise<number> {
  let sinceMs: number | undefined;
  let baseUrl: string | undefined;
  try {
    if (flags.since !== undefined) sinceMs = parseDuration(flags.since, '--since');
    if (flags.baseUrl !== undefined) {
      // Loaded when the command runs, not when the CLI starts: every invocation registers every command.
      const { normalizeBaseUrl } = await import('../../board/index.js');
      baseUrl = normalizeBaseUrl(flags.baseUrl);
    }
  } catch (error) {
    ctx.err(`wiredesk board: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  try {
    const output = await resolveOutput(flags);
    const logger = createCliLogger({ ...flags, quiet: flags.quiet ?? !flags.verbose }, ctx);
    const base = output.config ?? parseConfig({ sources: [] }, null);
    const config = { ...base, output: { ...base.output, board: true, baseUrl: baseUrl ?? base.output.baseUrl } };
    // No lock: the crawler may be running; every file is replaced atomically, so the last writer wins whole.
    const sink = await openSink(output, { clock: systemClock, logger });
    const state = openStateReadonly(output);
    // A mistyped --out would otherwise get an empty board of its own.
    if (state === null || (await sink.readLatestRun()) === null) {
      await state?.close();
      ctx.err(`wiredesk board: ${output.outDir} holds no wiredesk output (no latest-run.json): run \`wiredesk run\` first or check --out\n`);
      return EXIT.USAGE;
    }
    const result = await rewriteBoard({ config, sink, state, clock: systemClock, logger }, sinceMs).finally(() => state.close());
    if (result === null) throw new Error('the board could not be written (see the log above)');
    ctx.out(`${result.stories} stories, ${result.articles} reports → ${output.outDir}/${result.written[0]} (${Math.round(result.boardBytes / 1024)} KB)\n`);
    ctx.out(`feeds: ${result.written.slice(1).join(', ')}\n`);
    if (config.output.baseUrl === null) ctx.out('no base URL (output.baseUrl or --base-url): feed entries link to the agencies\' reports, and the feeds carry no self link\n');
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'board', error);
  }
}
