// Runs the built CLI (dist/) like bin/wiredesk.js, then writes what the process cost to the file
// named by WIREDESK_MEASURE_OUT: CPU (user, system), peak RSS and /proc/self/io, so a bench can
// measure a crawl exactly as users run it without instrumenting the crawler itself.
// WIREDESK_CLOCK_OFFSET_MS shifts the process's clock (Date) by that many milliseconds: a bench that
// publishes "day N" of news minutes apart runs the crawler on day N too, so windows measured in
// hours (the story index's, the board's) hold what they would hold in a real crawl.
import { readFileSync, writeFileSync } from 'node:fs';

const offset = Number(process.env.WIREDESK_CLOCK_OFFSET_MS ?? 0);
if (offset !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}

// At the highest RSS seen (sampled every 100 ms): where the memory was, for a bench to print.
let atPeak = null;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (atPeak === null || m.rss > atPeak.rss) atPeak = m;
}, 100);
sampler.unref();

const { main } = await import('../../dist/cli/main.js');
const started = process.hrtime.bigint();
const code = await main(process.argv.slice(2));
const usage = process.resourceUsage();
let io = {};
try {
  for (const line of readFileSync('/proc/self/io', 'utf8').split('\n')) {
    const [key, value] = line.split(':');
    if (key && value) io[key.trim()] = Number(value.trim());
  }
} catch {
  io = {};
}
const out = process.env.WIREDESK_MEASURE_OUT;
if (out) writeFileSync(out, JSON.stringify({ code, wallMs: Number(process.hrtime.bigint() - started) / 1e6, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime, maxRssKb: usage.maxRSS, io, atPeak }));
process.exitCode = code;
