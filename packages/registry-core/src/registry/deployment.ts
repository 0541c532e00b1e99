import { RegistryError, versionNotFound } from '../errors.js';
import { assertName } from '../names.js';
import type { DeploymentAction, ModelRecord, ModelVersion } from '../schema/records.js';
import { sortVersions } from '../version/compare.js';

/** The deployed version of a model; legacy files may hold several, the newest deployment wins. */
export function deployedVersionOf(record: ModelRecord): ModelVersion | undefined {
  let current: ModelVersion | undefined;
  for (const version of Object.values(record.versions)) {
    if (!version.deployed) continue;
    if (current === undefined || (version.deployedAt ?? '') > (current.deployedAt ?? ''))
      current = version;
  }
  return current;
}

/** The version's record, or the VERSION_NOT_FOUND error that lists the known versions. */
export function requireVersion(record: ModelRecord, version: string): ModelVersion {
  assertName(version, 'version');
  const found = Object.hasOwn(record.versions, version) ? record.versions[version] : undefined;
  if (found === undefined) {
    throw versionNotFound(
      record.metadata.modelName,
      version,
      sortVersions(Object.keys(record.versions)),
    );
  }
  return found;
}

/**
 * Deploy `version` in place: every other version is undeployed and deprecated,
 * so at most one version is deployed whatever the record looked like before.
 * Returns false when the version was already the only deployed one.
 */
export function deployInRecord(
  record: ModelRecord,
  version: string,
  at: string,
  action: Extract<DeploymentAction, 'deploy' | 'rollback'>,
  notes?: string,
): boolean {
  const target = requireVersion(record, version);
  const others = Object.values(record.versions).filter((v) => v.deployed && v.version !== version);
  if (target.deployed && others.length === 0) return false;
  const previous = deployedVersionOf(record);
  for (const other of others) {
    other.deployed = false;
    other.status = 'deprecated';
  }
  target.deployed = true;
  target.status = 'deployed';
  target.deployedAt = at;
  if (notes !== undefined) target.deploymentNotes = notes;
  record.deployments.push({
    version,
    action,
    at,
    ...(previous && previous.version !== version ? { previousVersion: previous.version } : {}),
    ...(notes !== undefined ? { notes } : {}),
  });
  return true;
}

/** Take `version` out of production. Returns false when it was not deployed. */
export function undeployInRecord(
  record: ModelRecord,
  version: string,
  at: string,
  notes?: string,
): boolean {
  const target = requireVersion(record, version);
  if (!target.deployed) return false;
  target.deployed = false;
  target.status = 'deprecated';
  record.deployments.push({
    version,
    action: 'undeploy',
    at,
    ...(notes !== undefined ? { notes } : {}),
  });
  return true;
}

/**
 * The version `rollback(name)` returns to: the one deployed just before the
 * current deployment. When nothing is deployed, the newest version in the
 * history that still exists (the one last taken down, or failing that the
 * one it replaced).
 */
export function rollbackTarget(record: ModelRecord): string {
  const modelName = record.metadata.modelName;
  const current = deployedVersionOf(record);
  const exists = (version: string | undefined): version is string =>
    version !== undefined && Object.hasOwn(record.versions, version);
  const history = [...record.deployments].reverse();
  let target: string | undefined;
  if (current === undefined) {
    for (const event of history) {
      const candidates =
        event.action === 'undeploy' ? [event.version] : [event.version, event.previousVersion];
      target = candidates.find(exists);
      if (target !== undefined) break;
    }
  } else {
    const deployedBy = history.find(
      (e) => e.version === current.version && e.action !== 'undeploy',
    );
    target = deployedBy?.previousVersion;
    if (target !== undefined && !exists(target)) {
      throw new RegistryError(
        'NO_ROLLBACK_TARGET',
        `The previously deployed version "${target}" of "${modelName}" has been deleted. Name another version to deploy: rollback("${modelName}", "<version>").`,
        { modelName, missingVersion: target },
      );
    }
  }
  if (target === undefined) {
    throw new RegistryError(
      'NO_ROLLBACK_TARGET',
      `No earlier deployment of "${modelName}" is recorded to roll back to. Name the version to deploy: rollback("${modelName}", "<version>") or "afs registry rollback ${modelName} <version>".`,
      { modelName, currentVersion: current?.version },
    );
  }
  return target;
}
