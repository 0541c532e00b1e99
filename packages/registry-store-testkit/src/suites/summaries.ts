import {
  ModelRegistry,
  type RegistryReader,
  type RegistryStore,
  summarizeModel,
} from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { linkedRecords, recordsOf, storeRecords } from '../linked-records.js';

/** `modelSummary` of every model (and of a missing one) against the summary of its record. */
function expectSummaries(reader: RegistryReader, label: string): void {
  const modelSummary = reader.modelSummary?.bind(reader);
  if (modelSummary === undefined) return;
  for (const record of recordsOf(reader)) {
    const name = record.metadata.modelName;
    expect(modelSummary(name), `${label} ${name}`).toEqual(summarizeModel(record));
  }
  expect(modelSummary('absent'), label).toBeUndefined();
}

export function summariesSuite(h: Harness<RegistryStore>): void {
  describe('model summaries', () => {
    it('modelSummary, when the reader has it, equals the summary of the record', async () => {
      const store = await h.open();
      await storeRecords(store, linkedRecords());
      for (const intent of [undefined, { summaries: true }, { models: ['alpha'] }]) {
        expectSummaries(await store.read(intent), JSON.stringify(intent) ?? 'read()');
      }
    });

    it('the sample registry summarises as documented', async () => {
      const store = await h.open();
      await storeRecords(store, linkedRecords());
      const reader = await store.read({ summaries: true });
      const summaryOf = (name: string) =>
        reader.modelSummary?.(name) ?? summarizeModel(reader.getModel(name) ?? fail(name));
      expect(summaryOf('alpha')).toMatchObject({
        versionCount: 6,
        latestVersion: '10',
        deployedVersion: '10',
        owner: 'lab',
        tags: ['a', 'b'],
        createdAt: '2026-01-01T00:00:00Z',
      });
      expect(summaryOf('gamma')).toMatchObject({ latestVersion: 'v3', deployedVersion: 'v2' });
      expect(summaryOf('delta')).toEqual({
        modelName: 'delta',
        description: 'no versions yet',
        owner: 'ops',
        tags: [],
        versionCount: 0,
        latestVersion: undefined,
        deployedVersion: undefined,
        createdAt: undefined,
      });
    });

    it('ModelRegistry.listModels lists the summaries of the records, by name', async () => {
      const store = await h.open();
      await storeRecords(store, linkedRecords());
      const expected = recordsOf(await store.read()).map(summarizeModel);
      expect(await new ModelRegistry({ store }).listModels()).toEqual(expected);
    });

    it('inside a transaction, summaries follow its own writes', async () => {
      const store = await h.open();
      await storeRecords(store, linkedRecords());
      await store.transact((tx) => {
        const gamma = tx.getModel('gamma') ?? fail('gamma');
        delete gamma.versions.v2;
        gamma.metadata.tags = ['edited'];
        tx.putModel(gamma);
        tx.deleteModel('delta');
        expectSummaries(tx, 'transaction');
        if (tx.modelSummary !== undefined) {
          expect(tx.modelSummary('gamma')).toMatchObject({
            deployedVersion: 'v3',
            tags: ['edited'],
          });
          expect(tx.modelSummary('delta')).toBeUndefined();
        }
      });
    });
  });
}

function fail(name: string): never {
  throw new Error(`${name} is missing`);
}
