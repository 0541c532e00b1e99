import { invalidInput, RegistryError } from '../errors.js';
import { parseVersionRef } from '../names.js';
import { type ModelRecord, parentRefs } from '../schema/records.js';
import type { RegistryReader } from '../store/contract.js';
import { sortVersions } from '../version/compare.js';

function key(modelName: string, version: string): string {
  return `${modelName}:${version}`;
}

/**
 * Every parent must exist, and a version may not descend from itself. Only
 * an overwrite can close a cycle (a new version has no children yet), but the
 * check is cheap and keeps the invariant in one place.
 */
export function checkParents(
  reader: RegistryReader,
  modelName: string,
  version: string,
  refs: readonly string[],
): void {
  const self = key(modelName, version);
  for (const ref of refs) {
    const parent = parseVersionRef(ref, modelName);
    if (key(parent.modelName, parent.version) === self) {
      throw new RegistryError(
        'LINEAGE_CYCLE',
        `Version "${version}" of "${modelName}" cannot be its own parent.`,
        {
          modelName,
          version,
          parents: [...refs],
        },
      );
    }
    const record = reader.getModel(parent.modelName);
    if (record === undefined || !Object.hasOwn(record.versions, parent.version)) {
      const known = record
        ? sortVersions(Object.keys(record.versions)).join(', ') || 'none'
        : 'the model is not registered';
      throw invalidInput(
        `Parent "${ref}" of ${modelName}:${version} does not exist (known versions of "${parent.modelName}": ${known}). Register the parent first, or fix the reference.`,
        { modelName, version, parent: ref },
      );
    }
  }
  // Walk up from the parents; reaching `self` means the new edges close a cycle.
  const seen = new Set<string>();
  const records = new Map<string, ModelRecord | undefined>();
  const recordOf = (name: string): ModelRecord | undefined => {
    if (!records.has(name)) records.set(name, reader.getModel(name));
    return records.get(name);
  };
  const stack = refs.map((ref) => parseVersionRef(ref, modelName));
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined) break;
    const id = key(current.modelName, current.version);
    if (id === self) {
      throw new RegistryError(
        'LINEAGE_CYCLE',
        `Making ${refs.join(', ')} a parent of ${self} would make ${self} its own ancestor. Choose a parent that does not descend from it.`,
        { modelName, version, parents: [...refs] },
      );
    }
    if (seen.has(id)) continue;
    seen.add(id);
    const record = recordOf(current.modelName);
    const node =
      record && Object.hasOwn(record.versions, current.version)
        ? record.versions[current.version]
        : undefined;
    if (node)
      for (const ref of parentRefs(node)) stack.push(parseVersionRef(ref, current.modelName));
  }
}

/**
 * Parent references without repeats: `v1` and `m:v1` name the same version in
 * model `m`, and an additional parent equal to the primary one adds nothing.
 */
export function uniqueParents(modelName: string, refs: readonly string[]): string[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const parent = parseVersionRef(ref, modelName);
    const id = key(parent.modelName, parent.version);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Versions (in any model) that name `modelName:version` as a parent. */
export function childrenOf(reader: RegistryReader, modelName: string, version: string): string[] {
  const target = key(modelName, version);
  const children: string[] = [];
  for (const name of reader.modelNames()) {
    const record = reader.getModel(name);
    if (!record) continue;
    for (const candidate of Object.values(record.versions)) {
      for (const ref of parentRefs(candidate)) {
        const parent = parseVersionRef(ref, name);
        if (key(parent.modelName, parent.version) === target)
          children.push(key(name, candidate.version));
      }
    }
  }
  return children;
}
