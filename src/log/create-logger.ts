import type { Logger } from '../types/index.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** How a logger writes. */
export interface LoggerOptions {
  level: LogLevel;
  /** `json`: one JSON object per line with stable snake_case keys; `pretty`: human text. */
  format: 'json' | 'pretty';
  /** Where lines go (default process.stderr, so stdout stays free for command output). */
  write?: (line: string) => void;
  /** Time source for the `time` key. */
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Creates a structured logger; `child` binds context fields (e.g. `feed_url`) to every line. */
export function createLogger(options: LoggerOptions, bindings: Record<string, unknown> = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? (() => new Date());
  const threshold = RANK[options.level];
  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>): void => {
    if (RANK[level] < threshold) return;
    const record = { time: now().toISOString(), level, msg, ...bindings, ...fields };
    write(options.format === 'json' ? JSON.stringify(record) : formatPretty(record));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (extra) => createLogger(options, { ...bindings, ...extra }),
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger({ level: 'silent', format: 'json', write: () => {} });

function formatPretty(record: Record<string, unknown>): string {
  const { time, level, msg, ...rest } = record;
  const extras = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${String(time).slice(11, 19)} ${String(level).toUpperCase().padEnd(5)} ${String(msg)}${extras ? ' ' + extras : ''}`;
}
