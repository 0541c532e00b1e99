import type { RegistryReader, RegistryStore } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import {
  linkedRecords,
  modelsWithParentsIn,
  recordsOf,
  sampleRecord,
  storeRecords,
} from '../linked-records.js';

/**
 * Every model with a parent ref into each model is named, and never the model
 * itself. More names are allowed: the contract lets a store over-approximate.
 */
function expectLinks(reader: RegistryReader, label: string): void {
  const modelsLinkedTo = reader.modelsLinkedTo?.bind(reader);
  if (modelsLinkedTo === undefined) return;
  const records = recordsOf(reader);
  for (const { metadata } of records) {
    const name = metadata.modelName;
    const expected = modelsWithParentsIn(records, name);
    const linked = modelsLinkedTo(name);
    expect(linked, `${label} ${name}`).toEqual(expect.arrayContaining(expected));
    expect(linked, `${label} ${name}`).not.toContain(name);
  }
}

export function linkedModelsSuite(h: Harness<RegistryStore>): void {
  describe('linked models', () => {
    it('the sample registry links as documented', async () => {
      const store = await h.open();
      await storeRecords(store, linkedRecords());
      const records = recordsOf(await store.read());
      const links = Object.fromEntries(
        records.map(({ metadata }) => [
          metadata.modelName,
          modelsWithParentsIn(records, metadata.modelName),
        ]),
      );
      expect(links).toEqual({
        alpha: ['beta', 'epsilon'],
        beta: [],
        delta: ['theta'],
        epsilon: [],
        gamma: ['beta', 'epsilon'],
        theta: [],
      });
    });

    it('modelsLinkedTo, when the reader has it, names every model with a child of the model', async () => {
      const store = await h.open();
      await storeRecords(store, linkedRecords());
      const everything = { linksTo: ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'theta'] };
      for (const intent of [undefined, { linksTo: ['alpha'] }, everything, { models: ['beta'] }]) {
        expectLinks(await store.read(intent), JSON.stringify(intent) ?? 'read()');
      }
    });

    it('inside a transaction, links follow its own writes', async () => {
      const store = await h.open();
      await storeRecords(store, linkedRecords());
      await store.transact((tx) => {
        const beta = tx.getModel('beta');
        const v1 = beta?.versions.v1;
        if (beta === undefined || v1 === undefined) throw new Error('beta:v1 is missing');
        v1.parentVersion = 'delta:v1';
        tx.putModel(beta);
        tx.putModel(sampleRecord('iota', { v1: { parentVersion: 'epsilon:v2' } }));
        tx.deleteModel('theta');
        expectLinks(tx, 'transaction');
        if (tx.modelsLinkedTo !== undefined) {
          expect(tx.modelsLinkedTo('delta')).toContain('beta');
          expect(tx.modelsLinkedTo('epsilon')).toContain('iota');
        }
      });
    });
  });
}
