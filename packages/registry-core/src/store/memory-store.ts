import { type ModelRecord, type ModelRecordInput, ModelRecordSchema } from '../schema/records.js';
import {
  type RegistryReader,
  type RegistryStore,
  STORE_SPECIFICATION_VERSION,
} from './contract.js';
import { TransactionDraft } from './draft.js';
import { createSerialQueue } from './serial-queue.js';

export interface MemoryStoreOptions {
  /** Records to start with; validated like anything read from a file. */
  initial?: readonly ModelRecordInput[];
}

class MapReader implements RegistryReader {
  constructor(private readonly records: ReadonlyMap<string, ModelRecord>) {}
  modelNames(): string[] {
    return [...this.records.keys()];
  }
  getModel(name: string): ModelRecord | undefined {
    const record = this.records.get(name);
    return record === undefined ? undefined : structuredClone(record);
  }
}

/** A store that lives in one process: for tests, examples and throwaway registries. */
export function createMemoryStore(options: MemoryStoreOptions = {}): RegistryStore {
  // Copy-on-write: each commit installs a new map, so an earlier snapshot keeps its view.
  let committed = new Map<string, ModelRecord>();
  for (const input of options.initial ?? []) {
    const record = ModelRecordSchema.parse(input);
    committed.set(record.metadata.modelName, record);
  }
  const serial = createSerialQueue();

  return {
    specificationVersion: STORE_SPECIFICATION_VERSION,
    name: 'memory',
    capabilities: { persistent: false, crossProcess: false, detectsConflicts: false },
    async read() {
      return new MapReader(committed);
    },
    transact(work) {
      return serial(async () => {
        const draft = new TransactionDraft(new MapReader(committed));
        const result = await work(draft);
        if (draft.hasChanges) {
          const next = new Map(committed);
          for (const [name, record] of draft.changes()) {
            if (record === undefined) next.delete(name);
            else next.set(name, ModelRecordSchema.parse(record));
          }
          committed = next;
        }
        return result;
      });
    },
  };
}
