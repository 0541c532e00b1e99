export { type AtomicWriteOptions, syncDirectory, writeFileAtomically } from './atomic-write.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_REGISTRY_FILE_NAME,
  READABLE_SCHEMA_VERSIONS,
  type RegistrySchemaVersion,
  STALE_TEMP_AGE_MS,
  UPGRADE_WARNING_CODE,
  WRITTEN_SCHEMA_VERSION,
} from './constants.js';
export type { CommitGuard, WriteCoordinator } from './coordinator.js';
export { type FileIssue, formatFilePath } from './corrupt.js';
export {
  type DecodedModel,
  decodeModelEntry,
  decodeRegistryDocument,
  type RegistryDocument,
} from './decode.js';
export { encodeModel, renderModelEntry, renderRegistryDocument } from './encode.js';
export {
  importLegacyLineage,
  type LineageConflict,
  type LineageField,
  type LineageImportOptions,
  type LineageImportReport,
  type LineageMerge,
  type LineageUnmerged,
} from './import-lineage.js';
export {
  importLegacyRegistry,
  type RegistryImportOptions,
  type RegistryImportReport,
} from './import-registry.js';
export type { ImportSource } from './import-source.js';
export { createJsonStore, type JsonStore, type JsonStoreOptions } from './json-store.js';
// The cross-process lock: held for a whole transaction by
// @afs/registry-store-fs-lock, and by this store only around publishing a
// commit, so that the conflict check and the rename happen as one step.
export { acquireLock, withLock } from './lock/acquire.js';
export { pause, retryDelay } from './lock/backoff.js';
export { lockFileSystemError } from './lock/errors.js';
export { HeldLock } from './lock/held-lock.js';
export { type MachineIdentity, machineIdentity, processId } from './lock/identity.js';
export { type HolderView, inspectLock, type LockState } from './lock/inspect.js';
export {
  DEFAULT_RETRY_MAX_MS,
  DEFAULT_RETRY_MIN_MS,
  DEFAULT_STALE_MS,
  DEFAULT_TIMEOUT_MS,
  type LockOptions,
  resolveLockOptions,
} from './lock/options.js';
export { lockPathFor, pendingPath, recordPath } from './lock/paths.js';
export { LOCK_RECORD_FORMAT, type LockRecord } from './lock/record.js';
export { judgeHolder, type Observer, processIsAlive, type Verdict } from './lock/staleness.js';
export { parseRegistryBytes } from './parse-json.js';
export { resolveRegistryFile } from './registry-path.js';
export { stringifyStable } from './stable-json.js';
export { removeStaleTempFiles, tempFileName } from './temp-files.js';
