import {
  deployedVersionOf,
  type ModelRecord,
  parentRefs,
  parseVersionRef,
  type RegistryStore,
  sortVersions,
} from '@afs/registry-core';
import type { RegistrySchemaVersion } from './constants.js';
import { copyRecord } from './copy-record.js';
import { decodeEveryModel, decodeRegistryDocument } from './document.js';
import { asImportError, type ImportSource, loadImportSource } from './import-source.js';

export interface RegistryImportReport {
  source: string;
  /** The format the source was in. */
  schemaVersion: RegistrySchemaVersion;
  /** Models that did not exist and were created whole (metadata and deployment history too). */
  createdModels: string[];
  added: Array<{ modelName: string; version: string }>;
  /** Versions that already exist; the store's copy was kept as it was. */
  skipped: Array<{ modelName: string; version: string; reason: string }>;
  /** Things that were imported but deserve a look. */
  warnings: string[];
}

export interface RegistryImportOptions {
  /** Refuse a source file larger than this (default 256 MiB). */
  maxBytes?: number;
}

const WHAT = 'registry file';

function missingParents(
  record: ModelRecord,
  versions: readonly string[],
  recordOf: (name: string) => ModelRecord | undefined,
): string[] {
  const missing: string[] = [];
  for (const version of versions) {
    const node = record.versions[version];
    if (node === undefined) continue;
    for (const ref of parentRefs(node)) {
      const parent = parseVersionRef(ref, record.metadata.modelName);
      const owner =
        parent.modelName === record.metadata.modelName ? record : recordOf(parent.modelName);
      if (owner === undefined || !Object.hasOwn(owner.versions, parent.version)) {
        missing.push(
          `${record.metadata.modelName}:${version} names parent "${ref}", which is not in the registry`,
        );
      }
    }
  }
  return missing;
}

/**
 * Import the models of a legacy `registry.json` (schema "1.0", "2.0" or the
 * bare dictionary) into any store, in one transaction. A model the store does
 * not have is copied whole; for a model it has, only the versions it lacks
 * are added and the others are reported as skipped. The source file is only
 * read. Keys the current schema does not know are not carried over.
 */
export async function importLegacyRegistry(
  store: RegistryStore,
  source: ImportSource,
  options: RegistryImportOptions = {},
): Promise<RegistryImportReport> {
  const loaded = await loadImportSource(source, WHAT, options.maxBytes);
  let schemaVersion: RegistrySchemaVersion;
  let records: Map<string, ModelRecord>;
  try {
    const document = decodeRegistryDocument(loaded.json, loaded.label);
    schemaVersion = document.schemaVersion;
    records = decodeEveryModel(document, loaded.label);
  } catch (error) {
    throw asImportError(error, loaded.label, WHAT);
  }

  return store.transact((tx) => {
    const report: RegistryImportReport = {
      source: loaded.label,
      schemaVersion,
      createdModels: [],
      added: [],
      skipped: [],
      warnings: [],
    };
    const updated = new Map<string, ModelRecord>();
    const recordOf = (name: string) => updated.get(name) ?? tx.getModel(name);
    const imported: Array<[ModelRecord, string[]]> = [];

    for (const name of [...records.keys()].sort()) {
      const decoded = records.get(name);
      if (decoded === undefined) continue;
      // A copy per run of the work, so the decoded records stay as read.
      const incoming = copyRecord(decoded);
      const versions = sortVersions(Object.keys(incoming.versions));
      const existing = tx.getModel(name);
      if (existing === undefined) {
        updated.set(name, incoming);
        report.createdModels.push(name);
        for (const version of versions) report.added.push({ modelName: name, version });
        imported.push([incoming, versions]);
        continue;
      }
      const added: string[] = [];
      for (const version of versions) {
        const candidate = incoming.versions[version];
        if (candidate === undefined) continue;
        if (Object.hasOwn(existing.versions, version)) {
          report.skipped.push({ modelName: name, version, reason: 'already in the registry' });
          continue;
        }
        existing.versions[version] = candidate;
        added.push(version);
        report.added.push({ modelName: name, version });
      }
      if (added.length === 0) continue;
      updated.set(name, existing);
      imported.push([existing, added]);
      if (incoming.deployments.length > 0) {
        report.warnings.push(
          `The deployment history of "${name}" in ${loaded.label} was not merged, because the model already exists here.`,
        );
      }
      const deployed = Object.values(existing.versions).filter((v) => v.deployed);
      if (deployed.length > 1) {
        report.warnings.push(
          `"${name}" now has ${deployed.length} versions marked deployed (${deployed.map((v) => v.version).join(', ')}); ${deployedVersionOf(existing)?.version} counts as deployed. Deploy the one you want to settle it.`,
        );
      }
    }
    for (const [record, versions] of imported) {
      report.warnings.push(...missingParents(record, versions, recordOf));
    }
    for (const record of updated.values()) tx.putModel(record);
    return report;
  });
}
