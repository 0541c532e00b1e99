import { type GraphData, type GraphNode, modelNodes } from '../build.js';
import type { VersionId } from '../ids.js';
import { copyNode, type VersionNode } from '../node.js';
import { requireModel, requireNode } from '../resolve.js';
import { walk } from './traverse.js';

/** One version's lineage: its own data plus the ids of its neighbours. */
export type LineageRecord = VersionNode & {
  /** Primary parent first; includes missing ones. */
  readonly parents: readonly VersionId[];
  readonly primaryParent: VersionId | undefined;
  /** Parents that are not in the registry (deleted, or never registered). */
  readonly missingParents: readonly VersionId[];
  readonly children: readonly VersionId[];
};

export interface ModelLineage {
  readonly modelName: string;
  /** In version order. */
  readonly versions: readonly LineageRecord[];
}

export interface DataLineageEntry {
  readonly id: VersionId;
  readonly modelName: string;
  readonly version: string;
  /** 0 for the version asked about, then its ancestors nearest first. */
  readonly distance: number;
  readonly missing: boolean;
  /** The sources this version itself was trained on (not inherited ones). */
  readonly trainingDataSources: readonly string[];
}

export interface DataLineage {
  readonly id: VersionId;
  readonly entries: readonly DataLineageEntry[];
  /** Every source in the lineage, each once, in entry order. */
  readonly sources: readonly string[];
}

export interface CodeVersion {
  readonly version: string;
  readonly gitCommit: string | undefined;
}

export function lineageRecord(node: GraphNode): LineageRecord {
  return Object.assign(copyNode(node.info), {
    parents: node.parents.map((p) => p.id),
    primaryParent: node.primaryParent?.id,
    missingParents: node.parents.filter((p) => p.missing).map((p) => p.id),
    children: node.children.map((c) => c.id),
  });
}

export function modelLineage(data: GraphData, modelName: string): ModelLineage {
  const entry = requireModel(data, modelName);
  return { modelName, versions: modelNodes(entry).map(lineageRecord) };
}

function time(node: GraphNode): number {
  const at = node.info.createdAt === undefined ? Number.NaN : Date.parse(node.info.createdAt);
  return Number.isNaN(at) ? Number.POSITIVE_INFINITY : at;
}

/**
 * Chronological by `createdAt`; equal times (and versions without a date,
 * which come last) keep version order. Timestamps are compared as instants,
 * so `+00:00` (Python) and `Z` (this registry) mix correctly.
 */
export function trainingHistory(data: GraphData, modelName: string): LineageRecord[] {
  const ordered = modelNodes(requireModel(data, modelName));
  const times = new Map(ordered.map((node) => [node, time(node)]));
  return [...ordered]
    .sort((a, b) => (times.get(a) ?? 0) - (times.get(b) ?? 0) || 0)
    .map(lineageRecord);
}

export function dataLineage(data: GraphData, modelName: string, version: string): DataLineage {
  const start = requireNode(data, modelName, version);
  const entries = [{ node: start, distance: 0 }, ...walk(start, 'ancestors')].map(
    ({ node, distance }): DataLineageEntry => {
      const { id, missing, trainingDataSources } = node.info;
      return {
        id,
        modelName: node.modelName,
        version: node.version,
        distance,
        missing,
        trainingDataSources,
      };
    },
  );
  const sources = new Set<string>();
  for (const entry of entries) for (const source of entry.trainingDataSources) sources.add(source);
  return { id: start.id, entries, sources: [...sources] };
}

export function codeVersions(data: GraphData, modelName: string): CodeVersion[] {
  return modelNodes(requireModel(data, modelName)).map((node) => ({
    version: node.version,
    gitCommit: node.info.gitCommit,
  }));
}
