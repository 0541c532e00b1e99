import type { ModelRecord } from '../schema/records.js';
import type { ModelSummary } from './summary.js';

/**
 * The contract every persistence adapter implements. Bump this when a change
 * would break an adapter written against the previous contract; the registry
 * refuses a store whose `specificationVersion` it does not know.
 */
export const STORE_SPECIFICATION_VERSION = 'afs-store-v1' as const;
export type StoreSpecificationVersion = typeof STORE_SPECIFICATION_VERSION;

/** What a store promises beyond the contract; the conformance kit tests only what is declared. */
export interface StoreCapabilities {
  /** Data outlives the process (the in-memory store: false). */
  readonly persistent: boolean;
  /** Transactions from several processes are serialised (a cross-process lock or a database). */
  readonly crossProcess: boolean;
  /**
   * Without cross-process serialisation, a transaction that would overwrite
   * another writer's commit fails with a `CONFLICT` error instead.
   */
  readonly detectsConflicts: boolean;
}

/**
 * What the caller is about to ask of a snapshot. A store may prepare only
 * that (a file store then reads less), and answer anything else more slowly,
 * never differently. Stores are free to ignore it.
 */
export interface ReadIntent {
  /** Models whose whole records the caller will read with `getModel`. */
  readonly models?: readonly string[];
  /** The caller will ask for the summary of every model (`modelSummary`). */
  readonly summaries?: boolean;
  /** Models whose linked models the caller will ask for (`modelsLinkedTo`). */
  readonly linksTo?: readonly string[];
}

/** A consistent, read-only view of the registry at one moment. */
export interface RegistryReader {
  /** Names of all models, in no particular order. Listing names does not read or check the models. */
  modelNames(): string[];
  /**
   * The whole record of one model, or `undefined`. The result is the caller's
   * own copy: changing it changes nothing in the store.
   *
   * A store may check a model's stored data only when it is read. Then a
   * model whose data is damaged throws a `RegistryError` with code
   * `CORRUPT_REGISTRY` here (inside a transaction too, so the transaction
   * fails and commits nothing), while the other models stay readable.
   */
  getModel(name: string): ModelRecord | undefined;
  /**
   * Optional: what `summarizeModel(getModel(name))` returns, without building
   * the whole record. Listing every model uses it when a store has it. For a
   * model `getModel` refuses as damaged, a store may throw the same error, or
   * summarise it from the parts a summary uses, checked as `getModel` checks
   * them (the rest is reported when the model is read).
   */
  modelSummary?(name: string): ModelSummary | undefined;
  /**
   * Optional: the models other than `name` that may hold a version whose
   * parent reference (`parentVersion` or `additionalParents`) names `name`,
   * whether or not that version of `name` still exists. More names than that
   * is allowed (it only costs reading them); leaving one out is not. Lineage around one model
   * reads only these when a store has it, instead of every model.
   */
  modelsLinkedTo?(name: string): string[];
}

/** The view inside a transaction: reads see the transaction's own writes. */
export interface RegistryTransaction extends RegistryReader {
  /** Replace (or create) the record of `record.metadata.modelName`. */
  putModel(record: ModelRecord): void;
  /** Remove a model and all its versions; a missing model is not an error. */
  deleteModel(name: string): void;
}

export interface RegistryStore {
  readonly specificationVersion: StoreSpecificationVersion;
  /** Short name for messages and benchmarks, e.g. `json`, `fs-lock`, `memory`. */
  readonly name: string;
  readonly capabilities: StoreCapabilities;

  /**
   * A snapshot of the registry as last committed. It never shows a partial
   * commit, and later commits do not change it. `intent` says what the
   * caller will ask of it (see `ReadIntent`).
   *
   * A store that loads models only when they are read may, once a later
   * commit has replaced the data, refuse to read a model the intent did not
   * name, with a `RegistryError` of code `CONFLICT` (read again). It never
   * answers with another moment's data, and models the intent named are
   * always kept.
   */
  read(intent?: ReadIntent): Promise<RegistryReader>;

  /**
   * Atomic read-modify-write. `work` runs against the latest committed state;
   * when it resolves, all its `putModel`/`deleteModel` calls are committed at
   * once and the result is returned. When it throws, nothing is written and
   * the error propagates unchanged. A transaction that writes nothing commits
   * nothing.
   *
   * Transactions on one store instance never interleave. Across processes,
   * stores with `crossProcess` serialise them; stores with `detectsConflicts`
   * reject a commit that would overwrite a concurrent one (code `CONFLICT`).
   * `work` may be called again only if the store says so in its docs; the
   * stores in this project never retry it.
   */
  transact<T>(work: (tx: RegistryTransaction) => T | Promise<T>): Promise<T>;

  /** Release what the store holds (timers, handles). Optional. */
  close?(): Promise<void>;
}
