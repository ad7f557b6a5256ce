import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import type { StoryIndexInput } from '../../fingerprint/index.js';
import type { LoggedInputs } from '../state-store.js';

/** Fewest logged rows worth a worker: starting one costs ~5-10 ms here and ~40 ms of CPU in all. */
const BACKGROUND_ROWS = 256;
/** How long the replay waits for the worker's next row before decoding the rest itself. */
const STALL_MS = 2_000;
/**
 * Rows the worker decodes ahead of the replay at most. Unbounded, it decoded all ~4,000 rows
 * during the image restore and their inputs waited in the channel (+25 MB RSS at 100,000 live);
 * the replay takes a row in ~0.3-0.5 ms and the worker decodes one in ~0.03-0.07 ms, so a few
 * hundred ahead keep it ahead of the replay.
 */
const DECODE_AHEAD = 512;
/** The shared counters: rows posted by the worker, rows taken by the replay, and 1 once the replay stopped. */
const POSTED = 0;
const TAKEN = 1;
const STOPPED = 2;

/** One logged row as it was written (StoryIndexInput as deflated JSON). */
export function decodeInput(bytes: Uint8Array): StoryIndexInput {
  return JSON.parse(inflateRawSync(bytes).toString('utf8')) as StoryIndexInput;
}

/**
 * The worker's code (CommonJS, run with `eval`): inflates and parses each row in order and posts
 * the input (a structured clone of what JSON.parse gave: the same objects, strings and numbers),
 * counting the rows posted in `signal[POSTED]` (Atomics) so the replay can wait for the next, and
 * waiting while it is `ahead` rows past what the replay took (`signal[TAKEN]`) until it stops. A
 * row it cannot decode is posted as null: the replay decodes that row itself and so throws as a
 * synchronous decode would (a row of JSON `null` is decoded there too, to null as before).
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { inflateRawSync } = require('node:zlib');
const { rows, port, signal, ahead } = workerData;
for (let i = 0; i < rows.length; i += 1) {
  for (let taken = Atomics.load(signal, ${TAKEN}); i - taken >= ahead && Atomics.load(signal, ${STOPPED}) === 0; taken = Atomics.load(signal, ${TAKEN})) {
    Atomics.wait(signal, ${TAKEN}, taken, 1000);
  }
  if (Atomics.load(signal, ${STOPPED}) !== 0) break;
  let input = null;
  try { input = JSON.parse(inflateRawSync(rows[i]).toString('utf8')); } catch {}
  port.postMessage(input);
  Atomics.add(signal, ${POSTED}, 1);
  Atomics.notify(signal, ${POSTED});
}
`;

/**
 * Logged rows to replay (from ix_log, in order), inflated and parsed by a worker thread while the
 * snapshot is restored on the main thread: the replay takes each row's input from the channel.
 * Decoding ~4,000 rows took 0.25-0.4 s of a restart's replay at 100,000 live, ~0.1 s with the
 * worker inflating them and ~0.07-0.1 s with it parsing them too; on a second core it overlaps
 * the image restore, so it buys wall time, not CPU (the worker's work is the same, plus its
 * start). The inputs wait in the channel, serialized outside the JS heap, until the replay takes
 * them (decoded up front they were ~25 MB the collector marked through the whole restore; see
 * LoggedInputs). Few rows, a worker that cannot start or stalls, and any second iteration:
 * decoded on this thread, as before.
 */
export function loggedInputs(rows: Uint8Array[], options: { ahead?: number; stallMs?: number } = {}): LoggedInputs {
  const background = rows.length >= BACKGROUND_ROWS ? startInflating(rows, Math.max(1, options.ahead ?? DECODE_AHEAD), options.stallMs ?? STALL_MS) : null;
  let iterated = false;
  return {
    length: rows.length,
    *[Symbol.iterator]() {
      const inflated = iterated ? null : background;
      iterated = true;
      if (inflated === null) {
        for (const row of rows) yield decodeInput(row);
        return;
      }
      try {
        for (let i = 0; i < rows.length; i += 1) {
          const input = inflated.next();
          yield input === null ? decodeInput(rows[i] as Uint8Array) : input;
        }
      } finally {
        inflated.stop();
      }
    },
  };
}

interface Inflating {
  /** The next row's input, null when this thread must decode it (the worker could not). */
  next(): StoryIndexInput | null;
  stop(): void;
}

function startInflating(rows: Uint8Array[], ahead: number, stallMs: number): Inflating | null {
  let port: MessagePort;
  const signal = new Int32Array(new SharedArrayBuffer(3 * 4));
  try {
    const channel = new MessageChannel();
    port = channel.port1;
    // No execArgv: the worker needs neither the parent's flags nor its loaders (tsx under the benches).
    const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { rows, port: channel.port2, signal, ahead }, transferList: [channel.port2] });
    worker.unref();
    worker.on('error', () => {});
  } catch {
    return null;
  }
  let taken = 0;
  let stalled = false;
  return {
    next(): StoryIndexInput | null {
      if (stalled) return null;
      for (;;) {
        const message = receiveMessageOnPort(port);
        if (message !== undefined) {
          taken += 1;
          Atomics.store(signal, TAKEN, taken);
          Atomics.notify(signal, TAKEN);
          return message.message as StoryIndexInput | null;
        }
        // Nothing posted past what was taken: wait for the worker (a worker that died never posts again).
        if (Atomics.load(signal, POSTED) === taken && Atomics.wait(signal, POSTED, taken, stallMs) === 'timed-out') {
          stalled = true;
          this.stop();
          return null;
        }
      }
    },
    stop(): void {
      // The worker ends itself at its next row. Terminating it instead could catch it inside
      // inflateRawSync between creating a zlib handle and initialising it, and Node then aborts the
      // whole process when it tears the worker down ("close before init", node_zlib.cc): seen once
      // in CI when a test stopped the replay while the worker was decoding.
      Atomics.store(signal, STOPPED, 1);
      Atomics.notify(signal, TAKEN);
      port.close();
    },
  };
}
