import {
  type ModelMetadata,
  ModelMetadataSchema,
  type ModelRecord,
  ModelRecordSchema,
  nameProblem,
} from '@afs/registry-core';
import type { FileIssue } from './corrupt.js';
import {
  DEPLOYMENT_FIELDS,
  EVALUATION_FIELDS,
  type FieldTable,
  METADATA_FIELDS,
  METRIC_MAP_FIELDS,
  TRAINING_FIELDS,
  VERSION_FIELDS,
} from './fields.js';
import { recordPathToFilePath } from './issue-path.js';
import { describeJsonValue, isJsonObject, type JsonObject, ownValue } from './json-value.js';

/** One model as read: the validated record, and its entry exactly as parsed (unknown keys live there). */
export interface DecodedModel {
  readonly record: ModelRecord;
  readonly raw: JsonObject;
}

export type Path = ReadonlyArray<string | number>;

/*
 * The conversion below runs for every version of every model that is read,
 * so it writes into one object per level and builds issue paths only when
 * there is an issue.
 */

/** Known fields, renamed; `null` (Python's "unset") is left out so that schema defaults apply. */
function copyKnownFields(table: FieldTable, raw: JsonObject, out: JsonObject): JsonObject {
  for (const [file, record] of table) {
    if (!Object.hasOwn(raw, file)) continue;
    const value = raw[file];
    if (value !== undefined && value !== null) out[record] = value;
  }
  return out;
}

function convertMetricMap(value: unknown, at: () => Path, issues: FileIssue[]): unknown {
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const name of Object.keys(value)) {
    if (name === '__proto__') {
      // A validator would silently drop this key, and the next write would lose it.
      issues.push({ path: [...at(), name], message: 'metric name "__proto__" is reserved' });
      continue;
    }
    const metric = value[name];
    if (metric !== null) out[name] = metric;
  }
  return out;
}

function convertEvaluation(raw: JsonObject, at: () => Path, issues: FileIssue[]): JsonObject {
  const out = copyKnownFields(EVALUATION_FIELDS, raw, {});
  for (const [file, record] of EVALUATION_FIELDS) {
    if (METRIC_MAP_FIELDS.has(file) && out[record] !== undefined) {
      out[record] = convertMetricMap(out[record], () => [...at(), file], issues);
    }
  }
  return out;
}

function convertVersion(
  modelName: string,
  key: string,
  raw: JsonObject,
  at: () => Path,
  issues: FileIssue[],
): JsonObject {
  // The record repeats its own name and version; old files may leave them out.
  const out = copyKnownFields(VERSION_FIELDS, raw, { modelName, version: key });
  if (isJsonObject(out.training)) out.training = copyKnownFields(TRAINING_FIELDS, out.training, {});
  if (isJsonObject(out.evaluationScores)) {
    out.evaluationScores = convertEvaluation(
      out.evaluationScores,
      () => [...at(), 'evaluation_scores'],
      issues,
    );
  }
  return out;
}

function convertVersions(
  modelName: string,
  value: unknown,
  path: Path,
  issues: FileIssue[],
): unknown {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const problem = nameProblem(key, 'version');
    if (problem !== undefined) {
      issues.push({ path: [...path, key], message: problem });
      continue;
    }
    // Safe as a plain property: nameProblem refuses every Object.prototype name.
    const version = value[key];
    out[key] = isJsonObject(version)
      ? convertVersion(modelName, key, version, () => [...path, key], issues)
      : version;
  }
  return out;
}

function convertDeployments(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return value;
  return value.map((event: unknown) =>
    isJsonObject(event) ? copyKnownFields(DEPLOYMENT_FIELDS, event, {}) : event,
  );
}

function convertModelEntry(name: string, entry: JsonObject, path: Path, issues: FileIssue[]) {
  const metadata = ownValue(entry, 'metadata');
  return {
    metadata:
      metadata === undefined || metadata === null
        ? { modelName: name }
        : isJsonObject(metadata)
          ? copyKnownFields(METADATA_FIELDS, metadata, { modelName: name })
          : metadata,
    versions: convertVersions(name, ownValue(entry, 'versions'), [...path, 'versions'], issues),
    deployments: convertDeployments(ownValue(entry, 'deployments')),
  };
}

function issueMessage(issue: { code: string; message: string; issues?: unknown }): string {
  // zod reports a bad record key as "Invalid key in record" with the reason nested.
  if (issue.code === 'invalid_key' && Array.isArray(issue.issues)) {
    const inner = issue.issues
      .map((nested: unknown) => (isJsonObject(nested) ? String(nested.message) : ''))
      .filter(Boolean);
    if (inner.length > 0) return inner.join('; ');
  }
  return issue.message;
}

/**
 * One model entry of the file as a validated ModelRecord, or the issues found
 * (with file paths under `path`). Unknown keys stay in `entry`, untouched. The
 * record is a new object that shares nothing with `entry` but strings.
 */
export function decodeModelEntry(
  name: string,
  entry: unknown,
  path: Path,
  issues: FileIssue[],
): DecodedModel | undefined {
  const nameIssue = nameProblem(name, 'model name');
  if (nameIssue !== undefined) {
    issues.push({ path, message: nameIssue });
    return undefined;
  }
  if (!isJsonObject(entry)) {
    issues.push({
      path,
      message: `expected an object with "metadata" and "versions", got ${describeJsonValue(entry)}`,
    });
    return undefined;
  }
  const before = issues.length;
  const result = ModelRecordSchema.safeParse(convertModelEntry(name, entry, path, issues));
  if (!result.success) {
    for (const issue of result.error.issues) {
      issues.push({
        path: [...path, ...recordPathToFilePath(issue.path)],
        message: issueMessage(issue),
      });
    }
    return undefined;
  }
  if (result.data.metadata.modelName !== name) {
    issues.push({
      path: [...path, 'metadata', 'model_name'],
      message: `is "${result.data.metadata.modelName}" but the model is stored under "${name}"`,
    });
  }
  return issues.length === before ? { record: result.data, raw: entry } : undefined;
}

/**
 * Only the metadata of a model entry (`raw`: its `metadata` member as
 * parsed, or `undefined` when it has none), converted and validated exactly
 * as `decodeModelEntry` does it; `undefined` when that would report an issue.
 */
export function decodeMetadata(name: string, raw: unknown): ModelMetadata | undefined {
  const converted =
    raw === undefined || raw === null
      ? { modelName: name }
      : isJsonObject(raw)
        ? copyKnownFields(METADATA_FIELDS, raw, { modelName: name })
        : raw;
  const result = ModelMetadataSchema.safeParse(converted);
  return result.success && result.data.modelName === name ? result.data : undefined;
}
