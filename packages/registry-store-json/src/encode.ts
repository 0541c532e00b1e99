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
  if (isJsonObject(value)) return { ...value };
  return value;
}

/** Adds `value`'s known fields to `out` under their file names; every commit runs this per version. */
function encodeFields(table: FieldTable, value: object, out: JsonObject): JsonObject {
  const source = value as Record<string, unknown>;
  for (const [file, record] of table) out[file] = toFileValue(source[record]);
  return out;
}

function encodeVersion(version: ModelVersion, raw: JsonObject | undefined): JsonObject {
  const out = encodeFields(VERSION_FIELDS, version, { ...raw });
  out.training = encodeFields(TRAINING_FIELDS, version.training, {
    ...ownObject(raw, 'training'),
  });
  out.evaluation_scores = encodeFields(EVALUATION_FIELDS, version.evaluationScores, {
    ...ownObject(raw, 'evaluation_scores'),
  });
  return out;
}

function sameEvent(raw: JsonObject, event: DeploymentEvent): boolean {
  return raw.version === event.version && raw.action === event.action && raw.at === event.at;
}

function encodeDeployments(events: readonly DeploymentEvent[], raw: unknown): JsonObject[] {
  return events.map((event, index) => {
    const previous = Array.isArray(raw) ? (raw[index] as unknown) : undefined;
    const base = isJsonObject(previous) && sameEvent(previous, event) ? previous : undefined;
    return encodeFields(DEPLOYMENT_FIELDS, event, { ...base });
  });
}

/**
 * A model entry as written to the file: snake_case, every known field present
 * (`null` where unset). With `raw` (the entry as last read), keys this version
 * does not know are carried over at every level instead of being dropped.
 * `reuse` may supply a version's encoding from an earlier call (the same
 * version over the same raw entry encodes the same); it is used as it is.
 */
export function encodeModel(
  record: ModelRecord,
  raw?: JsonObject,
  reuse?: (key: string, version: ModelVersion) => JsonObject | undefined,
): JsonObject {
  const rawVersions = ownObject(raw, 'versions');
  const versions: JsonObject = {};
  for (const key of Object.keys(record.versions)) {
    const version = record.versions[key] as ModelVersion;
    // A data property even for "__proto__", which plain assignment would turn into a prototype.
    Object.defineProperty(versions, key, {
      value: reuse?.(key, version) ?? encodeVersion(version, ownObject(rawVersions, key)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return {
    ...raw,
    metadata: encodeFields(METADATA_FIELDS, record.metadata, { ...ownObject(raw, 'metadata') }),
    versions,
    deployments: encodeDeployments(record.deployments, ownValue(raw, 'deployments')),
  };
}

/** Depth of a model entry in the written document: top level → "models" → entry. */
export const MODEL_ENTRY_LEVEL = 2;

/** Depth of a version in the written document: entry → "versions" → version. */
export const VERSION_LEVEL = MODEL_ENTRY_LEVEL + 2;

/** A model entry's text, ready to be placed under "models" by `renderRegistryDocument`. */
export function renderModelEntry(entry: JsonObject): string {
  return stringifyStable(entry, MODEL_ENTRY_LEVEL);
}

// Marks where the models go in the rendered top level. It cannot occur in
// rendered JSON otherwise: a NUL in keys or strings is always escaped.
const MODELS_SLOT = '\u0000';

/**
 * The pieces of the whole file in order: the text between entries, and each
 * model's entry (already rendered at the entry depth, as text or bytes) in
 * ascending code-unit order of the model names, which must be unique. The
 * top level carries `top`'s unknown keys, the written schema version and
 * `updated_at`; the file ends with a newline.
 */
export function registryDocumentParts<Entry>(
  top: JsonObject,
  updatedAt: string,
  models: Iterable<readonly [string, Entry]>,
): Array<string | Entry> {
  const shell = stringifyStable({
    ...top,
    version: WRITTEN_SCHEMA_VERSION,
    updated_at: updatedAt,
    models: new PreRendered(MODELS_SLOT),
  });
  const slot = shell.indexOf(MODELS_SLOT);
  const head = shell.slice(0, slot);
  const tail = `${shell.slice(slot + MODELS_SLOT.length)}\n`;
  const sorted = [...models].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length === 0) return [`${head}{}${tail}`];
  // The same text stringifyStable gives an object at level 1 whose values are the entries.
  const parts: Array<string | Entry> = [`${head}{\n`];
  sorted.forEach(([name, entry], index) => {
    parts.push(`${index === 0 ? '' : ',\n'}    ${JSON.stringify(name)}: `, entry);
  });
  parts.push(`\n  }${tail}`);
  return parts;
}

/** The whole file as text, from entries rendered by `renderModelEntry` (see `registryDocumentParts`). */
export function renderRegistryDocument(
  top: JsonObject,
  updatedAt: string,
  models: Iterable<readonly [string, string]>,
): string {
  return registryDocumentParts(top, updatedAt, models).join('');
}
