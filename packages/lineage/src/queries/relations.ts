import { compareNodes, type GraphData, type GraphNode } from '../build.js';
import type { VersionId, VersionSelector } from '../ids.js';
import { copyNode, type VersionNode } from '../node.js';
import { findDescendingPath } from '../paths.js';
import { requireSelected } from '../resolve.js';
import { walk } from './traverse.js';

export interface LineagePath {
  /** The ancestor end, whichever argument it was. */
  readonly from: VersionId;
  readonly to: VersionId;
  /** Ancestor first, each step parent → child. */
  readonly ids: readonly VersionId[];
  /** In edges. */
  readonly length: number;
}

export type CommonAncestor = VersionNode & {
  readonly distanceFromA: number;
  readonly distanceFromB: number;
};

const parentsOf = (node: GraphNode) => node.parents;

/** The shortest chain between two versions when one descends from the other. */
export function lineagePath(
  data: GraphData,
  a: VersionSelector,
  b: VersionSelector,
): LineagePath | undefined {
  const first = requireSelected(data, a);
  const second = requireSelected(data, b);
  const path =
    findDescendingPath(first, second, parentsOf) ?? findDescendingPath(second, first, parentsOf);
  if (path === undefined) return undefined;
  const ids = path.map((node) => node.id);
  return {
    from: ids[0] as VersionId,
    to: ids[ids.length - 1] as VersionId,
    ids,
    length: ids.length - 1,
  };
}

function distances(start: GraphNode): Map<GraphNode, number> {
  const map = new Map<GraphNode, number>([[start, 0]]);
  for (const { node, distance } of walk(start, 'ancestors')) map.set(node, distance);
  return map;
}

/**
 * The nearest common ancestors (like `git merge-base --all`): versions that
 * both descend from (or are), none of which is an ancestor of another. When
 * one version descends from the other, the answer is that other version.
 */
export function commonAncestors(
  data: GraphData,
  a: VersionSelector,
  b: VersionSelector,
): CommonAncestor[] {
  const fromA = distances(requireSelected(data, a));
  const fromB = distances(requireSelected(data, b));
  const common = [...fromA.keys()].filter((node) => fromB.has(node));
  // Every ancestor of a common ancestor is common too, so a common ancestor
  // is not nearest exactly when it is the parent of another common one.
  const covered = new Set<GraphNode>();
  for (const node of common) for (const parent of node.parents) covered.add(parent);
  const total = (node: GraphNode) => (fromA.get(node) ?? 0) + (fromB.get(node) ?? 0);
  return common
    .filter((node) => !covered.has(node))
    .sort((x, y) => total(x) - total(y) || compareNodes(x, y))
    .map((node) =>
      Object.assign(copyNode(node.info), {
        distanceFromA: fromA.get(node) ?? 0,
        distanceFromB: fromB.get(node) ?? 0,
      }),
    );
}
