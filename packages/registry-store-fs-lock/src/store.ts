import {
  createJsonStore,
  type JsonStore,
  type JsonStoreOptions,
  type LockOptions,
} from '@afs/registry-store-json';
import { createLockCoordinator } from './coordinator.js';

/** The JSON store's options (less `coordinator`, which this package supplies) and the lock's. */
export interface FsLockStoreOptions extends Omit<JsonStoreOptions, 'coordinator'>, LockOptions {
  /** Told about upgrades of old files, stale locks taken over and failed releases. */
  onNotice?: (message: string) => void;
}

/**
 * The JSON file store with every transaction run under a cross-process lock
 * (`<registry file>.lock`), so writers in several processes, or on several
 * hosts sharing a folder, wait for each other instead of failing with
 * `CONFLICT`. Reads never lock.
 */
export function createFsLockStore(options: FsLockStoreOptions): JsonStore {
  const { staleMs, timeoutMs, retryMinMs, retryMaxMs, identity, ...jsonOptions } = options;
  const lockOptions: LockOptions = { staleMs, timeoutMs, retryMinMs, retryMaxMs, identity };
  if (options.onNotice !== undefined) lockOptions.onNotice = options.onNotice;
  return createJsonStore({ ...jsonOptions, coordinator: createLockCoordinator(lockOptions) });
}
