import {
  type ModelRecord,
  type ReadIntent,
  type RegistryStore,
  summarizeModel,
} from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { linkedRecords, recordsOf, storeRecords } from '../linked-records.js';

const INTENTS: readonly ReadIntent[] = [
  {},
  { models: [] },
  { models: ['alpha'] },
  { models: ['beta', 'delta', 'absent'] },
  { summaries: true },
  { summaries: false },
  { linksTo: ['alpha'] },
  { linksTo: ['delta', 'absent'] },
  { models: ['alpha'], summaries: true },
  { models: ['gamma'], linksTo: ['gamma'] },
  { models: ['alpha'], summaries: true, linksTo: ['alpha', 'gamma'] },
];

export function readIntentSuite(h: Harness<RegistryStore>): void {
  describe('read intents', () => {
    it('every intent gives a reader that answers every model as read() does', async () => {
      const store = await h.open();
      await storeRecords(store, linkedRecords());
      const plain = await store.read();
      const names = plain.modelNames().sort();
      expect(names).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'gamma', 'theta']);
      for (const intent of INTENTS) {
        const reader = await store.read(intent);
        const label = JSON.stringify(intent);
        expect(reader.modelNames().sort(), label).toEqual(names);
        for (const name of [...names, 'absent']) {
          expect(reader.getModel(name), `${label} ${name}`).toEqual(plain.getModel(name));
        }
      }
    });

    it('a snapshot read with an intent keeps its moment for models outside it too', async () => {
      const store = await h.open();
      const records = linkedRecords();
      await storeRecords(store, records);
      const before = await store.read({ models: ['alpha'], linksTo: ['alpha'] });
      await store.transact((tx) => {
        tx.deleteModel('beta');
        tx.deleteModel('alpha');
        const gamma = tx.getModel('gamma');
        if (gamma === undefined) throw new Error('gamma is missing');
        gamma.metadata.description = 'changed';
        tx.putModel(gamma);
      });
      const byName = (a: ModelRecord, b: ModelRecord) =>
        a.metadata.modelName < b.metadata.modelName ? -1 : 1;
      expect(recordsOf(before)).toEqual([...records].sort(byName));
      const gamma = records.find((record) => record.metadata.modelName === 'gamma');
      if (before.modelSummary !== undefined && gamma !== undefined) {
        expect(before.modelSummary('gamma')).toEqual(summarizeModel(gamma));
      }
      if (before.modelsLinkedTo !== undefined) {
        expect(before.modelsLinkedTo('alpha')).toContain('beta');
      }
    });
  });
}
