import { parentPort } from 'node:worker_threads';
import { extractArticle } from './extract-article.js';
import type { ExtractInput } from './extract-types.js';
import { serializeError, type WorkerRequest, type WorkerResponse } from './worker-protocol.js';

// One extraction at a time per worker; the pool owns queueing, time budgets and replacement.
parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    response = { id: request.id, ok: true, article: extractArticle(request.input as ExtractInput) };
  } catch (error) {
    response = { id: request.id, ok: false, error: serializeError(error, request.input.url) };
  }
  parentPort?.postMessage(response);
});

// Tells the pool the modules are loaded: time budgets start only now, so start-up never counts against a page.
parentPort?.postMessage({ ready: true } satisfies WorkerResponse);
