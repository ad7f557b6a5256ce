import { parseDuration } from '../../schedule/index.js';
import { listStories, openSink, openStateReadonly } from '../../ops/index.js';
import { systemClock, type StoryRecord } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { renderTable } from '../render-table.js';
import { addOutputOptions, reportCommandError, resolveOutput, type OutputFlags } from '../command-options.js';
import { createCliLogger } from '../runtime.js';

interface StoriesFlags extends OutputFlags {
  since: string;
  limit?: string;
  json?: boolean;
}

/** `wiredesk stories`: story groups active in a recent window, biggest first. */
export function registerStoriesCommand(ctx: CommandContext): void {
  addOutputOptions(ctx.program.command('stories').description('story groups seen recently: size, agencies, representative title'))
    .option('--since <duration>', 'groups with a member seen within this window (e.g. 6h, 24h, 7d)', '24h')
    .option('--limit <n>', 'show at most n groups')
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: StoriesFlags) => {
      ctx.setExitCode(await storiesCommand(ctx, flags));
    });
}

async function storiesCommand(ctx: CommandContext, flags: StoriesFlags): Promise<number> {
  let since: Date;
  let limit: number | null = null;
  try {
    since = new Date(systemClock.now().getTime() - parseDuration(flags.since, '--since'));
    if (flags.limit !== undefined) {
      limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit <= 0) throw new Error(`--limit: expected a positive whole number, got ${JSON.stringify(flags.limit)}`);
    }
  } catch (error) {
    ctx.err(`wiredesk stories: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  try {
    const output = await resolveOutput(flags);
    const sink = await openSink(output, { clock: systemClock, logger: createCliLogger({ ...flags, quiet: true }, ctx) });
    const state = openStateReadonly(output);
    let stories: StoryRecord[];
    try {
      stories = await listStories({ sink, state }, since, limit);
    } finally {
      await state?.close();
    }
    if (flags.json) {
      ctx.out(JSON.stringify(stories.map((s) => ({ id: s.id, size: s.members.length, agencies: s.sources, title: s.title, representative: s.representative, firstSeenAt: s.firstSeenAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt ?? null })), null, 2) + '\n');
      return EXIT.OK;
    }
    if (stories.length === 0) {
      ctx.out(`no story groups with members seen since ${since.toISOString()} in ${output.outDir}\n`);
      return EXIT.OK;
    }
    const rows = stories.map((s) => [String(s.members.length), s.sources.join(', '), s.title, s.lastSeenAt.slice(0, 16).replace('T', ' '), s.id]);
    ctx.out(`${stories.length} story groups seen since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n` + renderTable(['size', 'agencies', 'title', 'last seen (UTC)', 'story'], rows, 60));
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'stories', error);
  }
}
