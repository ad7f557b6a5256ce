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
