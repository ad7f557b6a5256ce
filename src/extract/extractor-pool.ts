import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WiredeskError, toWiredeskError } from '../errors/index.js';
import { extractArticle } from './extract-article.js';
import type { ExtractedArticle, ExtractInput, ExtractorPool, ExtractorPoolOptions } from './extract-types.js';
import { deserializeError, type WorkerRequest, type WorkerResponse } from './worker-protocol.js';

// Workers that die before reporting ready this many times in a row mean the entry cannot load: stop respawning.
const MAX_START_FAILURES = 3;
// A worker that needs more than this heap is working on a pathological page; it dies and is replaced.
const WORKER_HEAP_MB = 512;
// Extraction allocates many short-lived DOM nodes; a larger young generation cuts scavenge time (measured
// +25 % pages per CPU second at 64 MB semi-spaces over the benchmark corpus; docs/notes/extract.md).
const WORKER_YOUNG_MB = 96;

interface Task {
  id: number;
  input: ExtractInput;
  resolve(article: ExtractedArticle): void;
  reject(error: WiredeskError): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  /** Modules loaded (the worker said `ready`); tasks are dispatched only to ready workers. */
  ready: boolean;
}

/**
 * Creates the extraction pool. `workers: 0` runs inline (tests, tiny runs; no time budget can interrupt
 * synchronous code there); a negative count means one worker per core. Each extraction gets `timeoutMs`:
 * past it the worker is terminated (the page cannot stall the run) and a fresh one takes its place.
 * Works from compiled `dist/` (.js worker) and from TypeScript sources under tsx/vitest (.ts worker, tsx loader).
 */
export function createExtractorPool(options: ExtractorPoolOptions): ExtractorPool {
  const count = options.workers < 0 ? availableParallelism() : Math.floor(options.workers);
  if (count === 0) return createInlinePool();
  return createThreadPool(count, Math.max(1, options.timeoutMs));
}

function createInlinePool(): ExtractorPool {
  let closed = false;
  return {
    async extract(input) {
      const url = isExtractInput(input) ? input.url : null;
      if (closed) throw new WiredeskError('ABORTED', 'extract: pool is closed', { url, retryable: true });
      try {
        return extractArticle(input);
      } catch (error) {
        throw toWiredeskError(error, 'EXTRACT_FAILED', url);
      }
    },
    async close() {
      closed = true;
    },
  };
}

function createThreadPool(size: number, timeoutMs: number): ExtractorPool {
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  let startFailures = 0;

  const spawn = (): Slot => {
    const worker = startWorker();
    worker.unref();
    const slot: Slot = { worker, task: null, timer: null, ready: false };
    worker.on('message', (response: WorkerResponse) => {
      if ('ready' in response) {
        slot.ready = true;
        startFailures = 0;
        dispatch();
        return;
      }
      const task = slot.task;
      if (task === null || task.id !== response.id) return;
      finish(slot);
      if (response.ok) task.resolve(response.article);
      else task.reject(deserializeError(response.error));
      dispatch();
    });
    worker.on('error', (error) => fail(slot, new WiredeskError('EXTRACT_FAILED', `extract: worker crashed: ${error.message}`, { url: slot.task?.input.url ?? null, cause: error })));
    worker.on('exit', (code) => fail(slot, new WiredeskError('EXTRACT_FAILED', `extract: worker exited with code ${code}`, { url: slot.task?.input.url ?? null })));
    return slot;
  };

  const finish = (slot: Slot): void => {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  };

  // The slot's worker is gone or must go: reject its task, put a fresh worker in its place.
  const fail = (slot: Slot, error: WiredeskError): void => {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    const task = slot.task;
    finish(slot);
    slots.splice(index, 1);
    void slot.worker.terminate();
    task?.reject(error);
    if (!slot.ready) startFailures++;
    if (!closed && startFailures < MAX_START_FAILURES) slots.push(spawn());
    if (slots.length === 0) {
      for (const queued of queue.splice(0)) queued.reject(new WiredeskError('EXTRACT_FAILED', `extract: workers cannot start: ${error.message}`, { url: queued.input.url }));
    }
    dispatch();
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (closed || queue.length === 0) break;
      if (slot.task !== null || !slot.ready) continue;
      const task = queue.shift();
      if (task === undefined) break;
      slot.task = task;
      slot.timer = setTimeout(() => {
        fail(slot, new WiredeskError('EXTRACT_TIMEOUT', `extract: over the ${timeoutMs} ms budget (${task.input.url})`, { url: task.input.url, retryable: false }));
      }, timeoutMs);
      try {
        const request: WorkerRequest = { id: task.id, input: plainInput(task.input) };
        slot.worker.postMessage(request);
      } catch (error) {
        // Input that cannot cross the thread boundary (a function in feedItem, …) fails alone.
        finish(slot);
        task.reject(toWiredeskError(error, 'EXTRACT_FAILED', task.input.url));
      }
    }
    // A worker keeps the process alive while it works, or while it is starting and tasks wait for it;
    // idle workers do not, so a caller that forgets close() can still exit.
    for (const slot of slots) {
      if (slot.task !== null || (!slot.ready && queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
  };

  // Workers start with the first page: a run that finds nothing new never pays for their start-up.
  let started = false;

  return {
    extract(input) {
      if (!isExtractInput(input)) return Promise.reject(new WiredeskError('EXTRACT_FAILED', 'extract: input needs html and url strings'));
      if (closed) return Promise.reject(new WiredeskError('ABORTED', 'extract: pool is closed', { url: input.url, retryable: true }));
      if (!started) {
        started = true;
        for (let i = 0; i < size; i++) slots.push(spawn());
      }
      if (slots.length === 0) return Promise.reject(new WiredeskError('EXTRACT_FAILED', 'extract: workers cannot start', { url: input.url }));
      return new Promise<ExtractedArticle>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      // Retryable: the page itself is fine, so the item stays unseen and the next run extracts it.
      const aborted = new WiredeskError('ABORTED', 'extract: pool closed', { retryable: true });
      for (const task of queue.splice(0)) task.reject(aborted);
      const all = slots.splice(0);
      for (const slot of all) {
        const task = slot.task;
        finish(slot);
        task?.reject(aborted);
      }
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}

function isExtractInput(input: unknown): input is ExtractInput {
  return typeof input === 'object' && input !== null && typeof (input as ExtractInput).html === 'string' && typeof (input as ExtractInput).url === 'string';
}

// Structured clone drops nothing we need, but strip unknown extras so a caller's object graph cannot fail the post.
function plainInput(input: ExtractInput): ExtractInput {
  return { html: input.html, url: input.url, feedItem: input.feedItem ?? null, site: input.site ?? null, maxHtmlBytes: input.maxHtmlBytes, now: input.now ?? null };
}

// Compiled: the sibling .js. From sources (vitest, tsx) the .ts worker needs tsx inside the thread; on Node 20
// neither `execArgv: ['--import', 'tsx']` nor `module.register` reach a worker's entry, so a one-line bootstrap
// registers tsx's CommonJS hook (a public tsx API) and then loads the worker source.
function startWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./extract-worker.js', import.meta.url), { resourceLimits });
  const require = createRequire(import.meta.url);
  const api = require.resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./extract-worker.ts', import.meta.url));
  return new Worker(`require(${JSON.stringify(api)}).register(); require(${JSON.stringify(entry)});`, { eval: true, resourceLimits });
}
