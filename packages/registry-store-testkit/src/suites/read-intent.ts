import {
  isRegistryError,
  type ReadIntent,
  type RegistryStore,
  summarizeModel,
} from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { linkedRecords, storeRecords } from '../linked-records.js';

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

    it('a snapshot read with an intent keeps its moment: named models always, others or CONFLICT', async () => {
      const store = await h.open();
      const records = linkedRecords();
      await storeRecords(store, records);
      // A second instance has read nothing yet, so it reads as a fresh process would.
      const readers = [store, ...(h.canReopen ? [await h.reopen(store)] : [])];
      const snapshots = await Promise.all(
        readers.map((reader) => reader.read({ models: ['alpha', 'gamma'], linksTo: ['alpha'] })),
      );
      await store.transact((tx) => {
        tx.deleteModel('beta');
        tx.deleteModel('alpha');
        const gamma = tx.getModel('gamma');
        if (gamma === undefined) throw new Error('gamma is missing');
        gamma.metadata.description = 'changed';
        tx.putModel(gamma);
      });
      const old = new Map(records.map((record) => [record.metadata.modelName, record]));
      for (const before of snapshots) {
        expect(before.modelNames().sort()).toEqual([...old.keys()].sort());
        expect(before.getModel('alpha')).toEqual(old.get('alpha'));
        expect(before.getModel('gamma')).toEqual(old.get('gamma'));
        for (const name of ['beta', 'delta', 'epsilon', 'theta']) {
          expectOldOrConflict(() => before.getModel(name), old.get(name), name);
        }
        const gamma = old.get('gamma');
        if (before.modelSummary !== undefined && gamma !== undefined) {
          expectOldOrConflict(() => before.modelSummary?.('gamma'), summarizeModel(gamma), 'gamma');
        }
        if (before.modelsLinkedTo !== undefined) {
          expect(before.modelsLinkedTo('alpha')).toContain('beta');
        }
      }
    });
  });
}

/**
 * The old value, or a refusal with CONFLICT: the contract allows that for
 * models the intent did not name, never an answer from another moment.
 */
function expectOldOrConflict<T>(read: () => T, old: T, label: string): void {
  let value: T;
  try {
    value = read();
  } catch (error) {
    if (isRegistryError(error) && error.code === 'CONFLICT') return;
    throw error;
  }
  expect(value, label).toEqual(old);
}
