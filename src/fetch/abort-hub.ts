/** Callbacks waiting on each signal; the signal itself carries a single listener, however many wait. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `callback` once when `signal` aborts (at once if it already has) and returns an unsubscribe
 * function. One run-wide signal is typically shared by hundreds of queued fetches: adding a DOM
 * listener for each would trip Node's MaxListeners warning, so they share one listener per signal.
 */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (signal === undefined) return () => undefined;
  if (signal.aborted) {
    callback();
    return () => undefined;
  }
  let callbacks = waiting.get(signal);
  if (callbacks === undefined) {
    const set = new Set<() => void>();
    callbacks = set;
    waiting.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        const pending = [...set];
        set.clear();
        for (const run of pending) run();
      },
      { once: true },
    );
  }
  const set = callbacks;
  set.add(callback);
  return () => {
    set.delete(callback);
  };
}

/** Resolves after `ms`, or early (without error) when `signal` aborts; the timer never outlives either. */
export function sleepUntilAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    let unsubscribe = (): void => undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
    unsubscribe = onAbort(signal, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
