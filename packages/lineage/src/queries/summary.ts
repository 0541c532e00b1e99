import type { GraphData, GraphNode } from '../build.js';
import { requireModel } from '../resolve.js';

/**
 * Counts over one model's versions, or over every version. Roots, leaves and
 * depth look only at edges inside that scope: in a model's summary, a version
 * distilled from another model is a root of that model.
 */
export interface LineageSummary {
  /** The model summarised, or undefined for the whole registry. */
  readonly modelName: string | undefined;
  readonly models: number;
  readonly versions: number;
  /** Versions with no parent in scope. */
  readonly roots: number;
  /** Versions with no child in scope. */
  readonly leaves: number;
  /** Edges on the longest parent → child chain in scope; 0 for a graph of roots only. */
  readonly maxDepth: number;
  readonly dataSources: number;
  readonly baseModels: number;
  readonly deployed: number;
  /** Distinct parent references, from versions in scope, to versions that are not in the registry. */
  readonly missingParents: number;
}

interface NodeNumbers {
  get(node: GraphNode): number;
  set(node: GraphNode, value: number): void;
}

/** A typed array when the scope is the whole graph, a map for one model. */
function nodeNumbers(data: GraphData, whole: boolean): NodeNumbers {
  if (whole) {
    const values = new Int32Array(data.all.length);
    return {
      get: (node) => values[node.index] ?? 0,
      set: (node, value) => {
        values[node.index] = value;
      },
    };
  }
  const values = new Map<GraphNode, number>();
  return {
    get: (node) => values.get(node) ?? 0,
    set: (node, value) => {
      values.set(node, value);
    },
  };
}

export function summarise(data: GraphData, modelName?: string): LineageSummary {
  const nodes: readonly GraphNode[] =
    modelName === undefined
      ? data.all.filter((node) => !node.missing)
      : requireModel(data, modelName).nodes;
  const inScope = (node: GraphNode) =>
    !node.missing && (modelName === undefined || node.modelName === modelName);

  let roots = 0;
  let leaves = 0;
  let deployed = 0;
  const sources = new Set<string>();
  const bases = new Set<string>();
  const missing = new Set<GraphNode>();
  // Kahn's algorithm: a node's depth is final once all its in-scope parents are done.
  const waiting = nodeNumbers(data, modelName === undefined);
  const depth = nodeNumbers(data, modelName === undefined);
  const ready: GraphNode[] = [];
  for (const node of nodes) {
    let parentsInScope = 0;
    for (const parent of node.parents) {
      if (inScope(parent)) parentsInScope++;
      else if (parent.missing) missing.add(parent);
    }
    if (parentsInScope === 0) {
      roots++;
      ready.push(node);
    } else waiting.set(node, parentsInScope);
    if (!node.children.some(inScope)) leaves++;
    const record = node.record;
    if (record === undefined) continue;
    if (record.deployed) deployed++;
    for (const source of record.trainingDataSources) sources.add(source);
    if (record.training?.baseModel !== undefined) bases.add(record.training.baseModel);
  }
  let maxDepth = 0;
  for (let i = 0; i < ready.length; i++) {
    const node = ready[i] as GraphNode;
    const own = depth.get(node);
    if (own > maxDepth) maxDepth = own;
    for (const child of node.children) {
      if (!inScope(child)) continue;
      depth.set(child, Math.max(depth.get(child), own + 1));
      const left = waiting.get(child) - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  const models = modelName === undefined ? data.models.size : 1;
  return {
    modelName,
    models,
    versions: nodes.length,
    roots,
    leaves,
    maxDepth,
    dataSources: sources.size,
    baseModels: bases.size,
    deployed,
    missingParents: missing.size,
  };
}
