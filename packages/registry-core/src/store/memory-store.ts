import { invalidInput } from '../errors.js';
import { type ModelRecord, type ModelRecordInput, ModelRecordSchema } from '../schema/records.js';
import { describeIssues } from '../validation.js';
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

/** Records from callers are checked like records read from a file. */
function validRecord(input: unknown, what: string): ModelRecord {
  const result = ModelRecordSchema.safeParse(input);
  if (!result.success) throw invalidInput(`Invalid ${what}: ${describeIssues(result.error)}.`);
  return result.data;
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
    const record = validRecord(input, 'initial record');
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
            else next.set(name, validRecord(record, `record of model "${name}"`));
          }
          committed = next;
        }
        return result;
      });
    },
  };
}
