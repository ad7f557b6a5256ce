/**
 * Runs `task` over `items` with at most `limit` in flight, preserving result order.
 * The fetch layer enforces per-host politeness; this bound only keeps a run over thousands of
 * items from holding thousands of pages in memory at once.
 */
export async function runLimited<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
