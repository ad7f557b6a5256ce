/**
 * What one phase of the extraction bench cost the process, read from Linux's per-thread accounting:
 * process CPU (every thread), the main thread's CPU (the bench's own dispatch, file reads and gunzip, and the
 * structured-clone decoding of results), so "extraction CPU" = process − main thread = the worker thread(s)
 * plus the V8 helper threads that collect their garbage; the CPU of the threads started during the phase
 * (the pool's worker threads) on their own; wall time; and the peak RSS of the whole process (workers share it).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

/** A reading taken at the start of a phase. */
export interface ProbeMark {
  wallNs: bigint;
  processCpuUs: number;
  mainCpuNs: number;
  /** Per-thread CPU (ns) of threads alive at the mark. */
  threads: Map<string, number>;
}

/** The cost of a phase, between two marks. */
export interface PhaseCost {
  wallMs: number;
  /** Every thread of the process (process.cpuUsage: user + system). */
  processCpuMs: number;
  /** The main thread alone (/proc/self/task/PID/schedstat). */
  mainCpuMs: number;
  /** processCpuMs − mainCpuMs: the extraction workers and the helper threads working for them. */
  extractionCpuMs: number;
  /** Threads that were not alive at `baseTids` (the pool's worker threads), as far as they are still alive. */
  workerThreadCpuMs: number;
}

/** Whether per-thread CPU can be read here (Linux with schedstat); if not, the bench falls back to process CPU. */
export function canReadThreadCpu(): boolean {
  return readThreadNs(String(process.pid)) !== null;
}

/** Thread ids alive now (to tell the pool's threads, started later, from the process's own). */
export function liveThreadIds(): Set<string> {
  try {
    return new Set(readdirSync('/proc/self/task'));
  } catch {
    return new Set();
  }
}

/** Reads every counter at the start of a phase. */
export function markPhase(): ProbeMark {
  const cpu = process.cpuUsage();
  const threads = new Map<string, number>();
  for (const tid of liveThreadIds()) {
    const ns = readThreadNs(tid);
    if (ns !== null) threads.set(tid, ns);
  }
  return { wallNs: process.hrtime.bigint(), processCpuUs: cpu.user + cpu.system, mainCpuNs: readThreadNs(String(process.pid)) ?? 0, threads };
}

/**
 * The cost since `start`. `baseTids` are the threads alive before the pool existed: every other thread is the
 * pool's. A worker replaced during the phase (timeout, crash) takes its CPU with it from `workerThreadCpuMs`,
 * not from `extractionCpuMs`.
 */
export function costSince(start: ProbeMark, baseTids: ReadonlySet<string>): PhaseCost {
  const end = markPhase();
  const processCpuMs = (end.processCpuUs - start.processCpuUs) / 1000;
  const mainCpuMs = (end.mainCpuNs - start.mainCpuNs) / 1e6;
  let workerNs = 0;
  for (const [tid, ns] of end.threads) if (!baseTids.has(tid)) workerNs += ns - (start.threads.get(tid) ?? 0);
  return { wallMs: Number(end.wallNs - start.wallNs) / 1e6, processCpuMs, mainCpuMs, extractionCpuMs: processCpuMs - mainCpuMs, workerThreadCpuMs: workerNs / 1e6 };
}

/**
 * Resets the kernel's peak-RSS mark of this process (`5` to /proc/self/clear_refs), so `peakRssMb` reads the
 * peak of the phase alone. Returns false where that is not allowed; the bench then samples RSS instead.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The kernel's peak RSS (VmHWM) of the process since start or the last reset, in MB; null where unreadable. */
export function peakRssMb(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match === null ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

/**
 * Samples RSS every `everyMs` (the fallback, and a cross-check of VmHWM). The main thread mostly waits on
 * the worker during a phase, so the timer runs on time.
 */
export function sampleRss(everyMs: number): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) / 2 ** 20;
    },
  };
}

// schedstat's first field: time on CPU in ns (exact, unlike stat's clock ticks).
function readThreadNs(tid: string): number | null {
  try {
    const first = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0];
    const ns = Number(first);
    return Number.isFinite(ns) ? ns : null;
  } catch {
    return null;
  }
}
