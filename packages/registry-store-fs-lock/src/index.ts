// The lock itself lives in @afs/registry-store-json (that store takes it
// briefly to publish a commit); it is re-exported here, where it is used whole.
export {
  acquireLock,
  DEFAULT_RETRY_MAX_MS,
  DEFAULT_RETRY_MIN_MS,
  DEFAULT_STALE_MS,
  DEFAULT_TIMEOUT_MS,
  HeldLock,
  type HolderView,
  inspectLock,
  judgeHolder,
  LOCK_RECORD_FORMAT,
  type LockOptions,
  type LockRecord,
  type LockState,
  lockPathFor,
  type MachineIdentity,
  machineIdentity,
  type Observer,
  pendingPath,
  processIsAlive,
  recordPath,
  type Verdict,
  withLock,
} from '@afs/registry-store-json';
export { createLockCoordinator } from './coordinator.js';
export { createFsLockStore, type FsLockStoreOptions } from './store.js';
