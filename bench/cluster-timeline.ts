/**
 * Where a politeness-bound crawl's wall time went, read from the wire's request log (arrival times
 * per host) and the workers' start: how late each host got its first request (start-up), how much
 * longer than the gap its requests were apart (idle: the host was due and nobody asked), and how
 * long after the last request the last source was done (tail). The crawl's wall time is, for its
 * slowest host, start + (requests − 1) × gap + idle + tail.
 */
import type { WireRequest } from '../tests/support/cluster-wire.js';

/** Excess of one gap over the configured one, bucketed (ms upper bounds; the last is open). */
const BUCKETS = [20, 100, 250, 500, 1_000, Infinity];

/** The breakdown `timeline` returns. */
export interface Timeline {
  /** First request of a host after the first worker started: median and max over hosts (ms). */
  startMedianMs: number;
  startMaxMs: number;
  /** Time beyond the gap between consecutive requests to one host, summed per host: mean and max over hosts (ms). */
  idleMeanMs: number;
  idleMaxMs: number;
  /** The host whose last request came last: its start, idle, and the time from its last request to the crawl's end. */
  critical: { host: string; requests: number; startMs: number; idleMs: number; lastMs: number };
  tailMs: number;
  /** Gaps over the configured one by how much they were over: count and summed excess (ms). */
  buckets: { upToMs: number; count: number; sumMs: number }[];
}

/** Reads the wire's requests made between `startedAt` and `endedAt` (absolute ms) against a gap of `gapMs`. */
export function timeline(requests: readonly WireRequest[], startedAt: number, endedAt: number, gapMs: number): Timeline {
  const byHost = new Map<string, number[]>();
  for (const r of requests) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r.at]);
  const starts: number[] = [];
  const idles: number[] = [];
  const buckets = BUCKETS.map((upToMs) => ({ upToMs, count: 0, sumMs: 0 }));
  let critical = { host: '', requests: 0, startMs: 0, idleMs: 0, lastMs: -Infinity };
  for (const [host, times] of byHost) {
    times.sort((a, b) => a - b);
    const start = times[0]! - startedAt;
    let idle = 0;
    for (let i = 1; i < times.length; i++) {
      const excess = Math.max(0, times[i]! - times[i - 1]! - gapMs);
      idle += excess;
      const bucket = buckets.find((b) => excess <= b.upToMs)!;
      bucket.count += 1;
      bucket.sumMs += excess;
    }
    starts.push(start);
    idles.push(idle);
    const last = times[times.length - 1]! - startedAt;
    if (last > critical.lastMs) critical = { host, requests: times.length, startMs: start, idleMs: idle, lastMs: last };
  }
  starts.sort((a, b) => a - b);
  return {
    startMedianMs: starts[Math.floor(starts.length / 2)] ?? 0,
    startMaxMs: starts[starts.length - 1] ?? 0,
    idleMeanMs: idles.reduce((a, b) => a + b, 0) / Math.max(1, idles.length),
    idleMaxMs: Math.max(0, ...idles),
    critical,
    tailMs: endedAt - startedAt - critical.lastMs,
    buckets,
  };
}

/** One line of `timeline`'s findings (seconds). */
export function describeTimeline(t: Timeline): string {
  const s = (ms: number): string => (ms / 1000).toFixed(2);
  const c = t.critical;
  const gaps = t.buckets.map((b) => `${b.upToMs === Infinity ? '>1000' : `≤${b.upToMs}`}: ${b.count} (${s(b.sumMs)} s)`).join(', ');
  return `first request per host median ${s(t.startMedianMs)} s, max ${s(t.startMaxMs)} s; idle beyond the gap per host mean ${s(t.idleMeanMs)} s, max ${s(t.idleMaxMs)} s; last host ${c.requests} requests: start ${s(c.startMs)} + idle ${s(c.idleMs)} + tail ${s(t.tailMs)} s; gaps over by ${gaps}`;
}
