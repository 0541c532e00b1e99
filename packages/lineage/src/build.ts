import {
  compareVersions,
  invalidInput,
  type ModelMetadata,
  type ModelRecord,
  type ModelVersion,
  parseVersionRef,
  type VersionRef,
} from '@afs/registry-core';
import { type VersionId, versionId } from './ids.js';
import { missingNode, presentNode, type VersionNode } from './node.js';

// Most versions have at most one parent and one child; sharing one empty
// array until the first edge keeps a 100,000-version build from allocating
// (and collecting) an array per leaf and per root.
const NONE: readonly GraphNode[] = Object.freeze([]);

/** A node with its edges. Internal: the public API hands out `VersionNode`s and ids. */
export class GraphNode {
  /** Dense, from 0, in creation order: lets whole-graph passes use typed arrays. */
  readonly index: number;
  readonly modelName: string;
  readonly version: string;
  /** The version record; undefined for a missing node (a parent that is not in the registry). */
  readonly record: ModelVersion | undefined;
  /** Primary parent first, then the rest in record order; each parent once. */
  parents: readonly GraphNode[] = NONE;
  /** The version's `parentVersion`, when it has one (merges list the rest as additional). */
  primaryParent: GraphNode | undefined;
  /** In model-name, then version order. */
  children: readonly GraphNode[] = NONE;
  /** Position in the model's version order; -1 until `modelNodes` sorts the model. */
  rank = -1;
  #id: VersionId | undefined;
  #info: VersionNode | undefined;

  constructor(index: number, modelName: string, version: string, record: ModelVersion | undefined) {
    this.index = index;
    this.modelName = modelName;
    this.version = version;
    this.record = record;
  }

  /** Built on first use, like `info`: a walk names few of the nodes it passes. */
  get id(): VersionId {
    if (this.#id === undefined) this.#id = versionId(this.modelName, this.version);
    return this.#id;
  }

  get missing(): boolean {
    return this.record === undefined;
  }

  /** Built on first use: most nodes a query walks past are never returned. */
  get info(): VersionNode {
    if (this.#info === undefined) {
      this.#info =
        this.record === undefined
          ? missingNode(this.modelName, this.version)
          : presentNode(this.record, this.modelName, this.version);
    }
    return this.#info;
  }
}

function link(parent: GraphNode, child: GraphNode): void {
  if (child.parents === NONE) child.parents = [parent];
  else (child.parents as GraphNode[]).push(parent);
  if (parent.children === NONE) parent.children = [child];
  else (parent.children as GraphNode[]).push(child);
}

export interface ModelEntry {
  readonly metadata: ModelMetadata;
  readonly nodes: GraphNode[];
  readonly byVersion: Map<string, GraphNode>;
  sorted: boolean;
}

/**
 * Nodes are found through `models` (name, then version) rather than one map
 * keyed by `model:version`: the keys are then the records' own strings, whose
 * hashes V8 computes once, instead of a new concatenation per lookup; that
 * was the largest cost of building a 100,000-version graph.
 */
export interface GraphData {
  /** Every node, present and missing, by `index`. */
  readonly all: readonly GraphNode[];
  readonly models: ReadonlyMap<string, ModelEntry>;
  /** Missing nodes by id; they belong to no model entry (their model may not exist). */
  readonly missingById: ReadonlyMap<VersionId, GraphNode>;
  readonly byDataSource: ReadonlyMap<string, readonly GraphNode[]>;
  readonly byBaseModel: ReadonlyMap<string, readonly GraphNode[]>;
  readonly missing: readonly GraphNode[];
  readonly presentCount: number;
}

export function findNode(
  data: GraphData,
  modelName: string,
  version: string,
): GraphNode | undefined {
  return (
    data.models.get(modelName)?.byVersion.get(version) ??
    data.missingById.get(versionId(modelName, version))
  );
}

export function compareNodes(a: GraphNode, b: GraphNode): number {
  if (a.modelName !== b.modelName) return a.modelName < b.modelName ? -1 : 1;
  return compareVersions(a.version, b.version);
}

/**
 * A model's present versions in version order. Sorted on first use rather
 * than at build time: version comparison parses both strings, and sorting
 * every model up front was the largest part of building a big graph.
 */
export function modelNodes(entry: ModelEntry): readonly GraphNode[] {
  if (!entry.sorted) {
    entry.nodes.sort(compareNodes);
    entry.nodes.forEach((node, i) => {
      node.rank = i;
    });
    entry.sorted = true;
  }
  return entry.nodes;
}

/**
 * Sorts nodes by model name, then version, using each model's cached order,
 * so ordering many results costs one sort per model touched rather than a
 * version parse per comparison.
 */
export function sortNodes(data: GraphData, nodes: GraphNode[]): GraphNode[] {
  for (const node of nodes) {
    if (node.rank !== -1 || node.missing) continue;
    const entry = data.models.get(node.modelName);
    if (entry !== undefined) modelNodes(entry);
  }
  return nodes.sort((a, b) => {
    if (a.modelName !== b.modelName) return a.modelName < b.modelName ? -1 : 1;
    // Missing nodes have no rank; they are few, so comparing their versions directly is fine.
    return a.rank !== -1 && b.rank !== -1 ? a.rank - b.rank : compareVersions(a.version, b.version);
  });
}

function addToIndex(index: Map<string, GraphNode[]>, key: string, node: GraphNode): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [node]);
  else list.push(node);
}

/**
 * One pass over the records to create nodes, one to link them: O(versions +
 * edges). The graph keeps references to the version records it was built
 * from (no copy), so they must not be changed afterwards.
 */
export function buildGraphData(records: Iterable<ModelRecord>): GraphData {
  const all: GraphNode[] = [];
  const missingById = new Map<VersionId, GraphNode>();
  const models = new Map<string, ModelEntry>();
  const byDataSource = new Map<string, GraphNode[]>();
  const byBaseModel = new Map<string, GraphNode[]>();
  const pending: ModelRecord[] = [];

  for (const record of records) {
    const modelName = record.metadata.modelName;
    if (models.has(modelName)) {
      throw invalidInput(
        `Model "${modelName}" appears twice in the records given to the lineage graph. Pass each model's record once.`,
        { modelName },
      );
    }
    const entry: ModelEntry = {
      metadata: record.metadata,
      nodes: [],
      byVersion: new Map(),
      sorted: false,
    };
    models.set(modelName, entry);
    pending.push(record);
    const versions = record.versions;
    for (const key in versions) {
      if (!Object.hasOwn(versions, key)) continue;
      const version = versions[key] as ModelVersion;
      const node = new GraphNode(all.length, modelName, key, version);
      all.push(node);
      entry.byVersion.set(key, node);
      entry.nodes.push(node);
      const sources = version.trainingDataSources;
      for (let i = 0; i < sources.length; i++) {
        const source = sources[i] as string;
        if (i === 0 || sources.indexOf(source) === i) addToIndex(byDataSource, source, node);
      }
      const base = version.training?.baseModel;
      if (base !== undefined) addToIndex(byBaseModel, base, node);
    }
  }

  const missing: GraphNode[] = [];
  // Core's parser validates both names; the same strings (`v1`, `v2`, …)
  // recur in every model, so each distinct reference is parsed once.
  const sameModel = new Set<string>();
  const otherModel = new Map<string, VersionRef>();
  const resolve = (ref: string, entry: ModelEntry, modelName: string): GraphNode => {
    let target: VersionRef;
    if (!ref.includes(':')) {
      const found = entry.byVersion.get(ref);
      if (found !== undefined) return found;
      if (!sameModel.has(ref)) {
        parseVersionRef(ref, modelName);
        sameModel.add(ref);
      }
      target = { modelName, version: ref };
    } else {
      let parsed = otherModel.get(ref);
      if (parsed === undefined) {
        parsed = parseVersionRef(ref, modelName);
        otherModel.set(ref, parsed);
      }
      const found = models.get(parsed.modelName)?.byVersion.get(parsed.version);
      if (found !== undefined) return found;
      target = parsed;
    }
    const id = versionId(target.modelName, target.version);
    let parent = missingById.get(id);
    if (parent === undefined) {
      parent = new GraphNode(all.length, target.modelName, target.version, undefined);
      all.push(parent);
      missingById.set(id, parent);
      missing.push(parent);
    }
    return parent;
  };
  for (const record of pending) {
    const modelName = record.metadata.modelName;
    const entry = models.get(modelName) as ModelEntry;
    for (const node of entry.nodes) {
      const version = node.record as ModelVersion;
      if (version.parentVersion !== undefined) {
        const parent = resolve(version.parentVersion, entry, modelName);
        node.primaryParent = parent;
        link(parent, node);
      }
      for (const ref of version.additionalParents) {
        const parent = resolve(ref, entry, modelName);
        // `v1` and `majora:v1` in one record are the same edge.
        if (!node.parents.includes(parent)) link(parent, node);
      }
    }
  }
  for (const node of all) {
    if (node.children.length > 1) (node.children as GraphNode[]).sort(compareNodes);
  }
  return {
    all,
    models,
    missingById,
    byDataSource,
    byBaseModel,
    missing,
    presentCount: all.length - missing.length,
  };
}
