import { createLogger, type LogLevel } from '../log/index.js';
import type { Logger } from '../types/index.js';
import type { CommandContext } from './command-context.js';

/** Logging flags shared by the crawling commands. */
export interface LogFlags {
  log?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/**
 * Builds the logger from the CLI flags: JSON lines off a terminal or with `--log json`, human lines
 * on one; either way through the command's log writer, which keeps them off the progress line.
 */
export function createCliLogger(flags: LogFlags, ctx: Pick<CommandContext, 'logLine' | 'stderrIsTTY'>): Logger {
  const level: LogLevel = flags.quiet ? 'error' : flags.verbose ? 'debug' : 'info';
  const format = flags.log === 'json' || (flags.log === undefined && !ctx.stderrIsTTY) ? 'json' : 'pretty';
  return createLogger({ level, format, write: ctx.logLine });
}
