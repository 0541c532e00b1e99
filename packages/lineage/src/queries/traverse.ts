import type { GraphNode } from '../build.js';
import { copyNode, type VersionNode } from '../node.js';

export type Direction = 'ancestors' | 'descendants';

/** A version reached by a traversal, with its distance in edges from the start. */
export type RelatedVersion = VersionNode & { readonly distance: number };

export interface Reached {
  readonly node: GraphNode;
  readonly distance: number;
}

/**
 * Breadth-first from `start` (excluded), each node once: nearest first, and
 * within one distance in parent order (primary first) or child order. Linear
 * in the nodes and edges reached.
 */
export function walk(start: GraphNode, direction: Direction): Reached[] {
  const seen = new Set<GraphNode>([start]);
  const reached: Reached[] = [];
  let frontier: GraphNode[] = [start];
  for (let distance = 1; frontier.length > 0; distance++) {
    const next: GraphNode[] = [];
    for (const node of frontier) {
      for (const other of direction === 'ancestors' ? node.parents : node.children) {
        if (seen.has(other)) continue;
        seen.add(other);
        next.push(other);
        reached.push({ node: other, distance });
      }
    }
    frontier = next;
  }
  return reached;
}

export function related(start: GraphNode, direction: Direction): RelatedVersion[] {
  return walk(start, direction).map(({ node, distance }) =>
    Object.assign(copyNode(node.info), { distance }),
  );
}
