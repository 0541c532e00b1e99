import type { GraphData } from '../build.js';
import type { VersionId } from '../ids.js';
import type { VersionNode } from '../node.js';
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
    nodes: nodes.map((node) => ({
      ...node.info,
      trainingDataSources: [...node.info.trainingDataSources],
      mainMetric: node.info.mainMetric && { ...node.info.mainMetric },
    })),
    edges: edges.map(({ parent, child, primary }) => ({
      from: parent.info.id,
      to: child.info.id,
      kind: primary ? 'parent' : 'additional-parent',
    })),
  };
}
