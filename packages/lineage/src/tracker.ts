import {
  assertName,
  type Clock,
  RegistryError,
  type RegistryStore,
  STORE_SPECIFICATION_VERSION,
  systemClock,
  timestamp,
} from '@afs/registry-core';
import {
  type AddVersionInput,
  type AddVersionResult,
  addVersionInTransaction,
} from './add-version.js';
import { LineageGraph } from './graph.js';
import type { VersionSelector } from './ids.js';
import { modelScopeIntent } from './model-scope.js';
import type { ImpactReport, ImpactSubject } from './queries/impact.js';
import type { Provenance } from './queries/provenance.js';
import type { CodeVersion, DataLineage, LineageRecord, ModelLineage } from './queries/records.js';
import type { CommonAncestor, LineagePath } from './queries/relations.js';
import type { LineageSummary } from './queries/summary.js';
import type { RelatedVersion } from './queries/traverse.js';
import type { JsonGraph } from './render/json.js';
import type { RenderScope } from './render/scope.js';

export interface LineageTrackerOptions {
  /** The same store the `ModelRegistry` uses: lineage lives in the version records. */
  store: RegistryStore;
  /** Source of `createdAt` for versions and models that `addVersion` creates. */
  clock?: Clock;
}

export interface QueryOptions {
  /**
   * Answer from this graph instead of reading a fresh snapshot. Build it once
   * with `tracker.graph()` to ask many questions about one moment cheaply.
   */
  graph?: LineageGraph;
}

/**
 * The seed's `LineageTracker`, over a `RegistryStore`. Each query reads a
 * fresh snapshot (or uses `options.graph`); `addVersion` is one transaction.
 */
export class LineageTracker {
  readonly store: RegistryStore;
  readonly #clock: Clock;

  constructor(options: LineageTrackerOptions) {
    const { store } = options;
    if (store?.specificationVersion !== STORE_SPECIFICATION_VERSION) {
      throw new RegistryError(
        'STORE_ERROR',
        `Store "${store?.name ?? 'unknown'}" implements specification "${String(store?.specificationVersion)}", but the lineage tracker needs "${STORE_SPECIFICATION_VERSION}". Upgrade the store package.`,
        { store: store?.name },
      );
    }
    this.store = store;
    this.#clock = options.clock ?? systemClock;
  }

  /** The lineage graph of the registry as last committed. */
  async graph(): Promise<LineageGraph> {
    return LineageGraph.fromReader(await this.store.read());
  }

  /**
   * The lineage graph around one model, reading only that model and the
   * models directly linked to it (when the store can say which; otherwise
   * every model). Valid only for questions scoped to that model:
   * `buildTree(modelName)` and `toMermaid` / `toDot` / `toJson` with
   * `{ model: modelName }`, which it answers exactly as `graph()` would. Use
   * `graph()` for anything else. An unknown model rejects with
   * `MODEL_NOT_FOUND`, as those queries on `graph()` do.
   */
  async modelGraph(modelName: string): Promise<LineageGraph> {
    assertName(modelName, 'model name');
    const reader = await this.store.read(modelScopeIntent(modelName));
    return LineageGraph.forModel(reader, modelName);
  }

  async #use(options: QueryOptions | undefined): Promise<LineageGraph> {
    return options?.graph ?? this.graph();
  }

  /**
   * Record lineage in the version's own record, creating the version (status
   * `draft`) and its model when missing. Parents must exist (`INVALID_INPUT`)
   * and must not descend from the version (`LINEAGE_CYCLE`).
   */
  async addVersion(input: AddVersionInput): Promise<AddVersionResult> {
    return this.store.transact((tx) => addVersionInTransaction(tx, input, timestamp(this.#clock)));
  }

  /** One version's lineage record; without a version, every version of the model. */
  getLineage(modelName: string, version?: undefined, options?: QueryOptions): Promise<ModelLineage>;
  getLineage(modelName: string, version: string, options?: QueryOptions): Promise<LineageRecord>;
  async getLineage(
    modelName: string,
    version?: string,
    options?: QueryOptions,
  ): Promise<LineageRecord | ModelLineage> {
    const graph = await this.#use(options);
    return version === undefined
      ? graph.modelLineage(modelName)
      : graph.lineage(modelName, version);
  }

  async getAncestors(
    modelName: string,
    version: string,
    options?: QueryOptions,
  ): Promise<RelatedVersion[]> {
    return (await this.#use(options)).ancestors(modelName, version);
  }

  async getDescendants(
    modelName: string,
    version: string,
    options?: QueryOptions,
  ): Promise<RelatedVersion[]> {
    return (await this.#use(options)).descendants(modelName, version);
  }

  async getTrainingHistory(modelName: string, options?: QueryOptions): Promise<LineageRecord[]> {
    return (await this.#use(options)).trainingHistory(modelName);
  }

  async getDataLineage(
    modelName: string,
    version: string,
    options?: QueryOptions,
  ): Promise<DataLineage> {
    return (await this.#use(options)).dataLineage(modelName, version);
  }

  async getProvenance(
    modelName: string,
    version: string,
    options?: QueryOptions,
  ): Promise<Provenance> {
    return (await this.#use(options)).provenance(modelName, version);
  }

  async getCodeVersions(modelName: string, options?: QueryOptions): Promise<CodeVersion[]> {
    return (await this.#use(options)).codeVersions(modelName);
  }

  async buildTree(modelName: string, options?: QueryOptions): Promise<string> {
    return (await this.#use(options)).buildTree(modelName);
  }

  async summary(modelName?: string, options?: QueryOptions): Promise<LineageSummary> {
    return (await this.#use(options)).summary(modelName);
  }

  async datasetImpact(source: ImpactSubject, options?: QueryOptions): Promise<ImpactReport> {
    return (await this.#use(options)).datasetImpact(source);
  }

  async baseModelImpact(baseModel: ImpactSubject, options?: QueryOptions): Promise<ImpactReport> {
    return (await this.#use(options)).baseModelImpact(baseModel);
  }

  async findPath(
    a: VersionSelector,
    b: VersionSelector,
    options?: QueryOptions,
  ): Promise<LineagePath | undefined> {
    return (await this.#use(options)).path(a, b);
  }

  async commonAncestors(
    a: VersionSelector,
    b: VersionSelector,
    options?: QueryOptions,
  ): Promise<CommonAncestor[]> {
    return (await this.#use(options)).commonAncestors(a, b);
  }

  async toMermaid(scope?: RenderScope, options?: QueryOptions): Promise<string> {
    return (await this.#use(options)).toMermaid(scope);
  }

  async toDot(scope?: RenderScope, options?: QueryOptions): Promise<string> {
    return (await this.#use(options)).toDot(scope);
  }

  async toJson(scope?: RenderScope, options?: QueryOptions): Promise<JsonGraph> {
    return (await this.#use(options)).toJson(scope);
  }
}
