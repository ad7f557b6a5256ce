import { loadConfig, parseConfig } from '../../config/index.js';
import { openStateForRebuild, rebuildState } from '../../ops/index.js';
import { systemClock } from '../../types/index.js';
import { EXIT, type CommandContext } from '../command-context.js';
import { addLogOptions, addOutputOptions, reportCommandError, withLockedOutput, type OutputFlags } from '../command-options.js';

/** `wiredesk state rebuild`: recreate the crawler state from the article files. */
export function registerStateCommand(ctx: CommandContext): void {
  const state = ctx.program.command('state').description('inspect or repair the crawler state');
  addLogOptions(addOutputOptions(state.command('rebuild').description('recreate the state (seen items, article catalog, story index of the window) from the output files')))
    .action(async (flags: OutputFlags) => {
      ctx.setExitCode(await rebuildCommand(ctx, flags));
    });
}

async function rebuildCommand(ctx: CommandContext, flags: OutputFlags): Promise<number> {
  try {
    let movedAside: string | null = null;
    const result = await withLockedOutput(
      ctx,
      flags,
      async (stores, output) => rebuildState({ ...stores, config: output.config ?? (flags.config ? await loadConfig(flags.config) : parseConfig({ sources: [] }, null)) }),
      (location) => {
        const opened = openStateForRebuild(location, systemClock.now());
        movedAside = opened.movedAside;
        return opened.state;
      },
    );
    ctx.out(
      [
        `state rebuilt from ${result.articles} article files (${result.sources} sources, ${result.seenKeys} seen item keys)`,
        `story index: ${result.windowArticles} articles of the window put back, so new reports keep joining their stories`,
        result.storiesRewritten.length > 0 ? `story files repaired: ${result.storiesRewritten.length}` : 'story files: all complete',
        movedAside ? `the unusable state database was kept as ${movedAside}` : null,
        result.unreadable.length > 0 ? `unreadable article files (left in place): ${result.unreadable.join(', ')}` : null,
        result.duplicateIds.length > 0 ? `ids found in more than one file (newest kept): ${result.duplicateIds.join(', ')}` : null,
        `not recoverable from the files: ${result.lost.join('; ')}`,
      ]
        .filter((line): line is string => line !== null)
        .join('\n') + '\n',
    );
    return EXIT.OK;
  } catch (error) {
    return reportCommandError(ctx, 'state rebuild', error);
  }
}
