/** What the CLI commands do, callable from code and tests; the CLI only maps argv and exit codes. */
export { openCrawler } from './open-crawler.js';
export type { Crawler, OpenCrawlerOptions } from './open-crawler.js';
export { openSink, openState, openStateReadonly, openStateForRebuild, stateDirOf } from './open-stores.js';
export type { StoreLocation } from './open-stores.js';
export { loadAliases, BUNDLED_ALIASES } from './load-aliases.js';
export { outputStatus } from './output-status.js';
export type { OutputStatus, SourceStatus } from './output-status.js';
export { listStories } from './list-stories.js';
export { pruneOutput } from './prune-output.js';
export type { PruneResult } from './prune-output.js';
export { rebuildState } from './rebuild-state.js';
export type { RebuildResult } from './rebuild-state.js';
export { clusterDocs } from './cluster-docs.js';
export type { ClusterOptions } from './cluster-docs.js';
export { importV1StateIfAny } from './import-v1-state.js';
export { readOutputCatalog } from './read-output-catalog.js';
export type { OutputCatalog } from './read-output-catalog.js';
