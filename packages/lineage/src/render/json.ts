import type { GraphData } from '../build.js';
import type { VersionId } from '../ids.js';
import { copyNode, type VersionNode } from '../node.js';
import { type RenderScope, select } from './scope.js';

export interface JsonGraphEdge {
  /** The parent. */
  readonly from: VersionId;
  /** The child, trained from `from`. */
  readonly to: VersionId;
  /** `parent` for the child's `parentVersion`, `additional-parent` for the others of a merge. */
  readonly kind: 'parent' | 'additional-parent';
}

export interface JsonGraph {
  readonly nodes: VersionNode[];
  readonly edges: JsonGraphEdge[];
}

/** Plain data for other tools; `JSON.stringify` it as is. */
export function renderJson(data: GraphData, scope?: RenderScope): JsonGraph {
  const { nodes, edges } = select(data, scope);
  return {
    nodes: nodes.map((node) => copyNode(node.info)),
    edges: edges.map(({ parent, child, primary }) => ({
      from: parent.id,
      to: child.id,
      kind: primary ? 'parent' : 'additional-parent',
    })),
  };
}
