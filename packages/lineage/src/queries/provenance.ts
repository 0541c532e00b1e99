import type { GraphData } from '../build.js';
import type { VersionId } from '../ids.js';
import { requireNode } from '../resolve.js';
import { walk } from './traverse.js';

/** One input to a version, and the nearest version in its lineage that names it. */
export interface ProvenanceItem {
  readonly value: string;
  /** The version itself (distance 0) or the nearest ancestor that lists the value. */
  readonly from: VersionId;
  readonly distance: number;
}

/**
 * What a version was built from, through its whole ancestry: the external
 * base models at its roots, every data source, every recorded commit. Each
 * value once, nearest first.
 */
export interface Provenance {
  readonly id: VersionId;
  readonly baseModels: readonly ProvenanceItem[];
  readonly dataSources: readonly ProvenanceItem[];
  readonly gitCommits: readonly ProvenanceItem[];
  /** Ancestors that are not in the registry, so the answer may be incomplete. */
  readonly missingAncestors: readonly VersionId[];
}

export function provenance(data: GraphData, modelName: string, version: string): Provenance {
  const start = requireNode(data, modelName, version);
  const bases = new Map<string, ProvenanceItem>();
  const sources = new Map<string, ProvenanceItem>();
  const commits = new Map<string, ProvenanceItem>();
  const missingAncestors: VersionId[] = [];
  const note = (into: Map<string, ProvenanceItem>, value: string, from: VersionId, d: number) => {
    if (!into.has(value)) into.set(value, { value, from, distance: d });
  };
  for (const { node, distance } of [{ node: start, distance: 0 }, ...walk(start, 'ancestors')]) {
    const record = node.record;
    if (record === undefined) {
      missingAncestors.push(node.id);
      continue;
    }
    const base = record.training?.baseModel;
    if (base !== undefined) note(bases, base, node.id, distance);
    for (const source of record.trainingDataSources) note(sources, source, node.id, distance);
    if (record.gitCommit !== undefined) note(commits, record.gitCommit, node.id, distance);
  }
  return {
    id: start.id,
    baseModels: [...bases.values()],
    dataSources: [...sources.values()],
    gitCommits: [...commits.values()],
    missingAncestors,
  };
}
