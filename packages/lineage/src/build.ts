import {
  compareVersions,
  invalidInput,
  type ModelMetadata,
  type ModelRecord,
  parentRefs,
  parseVersionRef,
} from '@afs/registry-core';
import { type VersionId, versionId } from './ids.js';
import { missingNode, presentNode, type VersionNode } from './node.js';

/** A node with its edges. Internal: the public API hands out `VersionNode`s and ids. */
export interface GraphNode {
  readonly info: VersionNode;
  /** Primary parent first, then the rest in record order; each parent once. */
  readonly parents: GraphNode[];
  /** The version's `parentVersion`, when it has one (merges list the rest as additional). */
  primaryParent: GraphNode | undefined;
  /** In model-name, then version order. */
  readonly children: GraphNode[];
}

export interface ModelEntry {
  readonly metadata: ModelMetadata;
  readonly nodes: GraphNode[];
  sorted: boolean;
}

export interface GraphData {
  readonly nodes: ReadonlyMap<VersionId, GraphNode>;
  readonly models: ReadonlyMap<string, ModelEntry>;
  readonly byDataSource: ReadonlyMap<string, readonly GraphNode[]>;
  readonly byBaseModel: ReadonlyMap<string, readonly GraphNode[]>;
  readonly missing: readonly GraphNode[];
  readonly presentCount: number;
}

export function compareNodes(a: GraphNode, b: GraphNode): number {
  const x = a.info;
  const y = b.info;
  if (x.modelName !== y.modelName) return x.modelName < y.modelName ? -1 : 1;
  return compareVersions(x.version, y.version);
}

/**
 * A model's present versions in version order. Sorted on first use rather
 * than at build time: version comparison parses both strings, and sorting
 * every model up front was the largest part of building a big graph.
 */
export function modelNodes(entry: ModelEntry): readonly GraphNode[] {
  if (!entry.sorted) {
    entry.nodes.sort(compareNodes);
    entry.sorted = true;
  }
  return entry.nodes;
}

function addToIndex(index: Map<string, GraphNode[]>, key: string, node: GraphNode): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [node]);
  else list.push(node);
}

/** One pass over the records to create nodes, one to link them: O(versions + edges). */
export function buildGraphData(records: Iterable<ModelRecord>): GraphData {
  const nodes = new Map<VersionId, GraphNode>();
  const models = new Map<string, ModelEntry>();
  const byDataSource = new Map<string, GraphNode[]>();
  const byBaseModel = new Map<string, GraphNode[]>();
  const pending: Array<[GraphNode, string[], boolean]> = [];

  for (const record of records) {
    const modelName = record.metadata.modelName;
    if (models.has(modelName)) {
      throw invalidInput(
        `Model "${modelName}" appears twice in the records given to the lineage graph. Pass each model's record once.`,
        { modelName },
      );
    }
    const entry: ModelEntry = { metadata: record.metadata, nodes: [], sorted: false };
    models.set(modelName, entry);
    for (const [key, version] of Object.entries(record.versions)) {
      const node: GraphNode = {
        info: presentNode(version, modelName, key),
        parents: [],
        primaryParent: undefined,
        children: [],
      };
      nodes.set(node.info.id, node);
      entry.nodes.push(node);
      pending.push([node, parentRefs(version), version.parentVersion !== undefined]);
      for (const source of node.info.trainingDataSources) addToIndex(byDataSource, source, node);
      if (node.info.baseModel !== undefined) addToIndex(byBaseModel, node.info.baseModel, node);
    }
  }

  const missing: GraphNode[] = [];
  for (const [node, refs, hasPrimary] of pending) {
    refs.forEach((ref, index) => {
      const parsed = parseVersionRef(ref, node.info.modelName);
      const id = versionId(parsed.modelName, parsed.version);
      let parent = nodes.get(id);
      if (parent === undefined) {
        parent = {
          info: missingNode(parsed.modelName, parsed.version),
          parents: [],
          primaryParent: undefined,
          children: [],
        };
        nodes.set(id, parent);
        missing.push(parent);
      }
      // `v1` and `majora:v1` in one record are the same edge.
      if (node.parents.includes(parent)) return;
      node.parents.push(parent);
      parent.children.push(node);
      if (index === 0 && hasPrimary) node.primaryParent = parent;
    });
  }
  for (const node of nodes.values()) {
    if (node.children.length > 1) node.children.sort(compareNodes);
  }
  return {
    nodes,
    models,
    byDataSource,
    byBaseModel,
    missing,
    presentCount: nodes.size - missing.length,
  };
}
