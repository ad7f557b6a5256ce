import { createLogger, type LogLevel } from '../log/index.js';
import type { Logger } from '../types/index.js';

/** Logging flags shared by the crawling commands. */
export interface LogFlags {
  log?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** Builds the logger from the CLI flags: JSON lines off a terminal or with `--log json`. */
export function createCliLogger(flags: LogFlags): Logger {
  const level: LogLevel = flags.quiet ? 'error' : flags.verbose ? 'debug' : 'info';
  const format = flags.log === 'json' || (flags.log === undefined && !process.stderr.isTTY) ? 'json' : 'pretty';
  return createLogger({ level, format });
}
