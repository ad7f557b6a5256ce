import { parseDuration } from '../../schedule/index.js';
import { pruneOutput } from '../../store/index.js';
import { systemClock } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { addLogOptions, addOutputOptions, reportCommandError, withLockedStore, type OutputFlags } from '../command-options.js';

interface PruneFlags extends OutputFlags {
  olderThan?: string;
}

/** `wiredesk prune --older-than 30d`: remove old articles, stories, runs and index entries together. */
export function registerPruneCommand(ctx: CommandContext): void {
  addLogOptions(addOutputOptions(ctx.program.command('prune').description('remove articles, stories, run reports and seen items older than a duration, consistently')))
    .requiredOption('--older-than <duration>', 'age to remove (e.g. 30d, 2w)')
    .action(async (flags: PruneFlags) => {
      ctx.setExitCode(await pruneCommand(ctx, flags));
    });
}

async function pruneCommand(ctx: CommandContext, flags: PruneFlags): Promise<number> {
  let ageMs: number;
  try {
    ageMs = parseDuration(flags.olderThan ?? '', '--older-than');
  } catch (error) {
    ctx.err(`wiredesk prune: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  const cutoff = new Date(systemClock.now().getTime() - ageMs);
  try {
    const result = await withLockedStore(flags, async (store, output) => {
      const windowHours = output.config?.stories.windowHours ?? null;
      // The story index keeps articles for its window; pruning inside it would let new articles
      // point at removed ones as their originals.
      if (windowHours !== null && ageMs < windowHours * 3_600_000) {
        ctx.err(`wiredesk prune: warning: --older-than ${flags.olderThan} is shorter than the story window (${windowHours} h); new copies may name removed articles as their originals\n`);
      }
      return pruneOutput(store, cutoff);
    });
    ctx.out(
      `pruned everything filed before ${cutoff.toISOString().slice(0, 10)}: ${result.articlesRemoved} articles, ${result.storiesRemoved} stories removed ` +
        `(${result.storiesRewritten} rewritten without them), ${result.runsRemoved} run reports, ${result.seenKeysRemoved} seen item keys, ${result.pathEntriesRemoved} index entries\n`,
    );
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'prune', error);
  }
}
