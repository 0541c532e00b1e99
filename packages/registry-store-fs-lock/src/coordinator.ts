import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RegistryError } from '@afs/registry-core';
import {
  acquireLock,
  type LockOptions,
  lockFileSystemError,
  lockPathFor,
  resolveLockOptions,
  type WriteCoordinator,
} from '@afs/registry-store-json';

/**
 * The JSON store's write coordinator backed by the cross-process lock: each
 * transaction runs while this process holds `<registry file>.lock`, and the
 * store asks `guard.assertHeld()` right before it publishes the commit.
 */
export function createLockCoordinator(options: LockOptions = {}): WriteCoordinator {
  // Validate now, so that a bad option fails when the store is made, not at the first write.
  resolveLockOptions(options);
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  return {
    name: 'fs-lock',
    exclusive(registryFile, critical) {
      if (closed) {
        return Promise.reject(
          new RegistryError(
            'STORE_ERROR',
            'This registry store has been closed. Create a new store to keep writing.',
            { registryFile },
          ),
        );
      }
      const run = (async () => {
        // The JSON store creates a missing registry folder at the first
        // commit; the lock lives in that folder, so it has to exist first.
        try {
          // Synchronous: cheaper than a thread-pool round trip on every transaction.
          mkdirSync(dirname(registryFile), { recursive: true, mode: 0o700 });
        } catch (error) {
          throw lockFileSystemError(lockPathFor(registryFile), 'create the folder for', error);
        }
        const lock = await acquireLock(lockPathFor(registryFile), options);
        try {
          return await critical(lock);
        } finally {
          await lock.release();
        }
      })();
      const tracked = run.catch(() => undefined);
      inFlight.add(tracked);
      void tracked.finally(() => inFlight.delete(tracked));
      return run;
    },
    async close() {
      closed = true;
      await Promise.all(inFlight);
    },
  };
}
