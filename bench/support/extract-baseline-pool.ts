/**
 * A small worker pool for the baseline (plain Readability on jsdom, bench/support/extract-baseline-worker.ts),
 * run like wiredesk's extractor pool so the two speeds compare: worker threads with the same young-generation
 * size, one page at a time per worker, a per-page time budget past which the worker is terminated and replaced.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Main thread → baseline worker. */
export interface BaselineRequest {
  id: number;
  html: string;
  url: string;
  /** Remove `<style>` elements before parsing (same text, faster; the untimed quality pass). */
  stripped?: boolean;
}

/** Baseline worker → main thread. */
export type BaselineResponse = { id: number; ok: true; text: string; restyled: boolean } | { id: number; ok: false; error: string } | { ready: true };

/** One baseline extraction: the text, or why there is none. */
export interface BaselineResult {
  text: string;
  /** jsdom threw on the page's stylesheets; the text is from the page without its `<style>` elements. */
  restyled: boolean;
  /** 'timeout', 'crash' or the thrown message; null when the page was read. */
  error: string | null;
}

/** The baseline's pool. */
export interface BaselinePool {
  extract(html: string, url: string): Promise<BaselineResult>;
  close(): Promise<void>;
}

// wiredesk's pool gives its workers a 96 MB young generation (src/extract/extractor-pool.ts); the baseline gets the
// same, so neither side's speed comes from heap settings. The old generation is larger: jsdom on a 1.8 MB page
// needs more than wiredesk's 512 MB, and a baseline that dies on big pages would flatter the comparison.
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96, maxOldGenerationSizeMb: 2048 };

interface Task {
  request: BaselineRequest;
  resolve(result: BaselineResult): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

/** Starts `size` baseline workers; each page gets `timeoutMs` before its worker is replaced. */
export function createBaselinePool(size: number, timeoutMs: number, stripped = false): BaselinePool {
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: startWorker(), ready: false, task: null, timer: null };
    slot.worker.on('message', (response: BaselineResponse) => {
      if ('ready' in response) {
        slot.ready = true;
        dispatch();
        return;
      }
      const task = slot.task;
      if (task === null || task.request.id !== response.id) return;
      release(slot);
      task.resolve(response.ok ? { text: response.text, restyled: response.restyled, error: null } : { text: '', restyled: false, error: response.error });
      dispatch();
    });
    slot.worker.on('error', (error) => replace(slot, `crash: ${error.message}`));
    slot.worker.on('exit', (code) => replace(slot, `crash: exit ${code}`));
    return slot;
  };

  const release = (slot: Slot): void => {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  };

  const replace = (slot: Slot, error: string): void => {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    const task = slot.task;
    release(slot);
    slots.splice(index, 1);
    void slot.worker.terminate();
    task?.resolve({ text: '', restyled: false, error });
    if (!closed) slots.push(spawn());
    dispatch();
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (closed || queue.length === 0) return;
      if (!slot.ready || slot.task !== null) continue;
      const task = queue.shift() as Task;
      slot.task = task;
      slot.timer = setTimeout(() => replace(slot, 'timeout'), timeoutMs);
      slot.worker.postMessage(task.request);
    }
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    extract(html, url) {
      if (closed) return Promise.resolve({ text: '', restyled: false, error: 'pool closed' });
      return new Promise<BaselineResult>((resolve) => {
        queue.push({ request: { id: nextId++, html, url, stripped }, resolve });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.resolve({ text: '', restyled: false, error: 'pool closed' });
      const all = slots.splice(0);
      for (const slot of all) {
        const task = slot.task;
        release(slot);
        task?.resolve({ text: '', restyled: false, error: 'pool closed' });
      }
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}

// The bench runs under tsx: the worker's TypeScript entry needs tsx's CommonJS hook inside the thread, which a
// one-line bootstrap registers (as src/extract/extractor-pool.ts does for wiredesk's worker).
function startWorker(): Worker {
  const require = createRequire(import.meta.url);
  const api = require.resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./extract-baseline-worker.ts', import.meta.url));
  // jsdom's CSS matcher prints to the console on some stylesheets ("[csstree-match] BREAK …"): the worker's
  // own output is dropped so the bench prints only its report; failures still arrive as 'error'/'exit' events.
  const worker = new Worker(`require(${JSON.stringify(api)}).register(); require(${JSON.stringify(entry)});`, { eval: true, resourceLimits: RESOURCE_LIMITS, stdout: true, stderr: true });
  worker.stdout.resume();
  worker.stderr.resume();
  return worker;
}
