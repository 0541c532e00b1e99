export { createLockCoordinator } from './coordinator.js';
export { acquireLock, withLock } from './lock/acquire.js';
export { HeldLock } from './lock/held-lock.js';
export { type MachineIdentity, machineIdentity } from './lock/identity.js';
export { type HolderView, inspectLock, type LockState } from './lock/inspect.js';
export {
  DEFAULT_RETRY_MAX_MS,
  DEFAULT_RETRY_MIN_MS,
  DEFAULT_STALE_MS,
  DEFAULT_TIMEOUT_MS,
  type LockOptions,
} from './lock/options.js';
export { lockPathFor, pendingPath, recordPath } from './lock/paths.js';
export { LOCK_RECORD_FORMAT, type LockRecord } from './lock/record.js';
export { judgeHolder, type Observer, processIsAlive, type Verdict } from './lock/staleness.js';
export { createFsLockStore, type FsLockStoreOptions } from './store.js';
