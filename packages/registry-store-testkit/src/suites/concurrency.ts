import type { RegistryStore, RegistryTransaction } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { emptyModelRecord } from '../records.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Read-increment-write on a counter kept in a model's notes, with a pause in between. */
export async function increment(tx: RegistryTransaction, name = 'counter'): Promise<void> {
  const record = tx.getModel(name) ?? emptyModelRecord(name, '0');
  await tick();
  tx.putModel({
    ...record,
    metadata: { ...record.metadata, notes: String(Number(record.metadata.notes) + 1) },
  });
}

export function concurrencySuite(h: Harness<RegistryStore>): void {
  describe('concurrent transactions in one process', () => {
    it('serialise: 50 concurrent read-increment-write transactions lose no increment', async () => {
      const store = await h.open();
      let active = 0;
      let maxActive = 0;
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.transact(async (tx) => {
            active += 1;
            maxActive = Math.max(maxActive, active);
            await increment(tx);
            active -= 1;
          }),
        ),
      );
      expect(maxActive).toBe(1);
      expect((await store.read()).getModel('counter')?.metadata.notes).toBe('50');
    });

    it('a failing transaction among concurrent ones does not disturb the others', async () => {
      const store = await h.open();
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          store.transact(async (tx) => {
            await increment(tx);
            if (i % 3 === 0) throw new Error(`transaction ${i} fails`);
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
      expect((await store.read()).getModel('counter')?.metadata.notes).toBe('8');
    });

    it('read() during an open transaction shows only committed state', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(emptyModelRecord('committed')));
      let released = false;
      let open = (): void => undefined;
      const gate = new Promise<void>((resolve) => {
        open = () => {
          released = true;
          resolve();
        };
      });
      let entered = (): void => undefined;
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const pending = store.transact(async (tx) => {
        tx.putModel(emptyModelRecord('pending'));
        entered();
        await gate;
      });
      await inside;
      // A store may make read() wait for the open transaction, so release it
      // eventually; what read() must never show is the write before release.
      const timer = setTimeout(open, 50);
      const names = (await store.read()).modelNames().sort();
      if (!released) expect(names).toEqual(['committed']);
      else expect(names).toContain('committed');
      open();
      clearTimeout(timer);
      await pending;
      expect((await store.read()).modelNames().sort()).toEqual(['committed', 'pending']);
    });
  });
}
