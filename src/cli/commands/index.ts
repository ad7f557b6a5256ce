import type { CommandContext } from '../command-context.js';
import { registerFeedCommand } from './feed-command.js';

/** Each sub-command lives in its own file and registers itself here (one line per command). */
export const COMMANDS: ReadonlyArray<(ctx: CommandContext) => void> = [
  registerFeedCommand,
];
