/** The cluster worker: source claims, cluster-wide politeness, the grouper role (PostgreSQL). */
export { runWorker, SOURCE_LEASE_MS, HEARTBEAT_MS, DEFAULT_SOURCES_IN_FLIGHT } from './run-worker.js';
export type { WorkerOptions, WorkerResult } from './run-worker.js';
export { Grouper, GROUPER_LOCK, buildSummary } from './grouper.js';
export type { GrouperOptions, GrouperStats } from './grouper.js';
export { ClusterHostGate } from './cluster-host-gate.js';
export type { ClusterHostGateOptions } from './cluster-host-gate.js';
export { SourceLane } from './source-lane.js';
export type { SourceLaneOptions } from './source-lane.js';
export { PgNotifier } from './pg-notifier.js';
export { queuedOf, pendingOf, comparePending } from './queue-payload.js';
export type { QueuedArticle } from './queue-payload.js';
