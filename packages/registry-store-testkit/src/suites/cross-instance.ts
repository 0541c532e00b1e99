import { isRegistryError, type RegistryStore } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { emptyModelRecord } from '../records.js';
import { increment } from './concurrency.js';

/** Stores that detect conflicts but do not serialise writers: the losing commit fails. */
export function conflictSuite(h: Harness<RegistryStore>): void {
  describe('conflicting writers (detectsConflicts)', () => {
    it('a commit over a concurrent one fails with CONFLICT and keeps the winner', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(emptyModelRecord('shared', 'start')));
      const other = await h.reopen(store);
      let workRuns = 0;
      await expect(
        store.transact(async (tx) => {
          workRuns += 1;
          tx.putModel(emptyModelRecord('shared', 'loser'));
          tx.putModel(emptyModelRecord('only-loser'));
          await other.transact((inner) => inner.putModel(emptyModelRecord('shared', 'winner')));
        }),
      ).rejects.toSatisfy((error) => isRegistryError(error, 'CONFLICT'));
      expect(workRuns).toBe(1);
      for (const instance of [store, other]) {
        const reader = await instance.read();
        expect(reader.getModel('shared')?.metadata.notes).toBe('winner');
        expect(reader.getModel('only-loser')).toBeUndefined();
      }
    });
  });
}

/** Stores that serialise writers across instances (and so processes): nothing is lost. */
export function crossProcessSuite(h: Harness<RegistryStore>): void {
  describe('writers in several instances (crossProcess)', () => {
    it('concurrent increments from two instances are all kept', async () => {
      const store = await h.open();
      const other = await h.reopen(store);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? store : other).transact((tx) => increment(tx)),
        ),
      );
      expect((await store.read()).getModel('counter')?.metadata.notes).toBe('20');
    });
  });
}
