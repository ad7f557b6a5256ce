export { openStore, createRunId } from './open-store.js';
export type { Store, OpenStoreOptions, LatestRunPointer } from './open-store.js';
export { writeJsonAtomic, writeTextAtomic, readJsonFile, nodeAtomicFs } from './atomic-write.js';
export type { AtomicFs, AtomicWriteOptions } from './atomic-write.js';
export { STATE_FORMAT_VERSION, MAX_RECENT_ITEM_TIMES, emptyState, emptySourceState, pruneSeenKeys, recordItemTime } from './crawler-state.js';
export type { CrawlerState, SourceState, SourceErrorState, SeenEntry, StoredValidators } from './crawler-state.js';
export { LAYOUT, isValidId, articleRelPath, storyRelPath, runRelPath } from './store-layout.js';
export { isProcessAlive } from './dir-lock.js';
