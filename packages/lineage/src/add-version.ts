import {
  assertName,
  formatVersionRef,
  invalidInput,
  ModelMetadataSchema,
  type ModelRecord,
  type ModelVersion,
  ModelVersionSchema,
  parentRefs,
  parseInput,
  parseVersionRef,
  type RegistryReader,
  type RegistryTransaction,
  sortVersions,
  type VersionRef,
} from '@afs/registry-core';
import { cycleThrough, lineageCycleError } from './cycle.js';
import { type VersionId, versionId } from './ids.js';

/** `addVersion`'s input: the seed's `add_version` parameters in camelCase. */
export interface AddVersionInput {
  modelName: string;
  version: string;
  /** The version this one was trained from: `v1`, or `other-model:v3`. */
  parentVersion?: string;
  /** Parents of a merge, primary first. With `parentVersion` too, that one comes first. */
  parents?: readonly string[];
  /**
   * Replace the version's parents with the ones given (none: make it a root).
   * Without it, given parents are added to the existing ones.
   */
  replaceParents?: boolean;
  /** Added to the version's `trainingDataSources` (a union; order kept). */
  trainingData?: readonly string[];
  /** Replaces the recorded commit. */
  gitCommit?: string;
  /** Replaces `training.baseModel`. */
  baseModel?: string;
  /** Set when the version has no notes; otherwise appended on a new line, unless already there. */
  notes?: string;
}

export interface AddVersionResult {
  /** The version record as committed (or as it already was). */
  readonly version: ModelVersion;
  readonly createdVersion: boolean;
  readonly createdModel: boolean;
  /** False when the call asked for nothing new, in which case nothing was written. */
  readonly changed: boolean;
}

// The same bounds registerModel puts on these fields, so both entry points accept the same data.
const MAX_SOURCE = 4096;
const MAX_COMMIT = 256;
const MAX_TEXT = 10_000;

function checkText(value: unknown, field: string, max: number): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw invalidInput(
      `Invalid ${field}: expected a non-empty string of at most ${max} characters.`,
      { field, value },
    );
  }
}

function requestedParents(input: AddVersionInput): VersionRef[] {
  const refs = [
    ...(input.parentVersion === undefined ? [] : [input.parentVersion]),
    ...(input.parents ?? []),
  ];
  const seen = new Set<VersionId>();
  const parsed: VersionRef[] = [];
  for (const ref of refs) {
    if (typeof ref !== 'string') {
      throw invalidInput('Invalid parent: expected "v1" or "other-model:v1".', { parent: ref });
    }
    const parent = parseVersionRef(ref, input.modelName);
    const id = versionId(parent.modelName, parent.version);
    if (seen.has(id)) continue;
    seen.add(id);
    parsed.push(parent);
  }
  return parsed;
}

/** Reads each model once per transaction; lineage checks touch the same records repeatedly. */
function recordCache(reader: RegistryReader): (modelName: string) => ModelRecord | undefined {
  const cache = new Map<string, ModelRecord | undefined>();
  return (modelName) => {
    if (!cache.has(modelName)) cache.set(modelName, reader.getModel(modelName));
    return cache.get(modelName);
  };
}

function versionIn(record: ModelRecord | undefined, version: string): ModelVersion | undefined {
  return record && Object.hasOwn(record.versions, version) ? record.versions[version] : undefined;
}

function mergeNotes(existing: string, note: string | undefined): string {
  if (note === undefined || note === '') return existing;
  if (existing === '') return note;
  // Re-running a pipeline step must not repeat its note.
  if (existing === note || existing.endsWith(`\n${note}`)) return existing;
  return `${existing}\n${note}`;
}

/**
 * The body of `LineageTracker.addVersion`, run inside one store transaction.
 * Checks run against the state before the change: a new edge `p → c` closes
 * a cycle only if `c` is already an ancestor of `p`, and several new edges
 * into `c` cannot form one cycle together (it would pass through `c` twice).
 */
export function addVersionInTransaction(
  tx: RegistryTransaction,
  input: AddVersionInput,
  now: string,
): AddVersionResult {
  assertName(input.modelName, 'model name');
  assertName(input.version, 'version');
  const { modelName, version } = input;
  const self = versionId(modelName, version);
  const parents = requestedParents(input);
  for (const source of input.trainingData ?? [])
    checkText(source, 'training data source', MAX_SOURCE);
  if (input.gitCommit !== undefined) checkText(input.gitCommit, 'git commit', MAX_COMMIT);
  if (input.baseModel !== undefined) checkText(input.baseModel, 'base model', MAX_TEXT);
  if (
    input.notes !== undefined &&
    (typeof input.notes !== 'string' || input.notes.length > MAX_TEXT)
  ) {
    throw invalidInput(`Invalid notes: expected a string of at most ${MAX_TEXT} characters.`, {
      field: 'notes',
    });
  }

  const read = recordCache(tx);
  for (const parent of parents) {
    if (versionIn(read(parent.modelName), parent.version) !== undefined) continue;
    if (versionId(parent.modelName, parent.version) === self) continue; // reported as a cycle below
    const record = read(parent.modelName);
    const known = record
      ? sortVersions(Object.keys(record.versions)).join(', ') || 'none'
      : 'the model is not registered';
    throw invalidInput(
      `Parent "${formatVersionRef(parent, modelName)}" of ${self} does not exist (known versions of "${parent.modelName}": ${known}). Register the parent first, or fix the reference.`,
      { modelName, version, parent: versionId(parent.modelName, parent.version) },
    );
  }

  const parentsOf = (id: VersionId): VersionId[] => {
    const colon = id.indexOf(':');
    const owner = id.slice(0, colon);
    const found = versionIn(read(owner), id.slice(colon + 1));
    return found
      ? parentRefs(found).map((ref) => {
          const parsed = parseVersionRef(ref, owner);
          return versionId(parsed.modelName, parsed.version);
        })
      : [];
  };
  for (const parent of parents) {
    const parentId = versionId(parent.modelName, parent.version);
    const path = cycleThrough(self, parentId, parentsOf);
    if (path !== undefined) throw lineageCycleError(self, parentId, path);
  }

  const existingRecord = read(modelName);
  const record: ModelRecord = existingRecord
    ? structuredClone(existingRecord)
    : {
        metadata: ModelMetadataSchema.parse({ modelName, createdAt: now }),
        versions: {},
        deployments: [],
      };
  const before = versionIn(record, version);
  const base: ModelVersion =
    before ?? ModelVersionSchema.parse({ modelName, version, status: 'draft', createdAt: now });

  const next = structuredClone(base);
  const given = parents.map((parent) => formatVersionRef(parent, modelName));
  if (input.replaceParents) {
    next.parentVersion = given[0];
    next.additionalParents = given.slice(1);
  } else if (given.length > 0) {
    const present = new Set(parentsOf(self));
    const added = given.filter((_, i) => {
      const parent = parents[i] as VersionRef;
      return !present.has(versionId(parent.modelName, parent.version));
    });
    if (next.parentVersion === undefined) {
      const [primary, ...rest] = added;
      next.parentVersion = primary;
      next.additionalParents = [...next.additionalParents, ...rest];
    } else {
      next.additionalParents = [...next.additionalParents, ...added];
    }
  }
  if (input.trainingData !== undefined) {
    next.trainingDataSources = [...new Set([...next.trainingDataSources, ...input.trainingData])];
  }
  if (input.gitCommit !== undefined) next.gitCommit = input.gitCommit;
  if (input.baseModel !== undefined) next.training.baseModel = input.baseModel;
  next.notes = mergeNotes(next.notes, input.notes);

  const committed = parseInput(ModelVersionSchema, next, 'lineage update');
  const changed = before === undefined || JSON.stringify(committed) !== JSON.stringify(before);
  if (changed) {
    record.versions[version] = committed;
    tx.putModel(record);
  }
  return {
    version: committed,
    createdVersion: before === undefined,
    createdModel: existingRecord === undefined,
    changed,
  };
}
