import type { RegistryStore, StoreCapabilities } from '@afs/registry-core';
import { describe } from 'vitest';
import { createHarness, type Harness, type StoreFactory } from './harness.js';
import { basicsSuite } from './suites/basics.js';
import { concurrencySuite } from './suites/concurrency.js';
import { contractSuite } from './suites/contract.js';
import { conflictSuite, crossProcessSuite } from './suites/cross-instance.js';
import { linkedModelsSuite } from './suites/linked-models.js';
import { persistenceSuite } from './suites/persistence.js';
import { readIntentSuite } from './suites/read-intent.js';
import { registrySuite } from './suites/registry.js';
import { roundTripSuite } from './suites/round-trip.js';
import { snapshotsSuite } from './suites/snapshots.js';
import { summariesSuite } from './suites/summaries.js';
import { transactionsSuite } from './suites/transactions.js';

/** The groups of the conformance suite, for `skip`. */
export const CONFORMANCE_SUITES = [
  'contract',
  'basics',
  'snapshots',
  'transactions',
  'concurrency',
  'round-trip',
  'registry',
  'read-intent',
  'summaries',
  'linked-models',
  'persistence',
  'conflicts',
  'cross-process',
] as const;
export type ConformanceSuite = (typeof CONFORMANCE_SUITES)[number];

export interface ConformanceOptions<S extends RegistryStore = RegistryStore> {
  /** Called after each test for every store the factory made (after `close()`), e.g. to delete a temp folder. */
  cleanup?: (store: S) => void | Promise<void>;
  /**
   * A second, independent instance over the same data as `store` (same file,
   * same database...). Enables the persistence and multi-instance tests.
   */
  reopen?: (store: S) => S | Promise<S>;
  /** Groups to mark as skipped (they show as skipped in the report, not as passed). */
  skip?: readonly ConformanceSuite[];
}

type Suite = (h: Harness<RegistryStore>) => void;

/** Which groups apply to a store that declares `capabilities`, given whether it can be reopened. */
export function applicableSuites(
  capabilities: StoreCapabilities,
  canReopen: boolean,
): ConformanceSuite[] {
  const suites: ConformanceSuite[] = [
    'contract',
    'basics',
    'snapshots',
    'transactions',
    'concurrency',
    'round-trip',
    'registry',
    'read-intent',
    'summaries',
    'linked-models',
  ];
  if (capabilities.persistent && canReopen) suites.push('persistence');
  // With cross-process exclusion a nested commit from another instance would
  // wait for the lock instead of conflicting, so the conflict test needs both.
  if (capabilities.detectsConflicts && !capabilities.crossProcess && canReopen) {
    suites.push('conflicts');
  }
  if (capabilities.crossProcess && canReopen) suites.push('cross-process');
  return suites;
}

const SUITES: Record<ConformanceSuite, Suite> = {
  contract: contractSuite,
  basics: basicsSuite,
  snapshots: snapshotsSuite,
  transactions: transactionsSuite,
  concurrency: concurrencySuite,
  'round-trip': roundTripSuite,
  registry: registrySuite,
  'read-intent': readIntentSuite,
  summaries: summariesSuite,
  'linked-models': linkedModelsSuite,
  persistence: persistenceSuite,
  conflicts: conflictSuite,
  'cross-process': crossProcessSuite,
};

/**
 * Register the conformance suite for a RegistryStore adapter with vitest.
 * `factory` must return a fresh, empty store each time it is called; every
 * test gets its own. The groups that run follow the capabilities the store
 * declares (one store is made up front to read them): persistence and
 * multi-instance tests also need `options.reopen`. Groups that do not apply
 * are not registered at all.
 */
export function describeStoreConformance<S extends RegistryStore>(
  name: string,
  factory: StoreFactory<S>,
  options: ConformanceOptions<S> = {},
): void {
  describe(`RegistryStore conformance: ${name}`, async () => {
    const probe = await factory();
    const capabilities = { ...probe.capabilities };
    await probe.close?.();
    await options.cleanup?.(probe);

    const harness = createHarness(factory, options) as unknown as Harness<RegistryStore>;
    const skipped = new Set(options.skip ?? []);
    for (const suite of applicableSuites(capabilities, harness.canReopen)) {
      if (skipped.has(suite)) describe.skip(suite, () => SUITES[suite](harness));
      else SUITES[suite](harness);
    }
  });
}
