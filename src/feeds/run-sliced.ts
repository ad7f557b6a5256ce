import { WiredeskError } from '../errors/index.js';

/** What a sliced parse needs besides the parser's own options. */
export interface SliceOptions {
  /** Called between slices of work (a few milliseconds each); resolve it to continue, e.g. on the next event-loop turn. */
  pause: () => Promise<void>;
  /** Stops parsing at the next slice with `ABORTED`. */
  signal?: AbortSignal;
}

/**
 * Drives a parser written as a generator (it yields between slices of work), awaiting `pause()` at
 * each yield so the event loop turns, and stopping with a retryable `ABORTED` once `signal` is
 * aborted. The result is what running it to the end synchronously gives.
 */
export async function runSliced<R>(steps: Generator<void, R, void>, options: SliceOptions, url: string | null): Promise<R> {
  for (;;) {
    if (options.signal?.aborted === true) {
      throw new WiredeskError('ABORTED', 'feeds: parsing stopped (the run was stopped)', { url, retryable: true });
    }
    const step = steps.next();
    if (step.done === true) return step.value;
    await options.pause();
  }
}
