import { deployedVersionOf } from '../registry/deployment.js';
import type { ModelRecord } from '../schema/records.js';
import { maxVersion } from '../version/compare.js';

/** One line of a model listing: what `afs registry list` shows. */
export interface ModelSummary {
  modelName: string;
  description: string;
  owner: string;
  tags: string[];
  versionCount: number;
  latestVersion: string | undefined;
  deployedVersion: string | undefined;
  createdAt: string | undefined;
}

/** The summary of one model's record; stores that summarise without the record must agree with it. */
export function summarizeModel(record: ModelRecord): ModelSummary {
  const { metadata } = record;
  const versions = Object.keys(record.versions);
  return {
    modelName: metadata.modelName,
    description: metadata.description,
    owner: metadata.owner,
    tags: metadata.tags,
    versionCount: versions.length,
    latestVersion: maxVersion(versions),
    deployedVersion: deployedVersionOf(record)?.version,
    createdAt: metadata.createdAt,
  };
}
