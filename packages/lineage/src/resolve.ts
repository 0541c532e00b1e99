import {
  assertName,
  modelNotFound,
  sortVersions,
  type VersionRef,
  versionNotFound,
} from '@afs/registry-core';
import type { GraphData, GraphNode, ModelEntry } from './build.js';
import { parseSelector, type VersionSelector } from './ids.js';

export function requireModel(data: GraphData, modelName: string): ModelEntry {
  assertName(modelName, 'model name');
  const entry = data.models.get(modelName);
  if (entry === undefined) throw modelNotFound(modelName, [...data.models.keys()].sort());
  return entry;
}

/** A version that is in the registry; a missing (dangling) node does not count. */
export function requireNode(data: GraphData, modelName: string, version: string): GraphNode {
  const entry = requireModel(data, modelName);
  assertName(version, 'version');
  const node = entry.byVersion.get(version);
  if (node === undefined) {
    throw versionNotFound(modelName, version, sortVersions(entry.nodes.map((n) => n.version)));
  }
  return node;
}

export function requireSelected(data: GraphData, selector: VersionSelector): GraphNode {
  const ref: VersionRef = parseSelector(selector);
  return requireNode(data, ref.modelName, ref.version);
}
