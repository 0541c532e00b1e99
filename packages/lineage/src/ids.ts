import { assertName, invalidInput, type VersionRef } from '@afs/registry-core';

/**
 * A version across all models: `majora:v2`. Model names cannot contain `:`,
 * so the first colon always splits the two parts.
 */
export type VersionId = string;

/** A version given either as `model:version` or as `{ modelName, version }`. */
export type VersionSelector = VersionId | VersionRef;

export function versionId(modelName: string, version: string): VersionId {
  return `${modelName}:${version}`;
}

/** Reads a selector; a bare `v2` is refused because it does not say which model. */
export function parseSelector(selector: VersionSelector): VersionRef {
  if (typeof selector !== 'string') {
    assertName(selector.modelName, 'model name');
    assertName(selector.version, 'version');
    return { modelName: selector.modelName, version: selector.version };
  }
  const colon = selector.indexOf(':');
  if (colon === -1) {
    throw invalidInput(
      `"${selector}" does not name a model. Write it as "<model>:<version>", e.g. "majora:${selector}".`,
      { selector },
    );
  }
  const ref = { modelName: selector.slice(0, colon), version: selector.slice(colon + 1) };
  assertName(ref.modelName, 'model name');
  assertName(ref.version, 'version');
  return ref;
}
