import type * as Undici from 'undici';
import { requireOnFirstUse } from '../types/index.js';

/**
 * undici, required when a fetcher is built or a request made rather than when fetch is imported:
 * the pipeline and the CLI import fetch for its small helpers (hostKey, onAbort) in processes that
 * never fetch (a `run` with no source, `status`), and loading undici's modules costs ~0.1 CPU-s.
 */
export const undici = requireOnFirstUse<typeof Undici>('undici');
