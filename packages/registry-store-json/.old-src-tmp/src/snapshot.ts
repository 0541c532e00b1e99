import type { ModelRecord, RegistryReader } from '@afs/registry-core';
import type { DecodedModel } from './decode.js';

/**
 * A read-only view over one decoded file. The map is never mutated after it
 * is built (commits build a new one), so a reader keeps its moment; records
 * leave only as copies.
 */
export class SnapshotReader implements RegistryReader {
  readonly #models: ReadonlyMap<string, DecodedModel>;

  constructor(models: ReadonlyMap<string, DecodedModel>) {
    this.#models = models;
  }

  modelNames(): string[] {
    return [...this.#models.keys()];
  }

  getModel(name: string): ModelRecord | undefined {
    const model = this.#models.get(name);
    return model === undefined ? undefined : structuredClone(model.record);
  }
}
