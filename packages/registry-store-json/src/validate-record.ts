import {
  describeIssues,
  invalidInput,
  type ModelRecord,
  ModelRecordSchema,
  type ModelVersion,
} from '@afs/registry-core';
import { defineOwn, isJsonObject, type JsonObject } from './json-value.js';
import { sameJson } from './same-json.js';

function validateWhole(record: ModelRecord): ModelRecord {
  const result = ModelRecordSchema.safeParse(record);
  if (!result.success) {
    throw invalidInput(
      `The record of model "${String(record?.metadata?.modelName)}" is not valid, so nothing was written: ${describeIssues(result.error)}.`,
      { modelName: record?.metadata?.modelName },
    );
  }
  return result.data;
}

/**
 * A record about to be committed, validated with the registry schema; an
 * invalid one is `INVALID_INPUT`. With `before` (the validated record it
 * replaces), versions that are the same as there are not validated again:
 * the schema checks each version on its own (and that it sits under its own
 * name, which an unchanged version under the same model still does), and
 * `before`'s already passed. A commit usually changes one version of many.
 * Unchanged versions are `before`'s own objects in the result.
 */
export function validateRecord(record: ModelRecord, before?: ModelRecord): ModelRecord {
  const versions: unknown = isJsonObject(record) ? record.versions : undefined;
  if (before === undefined || !isJsonObject(versions)) return validateWhole(record);
  const changed: JsonObject = {};
  const kept = new Map<string, ModelVersion>();
  for (const key of Object.keys(versions)) {
    const previous = Object.hasOwn(before.versions, key) ? before.versions[key] : undefined;
    if (previous !== undefined && sameJson(versions[key], previous)) kept.set(key, previous);
    else defineOwn(changed, key, versions[key]);
  }
  if (kept.size === 0) return validateWhole(record);
  const validated = validateWhole({ ...record, versions: changed as ModelRecord['versions'] });
  // Back in the caller's order, which is the order the schema would have kept.
  const merged: JsonObject = {};
  for (const key of Object.keys(versions)) {
    defineOwn(merged, key, kept.get(key) ?? validated.versions[key]);
  }
  return { ...validated, versions: merged as ModelRecord['versions'] };
}
