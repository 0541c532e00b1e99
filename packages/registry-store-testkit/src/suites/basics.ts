import type { RegistryStore } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { emptyModelRecord, fullModelRecord } from '../records.js';

export function basicsSuite(h: Harness<RegistryStore>): void {
  describe('reading and writing models', () => {
    it('starts empty', async () => {
      const store = await h.open();
      const reader = await store.read();
      expect(reader.modelNames()).toEqual([]);
      expect(reader.getModel('anything')).toBeUndefined();
      const seen = await store.transact((tx) => [tx.modelNames(), tx.getModel('anything')]);
      expect(seen).toEqual([[], undefined]);
    });

    it('stores a model with putModel and returns it with getModel', async () => {
      const store = await h.open();
      const record = fullModelRecord('alpha');
      await store.transact((tx) => tx.putModel(record));
      const reader = await store.read();
      expect(reader.modelNames()).toEqual(['alpha']);
      expect(reader.getModel('alpha')).toEqual(record);
      expect(reader.getModel('beta')).toBeUndefined();
    });

    it('lists every model name once, in any order', async () => {
      const store = await h.open();
      const names = ['m-1', 'm.2', 'M_3', 'z', 'a'];
      await store.transact((tx) => {
        for (const name of names) tx.putModel(emptyModelRecord(name));
        tx.putModel(emptyModelRecord('m-1', 'again'));
      });
      await store.transact((tx) => tx.putModel(emptyModelRecord('z', 'later')));
      expect((await store.read()).modelNames().sort()).toEqual([...names].sort());
    });

    it('replaces the whole record on putModel', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(fullModelRecord('alpha')));
      const smaller = fullModelRecord('alpha');
      delete smaller.versions.v1;
      smaller.deployments = [];
      smaller.metadata.tags = [];
      await store.transact((tx) => tx.putModel(smaller));
      expect((await store.read()).getModel('alpha')).toEqual(smaller);
    });

    it('removes a model and all its versions with deleteModel', async () => {
      const store = await h.open();
      await store.transact((tx) => {
        tx.putModel(fullModelRecord('alpha'));
        tx.putModel(fullModelRecord('beta'));
      });
      await store.transact((tx) => tx.deleteModel('alpha'));
      const reader = await store.read();
      expect(reader.modelNames()).toEqual(['beta']);
      expect(reader.getModel('alpha')).toBeUndefined();
      expect(reader.getModel('beta')).toEqual(fullModelRecord('beta'));
    });

    it('treats deleting a missing model as no error', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(emptyModelRecord('kept')));
      await expect(store.transact((tx) => tx.deleteModel('never-there'))).resolves.toBeUndefined();
      expect((await store.read()).modelNames()).toEqual(['kept']);
    });

    it('can delete and re-create a model', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(fullModelRecord('alpha')));
      await store.transact((tx) => tx.deleteModel('alpha'));
      await store.transact((tx) => tx.putModel(emptyModelRecord('alpha', 'reborn')));
      expect((await store.read()).getModel('alpha')).toEqual(emptyModelRecord('alpha', 'reborn'));
    });
  });
}
