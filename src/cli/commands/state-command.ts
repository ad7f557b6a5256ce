import { rebuildState } from '../../store/index.js';
import { systemClock } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { addLogOptions, addOutputOptions, reportCommandError, withLockedStore, type OutputFlags } from '../command-options.js';

/** `wiredesk state rebuild`: recreate the crawler state from the article files. */
export function registerStateCommand(ctx: CommandContext): void {
  const state = ctx.program.command('state').description('inspect or repair the crawler state');
  addLogOptions(addOutputOptions(state.command('rebuild').description('recreate the state (seen items, article index, story membership) from the article files')))
    .action(async (flags: OutputFlags) => {
      ctx.setExitCode(await rebuildCommand(ctx, flags));
    });
}

async function rebuildCommand(ctx: CommandContext, flags: OutputFlags): Promise<number> {
  try {
    const result = await withLockedStore(flags, (store) => rebuildState(store, systemClock.now()));
    ctx.out(
      [
        `state rebuilt from ${result.articles} article files (${result.sources} sources, ${result.seenKeys} seen item keys)`,
        result.storiesRewritten.length > 0 ? `story files repaired: ${result.storiesRewritten.length}` : 'story files: all complete',
        result.movedAside ? `the old state file was kept as ${result.movedAside}` : null,
        result.unreadable.length > 0 ? `unreadable article files (left in place): ${result.unreadable.join(', ')}` : null,
        result.duplicateIds.length > 0 ? `ids found in more than one file (newest kept): ${result.duplicateIds.join(', ')}` : null,
        'not recoverable: HTTP validators and back-off (the next run fetches every feed in full) and the story index (new articles start new groups against older ones)',
      ]
        .filter((line): line is string => line !== null)
        .join('\n') + '\n',
    );
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'state rebuild', error);
  }
}

