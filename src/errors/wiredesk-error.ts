/**
 * Every failure wiredesk knows about is a WiredeskError with a stable `code`.
 * The code is the policy: `retryable` says whether trying the same request again may help,
 * and `isFatalCode` says whether the whole run must stop (config, storage) or only the one
 * feed or article fails and the run goes on.
 */
export type ErrorCode =
  // fetch
  | 'FETCH_TIMEOUT'
  | 'FETCH_NETWORK'
  | 'DNS_FAILURE'
  | 'HTTP_STATUS'
  | 'BODY_TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'REDIRECT_LOOP'
  | 'BLOCKED_ADDRESS'
  | 'ROBOTS_DISALLOWED'
  | 'INVALID_URL'
  | 'UNSUPPORTED_CONTENT'
  // feeds
  | 'FEED_NOT_A_FEED'
  | 'FEED_MALFORMED'
  // news sitemaps
  | 'SITEMAP_NOT_A_SITEMAP'
  | 'SITEMAP_MALFORMED'
  | 'SITEMAP_TOO_LARGE'
  // extract
  | 'EXTRACT_EMPTY'
  | 'EXTRACT_TIMEOUT'
  | 'EXTRACT_FAILED'
  // config, storage, process
  | 'CONFIG_INVALID'
  | 'STORE_WRITE'
  | 'STATE_CORRUPT'
  | 'LOCKED'
  | 'NOT_FOUND'
  | 'ABORTED'
  | 'INTERNAL';

/** Options shared by every WiredeskError. */
export interface WiredeskErrorOptions {
  retryable?: boolean;
  url?: string | null;
  status?: number | null;
  cause?: unknown;
  /** Extra machine-readable facts (e.g. `feedUrl` advertised by an HTML page, `path` of a file). */
  details?: Record<string, unknown>;
}

/** JSON form of an error as it appears in run reports and state. */
export interface ErrorRecord {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  url: string | null;
  status: number | null;
  details?: Record<string, unknown>;
}

/** The one error class of wiredesk. */
export class WiredeskError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly url: string | null;
  readonly status: number | null;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: WiredeskErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WiredeskError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.url = options.url ?? null;
    this.status = options.status ?? null;
    this.details = options.details;
  }

  /** Serialisable form for run reports (the cause chain is flattened into the message). */
  toRecord(): ErrorRecord {
    const record: ErrorRecord = {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      url: this.url,
      status: this.status,
    };
    if (this.details !== undefined) record.details = this.details;
    return record;
  }
}

/** Codes that stop a run: nothing sensible can happen without valid config or a writable output. */
const FATAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['CONFIG_INVALID', 'STORE_WRITE', 'STATE_CORRUPT', 'LOCKED', 'NOT_FOUND']);

/** True for errors that must abort the whole run rather than fail one feed or article. */
export function isFatalCode(code: ErrorCode): boolean {
  return FATAL_CODES.has(code);
}

/** Type guard for WiredeskError (also across realms such as worker threads, by shape). */
export function isWiredeskError(value: unknown): value is WiredeskError {
  return value instanceof WiredeskError;
}

/**
 * Wraps anything thrown into a WiredeskError so that callers only ever handle one type.
 * Unknown throwables become `fallback` (default INTERNAL, not retryable) with the original as cause.
 */
export function toWiredeskError(value: unknown, fallback: ErrorCode = 'INTERNAL', url?: string | null): WiredeskError {
  if (value instanceof WiredeskError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new WiredeskError(fallback, message, { cause: value, url: url ?? null });
}
