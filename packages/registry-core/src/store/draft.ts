import type { ModelRecord } from '../schema/records.js';
import type { RegistryReader, RegistryTransaction } from './contract.js';

/**
 * A transaction view over a base reader: writes are buffered and reads see
 * them. Stores commit `changes()` once the work resolves. Shared by the
 * built-in stores and available to custom ones.
 */
export class TransactionDraft implements RegistryTransaction {
  readonly #base: RegistryReader;
  // `undefined` marks a deletion.
  readonly #changes = new Map<string, ModelRecord | undefined>();

  constructor(base: RegistryReader) {
    this.#base = base;
  }

  modelNames(): string[] {
    const names = new Set(this.#base.modelNames());
    for (const [name, record] of this.#changes) {
      if (record === undefined) names.delete(name);
      else names.add(name);
    }
    return [...names];
  }

  getModel(name: string): ModelRecord | undefined {
    if (this.#changes.has(name)) {
      const record = this.#changes.get(name);
      return record === undefined ? undefined : structuredClone(record);
    }
    return this.#base.getModel(name);
  }

  putModel(record: ModelRecord): void {
    this.#changes.set(record.metadata.modelName, structuredClone(record));
  }

  deleteModel(name: string): void {
    this.#changes.set(name, undefined);
  }

  /** The buffered writes: a record to store, or `undefined` to delete. */
  changes(): ReadonlyMap<string, ModelRecord | undefined> {
    return this.#changes;
  }

  get hasChanges(): boolean {
    return this.#changes.size > 0;
  }
}
