import { invalidInput } from '@afs/registry-core';
import { type GraphData, type GraphNode, modelNodes, sortNodes } from '../build.js';
import type { VersionSelector } from '../ids.js';
import { walk } from '../queries/traverse.js';
import { requireModel, requireSelected } from '../resolve.js';

/**
 * Which part of the graph to render; at most one field. Empty: everything.
 * `model`: its versions, plus the versions of other models directly linked to
 * them, so a distillation edge stays visible. `around`: one version with all
 * its ancestors and descendants. `ids`: exactly those versions.
 */
export interface RenderScope {
  readonly model?: string;
  readonly around?: VersionSelector;
  readonly ids?: Iterable<VersionSelector>;
}

export interface Edge {
  readonly parent: GraphNode;
  readonly child: GraphNode;
  /** The child's `parentVersion` (false for its additional parents). */
  readonly primary: boolean;
}

export interface Selection {
  /** In model-name, then version order. */
  readonly nodes: readonly GraphNode[];
  /** Edges between selected nodes, by parent, then child order. */
  readonly edges: readonly Edge[];
}

function chosen(data: GraphData, scope: RenderScope): Set<GraphNode> {
  const given = (['model', 'around', 'ids'] as const).filter((key) => scope[key] !== undefined);
  if (given.length > 1) {
    throw invalidInput(
      `A render scope takes one of model, around or ids, not ${given.join(' and ')}. Render each separately.`,
      { given },
    );
  }
  if (scope.model !== undefined) {
    const own = modelNodes(requireModel(data, scope.model));
    const set = new Set<GraphNode>(own);
    for (const node of own) {
      for (const parent of node.parents) set.add(parent);
      for (const child of node.children) set.add(child);
    }
    return set;
  }
  if (scope.around !== undefined) {
    const start = requireSelected(data, scope.around);
    const set = new Set<GraphNode>([start]);
    for (const { node } of walk(start, 'ancestors')) set.add(node);
    for (const { node } of walk(start, 'descendants')) set.add(node);
    return set;
  }
  if (scope.ids !== undefined) {
    return new Set([...scope.ids].map((selector) => requireSelected(data, selector)));
  }
  return new Set(data.all);
}

export function select(data: GraphData, scope: RenderScope = {}): Selection {
  const set = chosen(data, scope);
  const nodes = sortNodes(data, [...set]);
  const edges: Edge[] = [];
  for (const parent of nodes) {
    for (const child of parent.children) {
      if (set.has(child)) edges.push({ parent, child, primary: child.primaryParent === parent });
    }
  }
  return { nodes, edges };
}
