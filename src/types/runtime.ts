import { createRequire } from 'node:module';

/** Source of the current time; passed in so tests and replays control it. */
export interface Clock {
  now(): Date;
}

/** Structured logger with stable snake_case keys; `child` binds context such as `feed_url`. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A CommonJS package required on the first call rather than imported with the module that uses it:
 * every CLI process loads fetch and store, and most never make a request or open a database.
 * The first call returns the same module object an `import` would give; later calls reuse it.
 */
export function requireOnFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(import.meta.url)(specifier) as T);
}
