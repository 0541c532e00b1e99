import { type GraphData, type GraphNode, sortNodes } from '../build.js';
import type { VersionId } from '../ids.js';
import { copyNode, type VersionNode } from '../node.js';

export type ImpactKind = 'dataset' | 'base-model';

/** An exact value, or a test for values (e.g. every source under a directory). */
export type ImpactSubject = string | ((value: string) => boolean);

export type ImpactedVersion = VersionNode & {
  /** The version lists the data source (or base model) itself. */
  readonly direct: boolean;
  /** Edges from the nearest version that is affected directly; 0 when direct. */
  readonly distance: number;
  /** That nearest directly affected ancestor; undefined when direct. */
  readonly via: VersionId | undefined;
};

export interface ImpactReport {
  readonly kind: ImpactKind;
  /** The data sources (or base models) in the graph that matched; empty when none did. */
  readonly matched: readonly string[];
  /** Direct ones first (in model and version order), then the rest nearest first. */
  readonly versions: readonly ImpactedVersion[];
  /** The affected versions that are deployed now. */
  readonly deployed: readonly ImpactedVersion[];
}

interface Hit {
  readonly node: GraphNode;
  readonly distance: number;
  readonly via: GraphNode | undefined;
}

/**
 * Multi-source breadth-first search down from every directly affected
 * version: each affected version is reached once, at its distance from the
 * nearest direct one. Linear in the affected versions and their edges.
 */
function impact(
  data: GraphData,
  kind: ImpactKind,
  index: GraphData['byDataSource'],
  subject: ImpactSubject,
): ImpactReport {
  const matched =
    typeof subject === 'string'
      ? index.has(subject)
        ? [subject]
        : []
      : [...index.keys()].filter((value) => subject(value)).sort();
  const direct = new Set<GraphNode>();
  for (const value of matched) for (const node of index.get(value) ?? []) direct.add(node);

  const hits: Hit[] = sortNodes(data, [...direct]).map((node) => ({
    node,
    distance: 0,
    via: undefined,
  }));
  const seen = direct;
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i] as Hit;
    const origin = hit.via ?? hit.node;
    for (const child of hit.node.children) {
      if (seen.has(child)) continue;
      seen.add(child);
      hits.push({ node: child, distance: hit.distance + 1, via: origin });
    }
  }
  const versions = hits.map(
    ({ node, distance, via }): ImpactedVersion =>
      Object.assign(copyNode(node.info), { direct: distance === 0, distance, via: via?.id }),
  );
  return { kind, matched, versions, deployed: versions.filter((v) => v.deployed) };
}

export function datasetImpact(data: GraphData, source: ImpactSubject): ImpactReport {
  return impact(data, 'dataset', data.byDataSource, source);
}

export function baseModelImpact(data: GraphData, baseModel: ImpactSubject): ImpactReport {
  return impact(data, 'base-model', data.byBaseModel, baseModel);
}
