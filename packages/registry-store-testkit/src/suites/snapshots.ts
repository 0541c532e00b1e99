import type { RegistryStore } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { emptyModelRecord, fullModelRecord } from '../records.js';

export function snapshotsSuite(h: Harness<RegistryStore>): void {
  describe('snapshots and copies', () => {
    it('a snapshot does not change when later transactions commit', async () => {
      const store = await h.open();
      await store.transact((tx) => {
        tx.putModel(fullModelRecord('alpha'));
        tx.putModel(emptyModelRecord('beta'));
      });
      const before = await store.read();
      await store.transact((tx) => {
        tx.deleteModel('alpha');
        tx.putModel(emptyModelRecord('beta', 'changed'));
        tx.putModel(emptyModelRecord('gamma'));
      });
      expect(before.modelNames().sort()).toEqual(['alpha', 'beta']);
      expect(before.getModel('alpha')).toEqual(fullModelRecord('alpha'));
      expect(before.getModel('beta')?.metadata.notes).toBe('');
      expect(before.getModel('gamma')).toBeUndefined();
      const after = await store.read();
      expect(after.modelNames().sort()).toEqual(['beta', 'gamma']);
      expect(after.getModel('beta')?.metadata.notes).toBe('changed');
    });

    it('records from a snapshot are copies: changing them changes nothing', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(fullModelRecord('alpha')));
      const reader = await store.read();
      const copy = reader.getModel('alpha');
      if (copy === undefined) throw new Error('alpha is missing');
      copy.metadata.tags.push('mutated');
      copy.metadata.description = 'mutated';
      const v1 = copy.versions.v1;
      if (v1) {
        v1.training.samples = -1;
        v1.evaluationScores.rougeScores.rouge1 = 99;
        v1.evaluationScores.customMetrics.added = 1;
        v1.trainingDataSources.push('mutated');
      }
      delete copy.versions.v2;
      copy.deployments.length = 0;
      expect(reader.getModel('alpha')).toEqual(fullModelRecord('alpha'));
      expect((await store.read()).getModel('alpha')).toEqual(fullModelRecord('alpha'));
    });

    it('mutating the names list changes nothing', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(emptyModelRecord('alpha')));
      const reader = await store.read();
      reader.modelNames().push('ghost');
      expect(reader.modelNames()).toEqual(['alpha']);
    });

    it('putModel copies its argument, at once', async () => {
      const store = await h.open();
      const record = fullModelRecord('alpha');
      await store.transact((tx) => {
        tx.putModel(record);
        record.metadata.owner = 'changed inside the transaction';
      });
      record.metadata.description = 'changed after the commit';
      expect((await store.read()).getModel('alpha')).toEqual(fullModelRecord('alpha'));
    });

    it('records read inside a transaction are copies too', async () => {
      const store = await h.open();
      await store.transact((tx) => tx.putModel(fullModelRecord('alpha')));
      await store.transact((tx) => {
        const copy = tx.getModel('alpha');
        if (copy) copy.metadata.owner = 'not put back';
        expect(tx.getModel('alpha')?.metadata.owner).toBe('lab-42');
      });
      expect((await store.read()).getModel('alpha')).toEqual(fullModelRecord('alpha'));
    });
  });
}
