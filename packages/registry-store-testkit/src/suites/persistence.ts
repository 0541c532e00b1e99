import { ModelRegistry, type RegistryStore } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { emptyModelRecord, fullModelRecord } from '../records.js';

export function persistenceSuite(h: Harness<RegistryStore>): void {
  describe('persistence across store instances', () => {
    it('a new instance reads every committed field', async () => {
      const store = await h.open();
      await store.transact((tx) => {
        tx.putModel(fullModelRecord('alpha'));
        tx.putModel(emptyModelRecord('beta'));
      });
      const again = await h.reopen(store);
      const reader = await again.read();
      expect(reader.modelNames().sort()).toEqual(['alpha', 'beta']);
      expect(reader.getModel('alpha')).toEqual(fullModelRecord('alpha'));
    });

    it('deletions persist', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(fullModelRecord('alpha')));
      await store.transact((tx) => tx.deleteModel('alpha'));
      expect((await (await h.reopen(store)).read()).modelNames()).toEqual([]);
    });

    it('instances see each other’s later commits, and old snapshots stay put', async () => {
      const store = await h.open();
      const registry = new ModelRegistry({ store });
      await registry.registerModel({ modelName: 'din' });
      const before = await store.read();
      const other = new ModelRegistry({ store: await h.reopen(store) });
      await other.registerModel({ modelName: 'din' });
      expect(Object.keys(before.getModel('din')?.versions ?? {})).toEqual(['v1']);
      expect(Object.keys((await registry.getModel('din'))?.versions ?? {}).sort()).toEqual([
        'v1',
        'v2',
      ]);
      // And the first instance can keep writing on top.
      const v3 = await registry.registerModel({ modelName: 'din' });
      expect(v3.version).toBe('v3');
    });
  });
}
