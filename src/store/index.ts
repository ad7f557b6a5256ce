/** Storage: the output sink (files) and the state store (SQLite), each behind its interface. */
export type { OutputSink, LatestRunPointer } from './output-sink.js';
export type {
  StateStore,
  SourceState,
  SourceErrorState,
  StoredValidators,
  SeenEntry,
  ArticleEntry,
  CommitIntent,
  ArticleCommit,
  StateContents,
  StateStats,
  StoryIndexLoad,
  LoggedInputs,
} from './state-store.js';
export { emptySourceState, recordItemTime, MAX_RECENT_ITEM_TIMES } from './state-store.js';
export { openFileSink, FileSink, isProcessAlive } from './file/file-sink.js';
export type { FileSinkOptions } from './file/file-sink.js';
export { writeJsonAtomic, writeTextAtomic, readJsonFile, nodeAtomicFs } from './file/atomic-write.js';
export type { AtomicFs, AtomicWriteOptions } from './file/atomic-write.js';
export { LAYOUT, isValidId } from './file/store-layout.js';
export { readLockInfo } from './file/output-lock.js';
export type { LockInfo } from './file/output-lock.js';
export { openSqliteStateStore, setAsideSqliteState, SqliteStateStore, STATE_DB_FILE } from './sqlite/sqlite-state-store.js';
export type { SqliteStateStoreOptions } from './sqlite/sqlite-state-store.js';
export { readV1State, setAsideV1State, V1_STATE_FILE } from './legacy/v1-state.js';
export type { V1State } from './legacy/v1-state.js';
export { openPgStores } from './postgres/open-pg.js';
export type { PgStores, OpenPgOptions } from './postgres/open-pg.js';
export { PgStateStore } from './postgres/pg-state-store.js';
export { PgReaderSink, READER_CHANNEL } from './postgres/pg-reader-sink.js';
export { ClusterDb } from './postgres/pg-cluster.js';
export type { QueueEntry, QueueItem, HostClaim, HostLeaseTerms, ClusterStatus, ClaimedSource, HandledItems, FinishedCrawl } from './postgres/pg-cluster.js';
export { openPgClient, openPgPool, QueryTally, isPgUrl, redactPgUrl, isTransientPgError, withPgRetry } from './postgres/pg-connect.js';
export type { PgPool, PgRetryOptions } from './postgres/pg-connect.js';
export { PG_SCHEMA_VERSION } from './postgres/pg-schema.js';
