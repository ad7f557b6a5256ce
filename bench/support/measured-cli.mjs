// Runs the built CLI (dist/) like bin/wiredesk.js, then writes what the process cost to the file
// named by WIREDESK_MEASURE_OUT: CPU (user, system), peak RSS and /proc/self/io, so a bench can
// measure a crawl exactly as users run it without instrumenting the crawler itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { main } from '../../dist/cli/main.js';

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
if (out) writeFileSync(out, JSON.stringify({ code, wallMs: Number(process.hrtime.bigint() - started) / 1e6, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime, maxRssKb: usage.maxRSS, io }));
process.exitCode = code;
