import type { RegistryStore } from '@afs/registry-core';
import { afterEach } from 'vitest';

export type StoreFactory<S extends RegistryStore> = () => S | Promise<S>;

/** Opens stores for one test and releases them all afterwards. */
export interface Harness<S extends RegistryStore = RegistryStore> {
  /** A fresh, empty store from the factory. */
  open(): Promise<S>;
  /** A new instance over the same data as `store` (only when `canReopen`). */
  reopen(store: S): Promise<S>;
  readonly canReopen: boolean;
}

export interface HarnessOptions<S extends RegistryStore> {
  cleanup?: (store: S) => void | Promise<void>;
  reopen?: (store: S) => S | Promise<S>;
}

export function createHarness<S extends RegistryStore>(
  factory: StoreFactory<S>,
  options: HarnessOptions<S>,
): Harness<S> {
  const opened: S[] = [];
  const reopened: S[] = [];

  afterEach(async () => {
    // Close the extra instances first: cleanup may delete the data they point at.
    for (const store of reopened.splice(0)) await store.close?.();
    for (const store of opened.splice(0)) {
      await store.close?.();
      await options.cleanup?.(store);
    }
  });

  return {
    canReopen: options.reopen !== undefined,
    async open() {
      const store = await factory();
      opened.push(store);
      return store;
    },
    async reopen(store) {
      if (options.reopen === undefined) {
        throw new Error('This conformance run has no reopen option.');
      }
      const again = await options.reopen(store);
      reopened.push(again);
      return again;
    },
  };
}
