/**
 * Coalesces calls into batches: the calls made while a batch is on its way to the database wait and
 * go together in the next one (and the calls of one turn of the event loop go together in the
 * first). An idle worker pays no delay; a busy one pays one round trip for many calls. A failed
 * batch fails each of its calls.
 */
export class CallBatcher<A, R> {
  private waiting: { arg: A; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(
    /** Answers a batch, one result per argument in the same order. */
    private readonly run: (args: A[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  call(arg: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ arg, resolve, reject });
      if (this.running) return;
      this.running = true;
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const results = await this.run(batch.map((b) => b.arg));
        batch.forEach((b, i) => b.resolve(results[i] as R));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.running = false;
  }
}
