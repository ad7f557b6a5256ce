#!/usr/bin/env -S node --single-threaded-gc
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
// --single-threaded-gc: V8's parallel and concurrent GC threads cost a crawl more CPU than they save
// on the 1-2 cores a crawler shares. Measured with bench:growth (10 rounds of 1,000 articles, same
// tree, back to back): CPU per article in the last round 14.6 -> 11.5 ms, and x1.37 -> x1.02 of the
// first full-window round, because the helpers' marking cost grew with the heap (the story memory
// fills for 30 days); extraction 62-67 -> 74-75 pages per CPU-second (docs/notes/extract.md).
// Wall time and fetch -> file latency did not get worse. It is a process flag: it cannot be set
// once node runs, so `node bin/wiredesk.js` runs without it.
// --max-semi-space-size=16/32/64 beside it was measured and not taken (64: restart at 100,000 live x0.93 CPU,
// but +75 MB peak RSS per crawl and x0.95-0.98 extraction, the flag overriding the extractor worker's young
// generation; docs/notes/store.md, session semispace).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
