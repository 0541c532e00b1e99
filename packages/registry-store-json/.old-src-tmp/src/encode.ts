import type { DeploymentEvent, ModelRecord, ModelVersion } from '@afs/registry-core';
import { WRITTEN_SCHEMA_VERSION } from './constants.js';
import {
  DEPLOYMENT_FIELDS,
  EVALUATION_FIELDS,
  type FieldTable,
  METADATA_FIELDS,
  TRAINING_FIELDS,
  VERSION_FIELDS,
} from './fields.js';
import { isJsonObject, type JsonObject, ownObject, ownValue } from './json-value.js';
import { PreRendered, stringifyStable } from './stable-json.js';

/** Like the Python system: unset is `null`, never a missing key. */
function toFileValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return [...value];
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value));
  return value;
}

function encodeFields(table: FieldTable, value: object): JsonObject {
  const source = value as Record<string, unknown>;
  return Object.fromEntries(table.map(([file, record]) => [file, toFileValue(source[record])]));
}

function encodeVersion(version: ModelVersion, raw: JsonObject | undefined): JsonObject {
  return {
    ...raw,
    ...encodeFields(VERSION_FIELDS, version),
    training: { ...ownObject(raw, 'training'), ...encodeFields(TRAINING_FIELDS, version.training) },
    evaluation_scores: {
      ...ownObject(raw, 'evaluation_scores'),
      ...encodeFields(EVALUATION_FIELDS, version.evaluationScores),
    },
  };
}

function sameEvent(raw: JsonObject, event: DeploymentEvent): boolean {
  return raw.version === event.version && raw.action === event.action && raw.at === event.at;
}

function encodeDeployments(events: readonly DeploymentEvent[], raw: unknown): JsonObject[] {
  return events.map((event, index) => {
    const previous = Array.isArray(raw) ? (raw[index] as unknown) : undefined;
    const base = isJsonObject(previous) && sameEvent(previous, event) ? previous : undefined;
    return { ...base, ...encodeFields(DEPLOYMENT_FIELDS, event) };
  });
}

/**
 * A model entry as written to the file: snake_case, every known field present
 * (`null` where unset). With `raw` (the entry as last read), keys this version
 * does not know are carried over at every level instead of being dropped.
 */
export function encodeModel(record: ModelRecord, raw?: JsonObject): JsonObject {
  const rawVersions = ownObject(raw, 'versions');
  return {
    ...raw,
    metadata: { ...ownObject(raw, 'metadata'), ...encodeFields(METADATA_FIELDS, record.metadata) },
    versions: Object.fromEntries(
      Object.entries(record.versions).map(([key, version]) => [
        key,
        encodeVersion(version, ownObject(rawVersions, key)),
      ]),
    ),
    deployments: encodeDeployments(record.deployments, ownValue(raw, 'deployments')),
  };
}

/** Depth of a model entry in the written document: top level → "models" → entry. */
export const MODEL_ENTRY_LEVEL = 2;

/** A model entry's text, ready to be placed under "models" by `renderRegistryDocument`. */
export function renderModelEntry(entry: JsonObject): string {
  return stringifyStable(entry, MODEL_ENTRY_LEVEL);
}

/**
 * The whole file: `top`'s unknown keys, the written schema version,
 * `updated_at`, and the models (already rendered), with a trailing newline.
 */
export function renderRegistryDocument(
  top: JsonObject,
  updatedAt: string,
  models: Iterable<readonly [string, string]>,
): string {
  const rendered = Object.fromEntries(
    [...models].map(([name, text]) => [name, new PreRendered(text)]),
  );
  return `${stringifyStable({
    ...top,
    version: WRITTEN_SCHEMA_VERSION,
    updated_at: updatedAt,
    models: rendered,
  })}\n`;
}
