import { createRequire } from 'node:module';
import type * as Undici from 'undici';

let loaded: typeof Undici | null = null;

/**
 * undici, required when a fetcher is built or a request made rather than when fetch is imported:
 * the pipeline and the CLI import fetch for its small helpers (hostKey, onAbort) in processes that
 * never fetch (a `run` with no source, `status`), and loading undici's modules costs ~0.1 CPU-s.
 * undici is CommonJS only, so this is the module object an `import` would give.
 */
export function undici(): typeof Undici {
  loaded ??= createRequire(import.meta.url)('undici') as typeof Undici;
  return loaded;
}
