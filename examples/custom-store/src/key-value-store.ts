import {
  createSerialQueue,
  describeIssues,
  type ModelRecord,
  ModelRecordSchema,
  RegistryError,
  type RegistryReader,
  type RegistryStore,
  STORE_SPECIFICATION_VERSION,
  TransactionDraft,
} from '@afs/registry-core';
import type { KeyValueService } from './key-value-service.js';

export interface KeyValueStoreOptions {
  service: KeyValueService;
  /** Where the registry lives in the service. */
  key?: string;
}

export interface KeyValueStore extends RegistryStore {
  readonly service: KeyValueService;
  readonly key: string;
}

/** One moment of the registry, as read from the service. */
interface State {
  revision: number;
  records: ReadonlyMap<string, ModelRecord>;
}

/** The contract says callers get their own copies; structuredClone keeps the snapshot intact. */
class SnapshotReader implements RegistryReader {
  constructor(private readonly records: ReadonlyMap<string, ModelRecord>) {}
  modelNames(): string[] {
    return [...this.records.keys()];
  }
  getModel(name: string): ModelRecord | undefined {
    const record = this.records.get(name);
    return record === undefined ? undefined : structuredClone(record);
  }
}

function corrupt(key: string, problem: string): RegistryError {
  return new RegistryError(
    'CORRUPT_REGISTRY',
    `The registry stored under "${key}" cannot be used: ${problem}. Restore it from a backup.`,
    { key },
  );
}

/** Text from the service → validated records. Never trust stored data blindly. */
function decode(key: string, value: string): Map<string, ModelRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw corrupt(key, `it is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw corrupt(key, 'it is not an object of models');
  }
  const records = new Map<string, ModelRecord>();
  for (const [name, input] of Object.entries(parsed)) {
    const result = ModelRecordSchema.safeParse(input);
    if (!result.success) throw corrupt(key, `model "${name}": ${describeIssues(result.error)}`);
    if (result.data.metadata.modelName !== name) {
      throw corrupt(key, `model "${name}" holds "${result.data.metadata.modelName}"`);
    }
    records.set(name, result.data);
  }
  return records;
}

/**
 * A RegistryStore that keeps the whole registry as one JSON string under one
 * key of a key-value service, and commits with compare-and-set.
 */
export function createKeyValueStore(options: KeyValueStoreOptions): KeyValueStore {
  const { service } = options;
  const key = options.key ?? 'afs-registry';
  // The contract: transactions on one store instance never interleave.
  const serial = createSerialQueue();

  async function load(): Promise<State> {
    const entry = await service.get(key);
    if (entry === undefined) return { revision: 0, records: new Map() };
    return { revision: entry.revision, records: decode(key, entry.value) };
  }

  return {
    specificationVersion: STORE_SPECIFICATION_VERSION,
    name: 'key-value',
    capabilities: {
      // The service holds the data, not this process.
      persistent: true,
      // Nothing makes writers wait for each other...
      crossProcess: false,
      // ...but compare-and-set makes the loser fail instead of overwriting.
      detectsConflicts: true,
    },
    service,
    key,

    async read() {
      return new SnapshotReader((await load()).records);
    },

    transact(work) {
      return serial(async () => {
        const state = await load();
        // The draft buffers puts and deletes; reads inside the work see them.
        const draft = new TransactionDraft(new SnapshotReader(state.records));
        // If the work throws, we never reach the write below: nothing commits.
        const result = await work(draft);
        if (!draft.hasChanges) return result;

        const next = new Map(state.records);
        for (const [name, record] of draft.changes()) {
          if (record === undefined) next.delete(name);
          else next.set(name, ModelRecordSchema.parse(record));
        }
        const value = JSON.stringify(Object.fromEntries(next));
        if (!(await service.compareAndSet(key, state.revision, value))) {
          throw new RegistryError(
            'CONFLICT',
            `Another writer changed "${key}" during this transaction; nothing was written. Retry.`,
            { key },
          );
        }
        return result;
      });
    },
  };
}
