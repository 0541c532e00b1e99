import type { ModelRecord, RegistryReader } from '@afs/registry-core';
import type { StoredModel } from './stored-model.js';

/**
 * A read-only view over one version of the file. The map is never mutated
 * after it is built (commits build a new one), so a reader keeps its moment.
 * A model is decoded when it is first read, and leaves only as a copy; an
 * entry that fails the deep check throws `CORRUPT_REGISTRY` for that model.
 */
export class SnapshotReader implements RegistryReader {
  readonly #models: ReadonlyMap<string, StoredModel>;
  readonly #file: string;
  readonly #forTransaction: boolean;

  /** `forTransaction`: the records read are kept for the commit (see `StoredModel.copy`). */
  constructor(models: ReadonlyMap<string, StoredModel>, file: string, forTransaction = false) {
    this.#models = models;
    this.#file = file;
    this.#forTransaction = forTransaction;
  }

  modelNames(): string[] {
    return [...this.#models.keys()];
  }

  getModel(name: string): ModelRecord | undefined {
    return this.#models.get(name)?.copy(this.#file, this.#forTransaction);
  }
}
