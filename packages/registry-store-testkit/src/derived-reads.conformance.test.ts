import {
  createMemoryStore,
  parentRefs,
  parseVersionRef,
  type RegistryReader,
  type RegistryStore,
  type RegistryTransaction,
  summarizeModel,
} from '@afs/registry-core';
import { describeStoreConformance } from './index.js';

/**
 * The optional reader methods, derived naively from the records. The memory
 * store has neither, so without this the kit's checks of them would never run
 * in this package.
 */
function derived<R extends RegistryReader>(reader: R): RegistryReader {
  return {
    modelNames: () => reader.modelNames(),
    getModel: (name) => reader.getModel(name),
    modelSummary(name) {
      const record = reader.getModel(name);
      return record === undefined ? undefined : summarizeModel(record);
    },
    modelsLinkedTo(name) {
      return reader.modelNames().filter((other) => {
        const record = other === name ? undefined : reader.getModel(other);
        return Object.values(record?.versions ?? {}).some((version) =>
          parentRefs(version).some((ref) => parseVersionRef(ref, other).modelName === name),
        );
      });
    },
  };
}

function withDerivedReads(store: RegistryStore): RegistryStore {
  return {
    specificationVersion: store.specificationVersion,
    name: `${store.name}+derived`,
    capabilities: store.capabilities,
    read: async () => derived(await store.read()),
    transact: (work) =>
      store.transact((tx) => {
        const view: RegistryTransaction = {
          ...derived(tx),
          putModel: (record) => tx.putModel(record),
          deleteModel: (name) => tx.deleteModel(name),
        };
        return work(view);
      }),
  };
}

describeStoreConformance('memory with modelSummary and modelsLinkedTo', () =>
  withDerivedReads(createMemoryStore()),
);
