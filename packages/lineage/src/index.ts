export type { AddVersionInput, AddVersionResult } from './add-version.js';
export { LineageGraph } from './graph.js';
export { parseSelector, type VersionId, type VersionSelector, versionId } from './ids.js';
export { type MainMetric, mainMetric, type VersionNode } from './node.js';
export type {
  ImpactedVersion,
  ImpactKind,
  ImpactReport,
  ImpactSubject,
} from './queries/impact.js';
export type { Provenance, ProvenanceItem } from './queries/provenance.js';
export type {
  CodeVersion,
  DataLineage,
  DataLineageEntry,
  LineageRecord,
  ModelLineage,
} from './queries/records.js';
export type { CommonAncestor, LineagePath } from './queries/relations.js';
export type { LineageSummary } from './queries/summary.js';
export type { RelatedVersion } from './queries/traverse.js';
export type { JsonGraph, JsonGraphEdge } from './render/json.js';
export { DEPLOYED_MARK } from './render/labels.js';
export { mermaidId } from './render/mermaid.js';
export type { RenderScope } from './render/scope.js';
export {
  LineageTracker,
  type LineageTrackerOptions,
  type QueryOptions,
} from './tracker.js';
