import type { Registry } from 'prom-client';
import type { SourceState } from '../store/index.js';
import type { SourceRunReport } from '../types/index.js';

/** What the daemon tells its metrics. */
export interface DaemonMetrics {
  /** The Prometheus registry (text exposition via `registry.metrics()`). */
  readonly registry: Registry;
  /** One fetch of the fetch layer ended (kind feed or article), whatever its outcome. */
  fetched(kind: 'feed' | 'article', seconds: number): void;
  /** A source crawl finished. */
  sourceDone(report: SourceRunReport, at: Date): void;
  /** Sources known from the saved state at start-up (their last success). */
  sourcesLoaded(sources: readonly SourceState[]): void;
  /** A config reload was applied (ok) or refused. */
  reloaded(ok: boolean): void;
}

/** Where the queue-depth gauges read from when scraped. */
export interface QueueDepthReader {
  (): { sourcesActive: number; sourcesWaiting: number; requestsQueued: number; sourcesRunning: number };
}

/** Histogram buckets of a fetch, in seconds: loopback-fast to a 60 s total timeout. */
const FETCH_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The daemon's Prometheus metrics (prom-client, one registry per daemon, no globals):
 * - `wiredesk_source_last_success_timestamp_seconds{source}`: when each source last crawled fine;
 * - `wiredesk_source_runs_total{status}`: source crawls by outcome (ok, partial, not-modified, failed);
 * - `wiredesk_failures_total{stage,code}`: what the run reports record: a failed feed (stage feed)
 *   or article (stage article), by error code;
 * - `wiredesk_articles_written_total{source}`: articles committed;
 * - `wiredesk_fetch_duration_seconds{kind}`: HTTP fetch latency (retries and redirects included);
 * - `wiredesk_queue_depth{queue}`: sources crawling (sources_active), waiting for a place
 *   (sources_waiting), in flight in the scheduler (sources_running), and requests waiting for
 *   their host, a slot or extraction room (requests_waiting);
 * - `wiredesk_config_reloads_total{result}`: SIGHUP reloads applied or refused;
 * - the process metrics prom-client collects by default (CPU, memory, event-loop lag, handles).
 * prom-client is loaded here, not at start-up: only a daemon with metrics uses it, and loading it
 * cost every CLI command ~120 ms CPU (of ~780 ms to load the CLI).
 */
export async function createDaemonMetrics(queueDepth: QueueDepthReader): Promise<DaemonMetrics> {
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const lastSuccess = new Gauge({ name: 'wiredesk_source_last_success_timestamp_seconds', help: 'Unix time of the last successful crawl of each source', labelNames: ['source'], registers });
  const runs = new Counter({ name: 'wiredesk_source_runs_total', help: 'Source crawls by outcome', labelNames: ['status'], registers });
  const failures = new Counter({ name: 'wiredesk_failures_total', help: 'Feed and article failures by error code', labelNames: ['stage', 'code'], registers });
  const written = new Counter({ name: 'wiredesk_articles_written_total', help: 'Articles committed to the output', labelNames: ['source'], registers });
  const latency = new Histogram({ name: 'wiredesk_fetch_duration_seconds', help: 'HTTP fetch latency, retries and redirects included', labelNames: ['kind'], buckets: FETCH_BUCKETS, registers });
  const reloads = new Counter({ name: 'wiredesk_config_reloads_total', help: 'Config reloads (SIGHUP) applied or refused', labelNames: ['result'], registers });
  new Gauge({
    name: 'wiredesk_queue_depth',
    help: 'Sources and requests waiting or in flight',
    labelNames: ['queue'],
    registers,
    collect() {
      const depth = queueDepth();
      this.set({ queue: 'sources_active' }, depth.sourcesActive);
      this.set({ queue: 'sources_waiting' }, depth.sourcesWaiting);
      this.set({ queue: 'sources_running' }, depth.sourcesRunning);
      this.set({ queue: 'requests_waiting' }, depth.requestsQueued);
    },
  });
  return {
    registry,
    fetched(kind, seconds) {
      latency.observe({ kind }, seconds);
    },
    sourceDone(report, at) {
      runs.inc({ status: report.status });
      if (report.status !== 'failed') lastSuccess.set({ source: report.name }, at.getTime() / 1000);
      if (report.error !== null) failures.inc({ stage: 'feed', code: report.error.code });
      for (const failure of report.failures) failures.inc({ stage: 'article', code: failure.code });
      if (report.articlesWritten > 0) written.inc({ source: report.name }, report.articlesWritten);
    },
    sourcesLoaded(sources) {
      for (const s of sources) if (s.lastSuccessAt !== null && s.name) lastSuccess.set({ source: s.name }, Date.parse(s.lastSuccessAt) / 1000);
    },
    reloaded(ok) {
      reloads.inc({ result: ok ? 'applied' : 'refused' });
    },
  };
}
