import { type ModelRecord, ModelRecordSchema, nameProblem } from '@afs/registry-core';
import {
  READABLE_SCHEMA_VERSIONS,
  type RegistrySchemaVersion,
  WRITTEN_SCHEMA_VERSION,
} from './constants.js';
import { corruptRegistry, type FileIssue, invalidRegistryContent } from './corrupt.js';
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
import {
  describeJsonValue,
  isJsonObject,
  type JsonObject,
  ownObject,
  ownValue,
} from './json-value.js';

/** One model as read: the validated record, and its entry exactly as parsed (unknown keys live there). */
export interface DecodedModel {
  readonly record: ModelRecord;
  readonly raw: JsonObject;
}

export interface RegistryDocument {
  readonly schemaVersion: RegistrySchemaVersion;
  /** The parsed top-level object of the wrapper form (its unknown keys are kept); `{}` for the bare form. */
  readonly top: JsonObject;
  readonly models: ReadonlyMap<string, DecodedModel>;
}

type Path = ReadonlyArray<string | number>;

/** Known fields, renamed; `null` (Python's "unset") is left out so that schema defaults apply. */
function convertFields(table: FieldTable, raw: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [file, record] of table) {
    const value = ownValue(raw, file);
    if (value !== undefined && value !== null) out[record] = value;
  }
  return out;
}

function convertMetricMap(value: unknown, path: Path, issues: FileIssue[]): unknown {
  if (!isJsonObject(value)) return value;
  const entries = Object.entries(value).filter(([name, metric]) => {
    // A validator would silently drop this key, and the next write would lose it.
    if (name === '__proto__') {
      issues.push({ path: [...path, name], message: 'metric name "__proto__" is reserved' });
      return false;
    }
    return metric !== null;
  });
  return Object.fromEntries(entries);
}

function convertEvaluation(raw: JsonObject, path: Path, issues: FileIssue[]): JsonObject {
  const out = convertFields(EVALUATION_FIELDS, raw);
  for (const [file, record] of EVALUATION_FIELDS) {
    if (METRIC_MAP_FIELDS.has(file) && out[record] !== undefined) {
      out[record] = convertMetricMap(out[record], [...path, file], issues);
    }
  }
  return out;
}

function convertVersion(
  modelName: string,
  key: string,
  raw: JsonObject,
  path: Path,
  issues: FileIssue[],
): JsonObject {
  // The record repeats its own name and version; old files may leave them out.
  const out: JsonObject = { modelName, version: key, ...convertFields(VERSION_FIELDS, raw) };
  const training = ownObject(raw, 'training');
  if (training !== undefined) out.training = convertFields(TRAINING_FIELDS, training);
  const scores = ownObject(raw, 'evaluation_scores');
  if (scores !== undefined) {
    out.evaluationScores = convertEvaluation(scores, [...path, 'evaluation_scores'], issues);
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
  const entries: Array<[string, unknown]> = [];
  for (const [key, version] of Object.entries(value)) {
    const problem = nameProblem(key, 'version');
    if (problem !== undefined) {
      issues.push({ path: [...path, key], message: problem });
      continue;
    }
    entries.push([
      key,
      isJsonObject(version)
        ? convertVersion(modelName, key, version, [...path, key], issues)
        : version,
    ]);
  }
  return Object.fromEntries(entries);
}

function convertModelEntry(name: string, entry: JsonObject, path: Path, issues: FileIssue[]) {
  const metadata = ownValue(entry, 'metadata');
  const deployments = ownValue(entry, 'deployments');
  return {
    metadata:
      metadata === undefined || metadata === null
        ? { modelName: name }
        : isJsonObject(metadata)
          ? { modelName: name, ...convertFields(METADATA_FIELDS, metadata) }
          : metadata,
    versions: convertVersions(name, ownValue(entry, 'versions'), [...path, 'versions'], issues),
    deployments:
      deployments === undefined || deployments === null
        ? []
        : Array.isArray(deployments)
          ? deployments.map((event: unknown) =>
              isJsonObject(event) ? convertFields(DEPLOYMENT_FIELDS, event) : event,
            )
          : deployments,
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
 * (with file paths under `path`). Unknown keys stay in `entry`, untouched.
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

const KNOWN_VERSIONS = `${READABLE_SCHEMA_VERSIONS.map((v) => `"${v}"`).join(', ')} and the older bare {model: {...}} dictionary`;

function schemaVersionOf(top: JsonObject, file: string): RegistrySchemaVersion {
  if (!Object.hasOwn(top, 'version')) return 'bare';
  const version = top.version;
  if (typeof version === 'string') {
    if ((READABLE_SCHEMA_VERSIONS as readonly string[]).includes(version)) {
      return version as RegistrySchemaVersion;
    }
  } else if (isJsonObject(version)) {
    // A bare dictionary may hold a model called "version".
    return 'bare';
  }
  throw corruptRegistry(
    file,
    `its schema version ${JSON.stringify(version)} is unknown; this package reads ${KNOWN_VERSIONS} and writes "${WRITTEN_SCHEMA_VERSION}". If a newer AFS release wrote the file, upgrade @afs/registry-store-json`,
    { schemaVersion: version },
  );
}

/**
 * The parsed JSON of a registry file (schema "1.0", "2.0", or the bare models
 * dictionary) as validated records. Anything else is a `CORRUPT_REGISTRY`
 * error naming `file` and the snake_case path of each problem.
 */
export function decodeRegistryDocument(json: unknown, file: string): RegistryDocument {
  if (!isJsonObject(json)) {
    throw corruptRegistry(
      file,
      `the top level is ${describeJsonValue(json)}, but a registry is an object like {"version": "${WRITTEN_SCHEMA_VERSION}", "models": {...}}`,
    );
  }
  const schemaVersion = schemaVersionOf(json, file);
  const wrapped = schemaVersion !== 'bare';
  const models = wrapped ? ownValue(json, 'models') : json;
  if (models !== undefined && models !== null && !isJsonObject(models)) {
    throw invalidRegistryContent(file, [
      {
        path: ['models'],
        message: `expected an object of models, got ${describeJsonValue(models)}`,
      },
    ]);
  }
  const issues: FileIssue[] = [];
  const decoded = new Map<string, DecodedModel>();
  for (const [name, entry] of Object.entries(models ?? {})) {
    const model = decodeModelEntry(name, entry, wrapped ? ['models', name] : [name], issues);
    if (model !== undefined) decoded.set(name, model);
  }
  if (issues.length > 0) throw invalidRegistryContent(file, issues);
  return { schemaVersion, top: wrapped ? json : {}, models: decoded };
}
