import { DEFAULT_STORIES } from '../../config/index.js';
import { pruneOutput } from '../../ops/index.js';
import { parseDuration } from '../../schedule/index.js';
import { systemClock } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { addLogOptions, addOutputOptions, reportCommandError, withLockedOutput, type OutputFlags } from '../command-options.js';

interface PruneFlags extends OutputFlags {
  olderThan?: string;
  dryRun?: boolean;
}

/** `wiredesk prune --older-than 30d`: remove old articles, stories, runs and index entries together. */
export function registerPruneCommand(ctx: CommandContext): void {
  addLogOptions(addOutputOptions(ctx.program.command('prune').description('remove articles, stories, run reports and seen items older than a duration, consistently')))
    .requiredOption('--older-than <duration>', 'age to remove, with its unit: h (hours), d (days) or w (weeks), e.g. 30d')
    .option('--dry-run', 'only report what would be removed')
    .action(async (flags: PruneFlags) => {
      ctx.setExitCode(await pruneCommand(ctx, flags));
    });
}

async function pruneCommand(ctx: CommandContext, flags: PruneFlags): Promise<number> {
  let ageMs: number;
  try {
    // Minutes and seconds are no unit of retention: "1m" read as a minute once removed everything.
    if (!/^\s*\d+(\.\d+)?\s*(h|d|w)\s*$/i.test(flags.olderThan ?? '')) throw new Error(`--older-than: expected a number and a unit h, d or w (e.g. 30d), got ${JSON.stringify(flags.olderThan ?? '')}`);
    ageMs = parseDuration(flags.olderThan ?? '', '--older-than');
  } catch (error) {
    ctx.err(`wiredesk prune: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  const cutoff = new Date(systemClock.now().getTime() - ageMs);
  try {
    const result = await withLockedOutput(ctx, flags, async (stores, output) => {
      const windowHours = output.config?.stories.windowHours ?? null;
      // The story index keeps articles for its window; pruning inside it would let new articles
      // point at removed ones as their originals.
      if (windowHours !== null && ageMs < windowHours * 3_600_000) {
        ctx.err(`wiredesk prune: warning: --older-than ${flags.olderThan} is shorter than the story window (${windowHours} h); new copies may name removed articles as their originals\n`);
      }
      return pruneOutput({ ...stores, stories: output.config?.stories ?? DEFAULT_STORIES }, cutoff, { dryRun: flags.dryRun ?? false });
    });
    const verb = result.dryRun ? 'would remove' : 'removed';
    ctx.out(
      `${result.dryRun ? 'dry run: ' : ''}everything filed before ${result.cutoffDay}: ${verb} ${result.articlesRemoved} articles, ${result.storiesRemoved} stories ` +
        `(${result.storiesRewritten} rewritten without them), ${result.runsRemoved} run reports` +
        (result.dryRun ? '\n' : `, ${result.seenKeysRemoved} seen item keys\n`),
    );
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'prune', error);
  }
}
