import type { RegistryStore } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { emptyModelRecord, fullModelRecord } from '../records.js';

class WorkFailure extends Error {
  readonly marker = 'conformance';
}

export function transactionsSuite(h: Harness<RegistryStore>): void {
  describe('transactions', () => {
    it('returns what the work returns, sync or async', async () => {
      const store = await h.open();
      expect(await store.transact(() => 42)).toBe(42);
      const value = { answer: 'yes' };
      expect(await store.transact(async () => value)).toBe(value);
    });

    it('sees its own writes before they are committed', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(emptyModelRecord('old')));
      await store.transact((tx) => {
        tx.putModel(fullModelRecord('alpha'));
        expect(tx.getModel('alpha')).toEqual(fullModelRecord('alpha'));
        expect(tx.modelNames().sort()).toEqual(['alpha', 'old']);
        tx.deleteModel('old');
        expect(tx.getModel('old')).toBeUndefined();
        expect(tx.modelNames()).toEqual(['alpha']);
        tx.putModel(emptyModelRecord('old', 'back'));
        expect(tx.getModel('old')?.metadata.notes).toBe('back');
      });
      const reader = await store.read();
      expect(reader.modelNames().sort()).toEqual(['alpha', 'old']);
      expect(reader.getModel('old')?.metadata.notes).toBe('back');
    });

    it('commits nothing when the work throws, and the same error comes out', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(emptyModelRecord('kept')));
      const failure = new WorkFailure('work failed');
      await expect(
        store.transact((tx) => {
          tx.putModel(fullModelRecord('alpha'));
          tx.deleteModel('kept');
          throw failure;
        }),
      ).rejects.toBe(failure);
      const reader = await store.read();
      expect(reader.modelNames()).toEqual(['kept']);
      expect(reader.getModel('alpha')).toBeUndefined();
    });

    it('commits nothing when async work rejects, even after awaiting', async () => {
      const store = await h.open();
      const thrown = { notAnError: true };
      await expect(
        store.transact(async (tx) => {
          tx.putModel(emptyModelRecord('first'));
          await new Promise((resolve) => setTimeout(resolve, 5));
          tx.putModel(emptyModelRecord('second'));
          throw thrown;
        }),
      ).rejects.toBe(thrown);
      expect((await store.read()).modelNames()).toEqual([]);
    });

    it('works normally after a failed transaction', async () => {
      const store = await h.open();
      await store
        .transact(() => {
          throw new WorkFailure('first fails');
        })
        .catch(() => undefined);
      await store.transact((tx) => tx.putModel(emptyModelRecord('after')));
      expect((await store.read()).modelNames()).toEqual(['after']);
    });

    it('a transaction that writes nothing commits nothing', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(fullModelRecord('alpha')));
      const before = await store.read();
      const names = await store.transact((tx) => {
        tx.getModel('alpha');
        return tx.modelNames();
      });
      expect(names).toEqual(['alpha']);
      const after = await store.read();
      expect(after.modelNames()).toEqual(before.modelNames());
      expect(after.getModel('alpha')).toEqual(before.getModel('alpha'));
    });

    it('starts from the latest committed state', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(emptyModelRecord('alpha', 'one')));
      await store.transact((tx) => tx.putModel(emptyModelRecord('alpha', 'two')));
      const seen = await store.transact((tx) => tx.getModel('alpha')?.metadata.notes);
      expect(seen).toBe('two');
    });
  });
}
