import { WiredeskError, type ErrorCode } from '../errors/index.js';
import type { ExtractedArticle, ExtractInput } from './extract-types.js';

/** Main thread → worker. */
export interface WorkerRequest {
  id: number;
  input: ExtractInput;
}

/** An error crossing the thread boundary (class identity does not survive structured clone). */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  url: string | null;
  retryable: boolean;
  details: Record<string, unknown> | undefined;
}

/** Worker → main thread: one result per request, and a `ready` message once the worker's modules are loaded. */
export type WorkerResponse =
  | { id: number; ok: true; article: ExtractedArticle }
  | { id: number; ok: false; error: SerializedError }
  | { ready: true };

/** Flattens anything thrown in the worker into its code/message form. */
export function serializeError(error: unknown, url: string): SerializedError {
  if (error instanceof WiredeskError) return { code: error.code, message: error.message, url: error.url, retryable: error.retryable, details: error.details };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'EXTRACT_FAILED', message: `extract: ${message}`, url, retryable: false, details: undefined };
}

/** Rebuilds the WiredeskError on the main thread. */
export function deserializeError(error: SerializedError): WiredeskError {
  return new WiredeskError(error.code, error.message, { url: error.url, retryable: error.retryable, details: error.details });
}
