export { createScheduler } from './scheduler.js';
export type { Scheduler, SchedulerOptions, SchedulerStateView, PlannedSource, RunSource } from './scheduler.js';
export { computeNextDue, adaptiveIntervalMs, backoffIntervalMs, applyJitter, baseIntervalMs, nextCronRun } from './compute-next-due.js';
export type { ComputeNextDueInput, NextDue, DueReason, SourceTiming } from './compute-next-due.js';
export { parseDuration } from './parse-duration.js';
