import { RegistryError } from '@afs/registry-core';
import type { VersionId } from './ids.js';
import { findDescendingPath } from './paths.js';

/**
 * The edge `parent → child` closes a cycle exactly when `child` is already
 * `parent` itself or one of its ancestors; the path `child → … → parent`
 * that the new edge would loop back on, or undefined.
 */
export function cycleThrough<T>(
  child: T,
  parent: T,
  parentsOf: (node: T) => Iterable<T>,
): T[] | undefined {
  return findDescendingPath(child, parent, parentsOf);
}

export function lineageCycleError(
  child: VersionId,
  parent: VersionId,
  path: readonly VersionId[],
): RegistryError {
  const cycle = [...path, child];
  const colon = child.indexOf(':');
  return new RegistryError(
    'LINEAGE_CYCLE',
    `Making ${parent} a parent of ${child} would close the cycle ${cycle.join(' → ')}: ${child} would become its own ancestor. Choose a parent that does not descend from ${child}.`,
    { modelName: child.slice(0, colon), version: child.slice(colon + 1), parent, cycle },
  );
}
