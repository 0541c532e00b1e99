import type { ModelRecord, RegistryReader } from '@afs/registry-core';
import { buildGraphData, findNode, type GraphData, type GraphNode, modelNodes } from './build.js';
import { cycleThrough, lineageCycleError } from './cycle.js';
import { parseSelector, type VersionId, type VersionSelector } from './ids.js';
import { modelScopeRecords } from './model-scope.js';
import type { VersionNode } from './node.js';
import {
  baseModelImpact,
  datasetImpact,
  type ImpactReport,
  type ImpactSubject,
} from './queries/impact.js';
import { type Provenance, provenance } from './queries/provenance.js';
import {
  type CodeVersion,
  codeVersions,
  type DataLineage,
  dataLineage,
  type LineageRecord,
  lineageRecord,
  type ModelLineage,
  modelLineage,
  trainingHistory,
} from './queries/records.js';
import {
  type CommonAncestor,
  commonAncestors,
  type LineagePath,
  lineagePath,
} from './queries/relations.js';
import { type LineageSummary, summarise } from './queries/summary.js';
import { type RelatedVersion, related } from './queries/traverse.js';
import { renderDot } from './render/dot.js';
import { type JsonGraph, renderJson } from './render/json.js';
import { renderMermaid } from './render/mermaid.js';
import type { RenderScope } from './render/scope.js';
import { renderTextTree } from './render/text-tree.js';
import { requireModel, requireNode, requireSelected } from './resolve.js';

/**
 * The lineage of every version in the registry, built once from the records
 * (the single source of truth) into adjacency lists, so each query costs
 * time linear in what it touches. Immutable and synchronous: build one per
 * snapshot and ask it as many questions as needed.
 *
 * Unknown models and versions raise core's `MODEL_NOT_FOUND` and
 * `VERSION_NOT_FOUND`. Parent references to versions that are not in the
 * registry become `missing` nodes; they can be reached and rendered, but not
 * asked about.
 */
export class LineageGraph {
  readonly #data: GraphData;

  private constructor(data: GraphData) {
    this.#data = data;
  }

  static fromRecords(records: Iterable<ModelRecord>): LineageGraph {
    return new LineageGraph(buildGraphData(records));
  }

  /** Reads every model of a snapshot (or transaction view) once. */
  static fromReader(reader: RegistryReader): LineageGraph {
    const records: ModelRecord[] = [];
    for (const name of reader.modelNames()) {
      const record = reader.getModel(name);
      if (record !== undefined) records.push(record);
    }
    return LineageGraph.fromRecords(records);
  }

  /**
   * The graph around one model, built from only the records that drawing it
   * needs: the model, the models holding children of its versions, and the
   * models its versions name as parent. Only answers scoped to that model are
   * the whole registry's answers: `buildTree(modelName)` and renders with
   * `{ model: modelName }`. Anything else (other models, ancestors or
   * descendants more than one step away, impact, summaries, an unscoped
   * render) may silently miss versions. An unknown model throws `MODEL_NOT_FOUND` here,
   * naming every model of the reader.
   */
  static forModel(reader: RegistryReader, modelName: string): LineageGraph {
    return LineageGraph.fromRecords(modelScopeRecords(reader, modelName));
  }

  /** Number of versions in the registry (missing nodes not counted). */
  get size(): number {
    return this.#data.presentCount;
  }

  modelNames(): string[] {
    return [...this.#data.models.keys()].sort();
  }

  hasModel(modelName: string): boolean {
    return this.#data.models.has(modelName);
  }

  /** True for versions in the registry; false for unknown and missing ones. */
  has(modelName: string, version: string): boolean {
    const node = findNode(this.#data, modelName, version);
    return node !== undefined && !node.missing;
  }

  /** Any node, including a missing one; undefined when the graph never heard of it. */
  node(selector: VersionSelector): VersionNode | undefined {
    const ref = parseSelector(selector);
    return findNode(this.#data, ref.modelName, ref.version)?.info;
  }

  /** A model's versions in version order. */
  versions(modelName: string): VersionNode[] {
    return modelNodes(requireModel(this.#data, modelName)).map((node) => node.info);
  }

  /** Versions named as parents that are not in the registry. */
  missingVersions(): VersionNode[] {
    return this.#data.missing.map((node) => node.info);
  }

  /** Every training data source named by some version, sorted. */
  dataSources(): string[] {
    return [...this.#data.byDataSource.keys()].sort();
  }

  /** Every base model named by some version, sorted. */
  baseModels(): string[] {
    return [...this.#data.byBaseModel.keys()].sort();
  }

  /** One version's lineage record: parents, children, data, commit, base model. */
  lineage(modelName: string, version: string): LineageRecord {
    return lineageRecord(requireNode(this.#data, modelName, version));
  }

  /** Every version of a model with its lineage, in version order. */
  modelLineage(modelName: string): ModelLineage {
    return modelLineage(this.#data, modelName);
  }

  /** All ancestors, across models, each once, nearest first (breadth-first). */
  ancestors(modelName: string, version: string): RelatedVersion[] {
    return related(requireNode(this.#data, modelName, version), 'ancestors');
  }

  /** All descendants, across models, each once, nearest first (breadth-first). */
  descendants(modelName: string, version: string): RelatedVersion[] {
    return related(requireNode(this.#data, modelName, version), 'descendants');
  }

  /** A model's versions by `createdAt`, ties (and undated versions, last) in version order. */
  trainingHistory(modelName: string): LineageRecord[] {
    return trainingHistory(this.#data, modelName);
  }

  /** The version and each ancestor, nearest first, each with the data it was trained on itself. */
  dataLineage(modelName: string, version: string): DataLineage {
    return dataLineage(this.#data, modelName, version);
  }

  /** Base models, data sources and commits of the version and all its ancestors, nearest first. */
  provenance(modelName: string, version: string): Provenance {
    return provenance(this.#data, modelName, version);
  }

  /** Each version of a model with its git commit, in version order. */
  codeVersions(modelName: string): CodeVersion[] {
    return codeVersions(this.#data, modelName);
  }

  summary(modelName?: string): LineageSummary {
    return summarise(this.#data, modelName);
  }

  /** Every version trained on `source`, directly or through any ancestor, and which are deployed. */
  datasetImpact(source: ImpactSubject): ImpactReport {
    return datasetImpact(this.#data, source);
  }

  /** Every version that starts from `baseModel` itself or descends from one that does. */
  baseModelImpact(baseModel: ImpactSubject): ImpactReport {
    return baseModelImpact(this.#data, baseModel);
  }

  /** The shortest parent → child chain between two versions, whichever is the ancestor. */
  path(a: VersionSelector, b: VersionSelector): LineagePath | undefined {
    return lineagePath(this.#data, a, b);
  }

  /** The nearest versions both descend from (each may be `a` or `b` itself). */
  commonAncestors(a: VersionSelector, b: VersionSelector): CommonAncestor[] {
    return commonAncestors(this.#data, a, b);
  }

  /**
   * The cycle that making `parent` a parent of `child` would close, as the
   * existing path `child → … → parent`; undefined when the edge is safe.
   * Both must be versions in the graph.
   */
  cycleIfLinked(child: VersionSelector, parent: VersionSelector): VersionId[] | undefined {
    const from = requireSelected(this.#data, child);
    const to = requireSelected(this.#data, parent);
    return cycleThrough(from, to, (node: GraphNode) => node.parents)?.map((n) => n.id);
  }

  /** Throws `LINEAGE_CYCLE` when `cycleIfLinked` finds a cycle. */
  assertCanLink(child: VersionSelector, parent: VersionSelector): void {
    const path = this.cycleIfLinked(child, parent);
    if (path !== undefined) {
      throw lineageCycleError(path[0] as VersionId, path[path.length - 1] as VersionId, path);
    }
  }

  /** `tree`-style text of one model's versions. */
  buildTree(modelName: string): string {
    return renderTextTree(this.#data, modelName);
  }

  /** Mermaid `graph TD` text. */
  toMermaid(scope?: RenderScope): string {
    return renderMermaid(this.#data, scope);
  }

  /** Graphviz DOT text. */
  toDot(scope?: RenderScope): string {
    return renderDot(this.#data, scope);
  }

  /** `{ nodes, edges }` plain data. */
  toJson(scope?: RenderScope): JsonGraph {
    return renderJson(this.#data, scope);
  }
}
