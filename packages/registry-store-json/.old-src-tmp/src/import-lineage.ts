import {
  type Clock,
  invalidInput,
  type ModelRecord,
  type ModelVersion,
  nameProblem,
  parentRefs,
  parseVersionRef,
  type RegistryStore,
  type RegistryTransaction,
  sortVersions,
  systemClock,
  timestamp,
  VersionRefSchema,
} from '@afs/registry-core';
import { type ImportSource, loadImportSource } from './import-source.js';
import { describeJsonValue, isJsonObject, type JsonObject, ownValue } from './json-value.js';

/** Record fields a lineage entry can fill. */
export type LineageField =
  | 'parentVersion'
  | 'trainingDataSources'
  | 'gitCommit'
  | 'training.baseModel'
  | 'notes';

export interface LineageMerge {
  modelName: string;
  version: string;
  /** The fields that were filled (or, for data sources, extended). */
  fields: LineageField[];
}

/** The record and the lineage disagree; the record was kept. */
export interface LineageConflict {
  modelName: string;
  version: string;
  field: LineageField;
  recordValue: unknown;
  lineageValue: unknown;
}

/** Lineage that could not be applied at all, and why. */
export interface LineageUnmerged {
  modelName: string;
  version?: string;
  field?: LineageField;
  reason: string;
}

export interface LineageImportReport {
  source: string;
  importedAt: string;
  merged: LineageMerge[];
  conflicts: LineageConflict[];
  unmerged: LineageUnmerged[];
  /** Versions whose record already agreed with everything their lineage says. */
  unchanged: Array<{ modelName: string; version: string }>;
}

export interface LineageImportOptions {
  /** Stamps `importedAt` in the report. */
  clock?: Clock;
  /** Refuse a source file larger than this (default 256 MiB). */
  maxBytes?: number;
}

interface LineageEntry {
  parentVersion?: string;
  trainingData?: string[];
  gitCommit?: string;
  baseModel?: string;
  notes?: string;
}

const WHAT = 'lineage file';

function stringField(entry: JsonObject, key: string): string | undefined | Error {
  const value = ownValue(entry, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  return new Error(`${key} must be a string or null, got ${describeJsonValue(value)}`);
}

/** One version's lineage, or why it cannot be used. */
function readEntry(value: unknown): LineageEntry | string {
  if (!isJsonObject(value)) return `expected an object, got ${describeJsonValue(value)}`;
  const entry: LineageEntry = {};
  const fields = [
    ['parent_version', 'parentVersion'],
    ['git_commit', 'gitCommit'],
    ['base_model', 'baseModel'],
    ['notes', 'notes'],
  ] as const;
  for (const [file, name] of fields) {
    const found = stringField(value, file);
    if (found instanceof Error) return found.message;
    if (found !== undefined && found !== '') entry[name] = found;
  }
  const data = ownValue(value, 'training_data');
  if (data !== undefined && data !== null) {
    if (!Array.isArray(data) || !data.every((item) => typeof item === 'string')) {
      return `training_data must be a list of strings, got ${describeJsonValue(data)}`;
    }
    entry.trainingData = data;
  }
  return entry;
}

function lineagesOf(json: unknown, label: string): JsonObject {
  if (!isJsonObject(json)) {
    throw invalidInput(
      `The ${WHAT} ${label} cannot be imported: the top level is ${describeJsonValue(json)}, expected {"version": "1.0", "lineages": {...}}. Nothing was imported.`,
    );
  }
  const version = ownValue(json, 'version');
  if (version !== undefined && version !== '1.0') {
    throw invalidInput(
      `The ${WHAT} ${label} has schema version ${JSON.stringify(version)}; only "1.0" is known. Nothing was imported.`,
    );
  }
  const lineages = ownValue(json, 'lineages');
  if (lineages === undefined || lineages === null) return {};
  if (!isJsonObject(lineages)) {
    throw invalidInput(
      `The ${WHAT} ${label} cannot be imported: "lineages" is ${describeJsonValue(lineages)}, expected an object. Nothing was imported.`,
    );
  }
  return lineages;
}

/** Would `ref` as a parent of `self` make `self` its own ancestor? */
function closesCycle(
  recordOf: (name: string) => ModelRecord | undefined,
  self: { modelName: string; version: string },
  ref: string,
): boolean {
  const target = `${self.modelName}:${self.version}`;
  const seen = new Set<string>();
  const stack = [parseVersionRef(ref, self.modelName)];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const id = `${node.modelName}:${node.version}`;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const record = recordOf(node.modelName);
    const version =
      record && Object.hasOwn(record.versions, node.version)
        ? record.versions[node.version]
        : undefined;
    if (version)
      for (const parent of parentRefs(version)) stack.push(parseVersionRef(parent, node.modelName));
  }
  return false;
}

function parentExists(
  recordOf: (name: string) => ModelRecord | undefined,
  modelName: string,
  ref: string,
): boolean {
  const parent = parseVersionRef(ref, modelName);
  const record = recordOf(parent.modelName);
  return record !== undefined && Object.hasOwn(record.versions, parent.version);
}

class LineageMerger {
  readonly report: Omit<LineageImportReport, 'source' | 'importedAt'> = {
    merged: [],
    conflicts: [],
    unmerged: [],
    unchanged: [],
  };
  // Records changed so far, so that later parent checks see earlier fills.
  readonly #changed = new Map<string, ModelRecord>();
  readonly #tx: RegistryTransaction;

  constructor(tx: RegistryTransaction) {
    this.#tx = tx;
  }

  recordOf = (name: string): ModelRecord | undefined => {
    if (!this.#changed.has(name)) {
      const record = this.#tx.getModel(name);
      if (record === undefined) return undefined;
      this.#changed.set(name, record);
    }
    return this.#changed.get(name);
  };

  commit(touched: ReadonlySet<string>): void {
    for (const name of touched) {
      const record = this.#changed.get(name);
      if (record) this.#tx.putModel(record);
    }
  }

  mergeVersion(modelName: string, version: string, target: ModelVersion, entry: LineageEntry) {
    const fields: LineageField[] = [];
    const conflict = (field: LineageField, recordValue: unknown, lineageValue: unknown) =>
      this.report.conflicts.push({ modelName, version, field, recordValue, lineageValue });
    const unmerged = (field: LineageField, reason: string) =>
      this.report.unmerged.push({ modelName, version, field, reason });

    if (entry.parentVersion !== undefined) {
      const ref = entry.parentVersion;
      if (!VersionRefSchema.safeParse(ref).success) {
        unmerged('parentVersion', `parent_version "${ref}" is not a valid version reference`);
      } else if (target.parentVersion === undefined) {
        if (!parentExists(this.recordOf, modelName, ref)) {
          unmerged('parentVersion', `parent "${ref}" is not in the registry`);
        } else if (closesCycle(this.recordOf, { modelName, version }, ref)) {
          unmerged(
            'parentVersion',
            `parent "${ref}" would make ${modelName}:${version} its own ancestor`,
          );
        } else {
          target.parentVersion = ref;
          fields.push('parentVersion');
        }
      } else if (!parentRefs(target).includes(ref)) {
        conflict('parentVersion', target.parentVersion, ref);
      }
    }
    if (entry.trainingData !== undefined) {
      const missing = entry.trainingData.filter(
        (source, index, all) =>
          !target.trainingDataSources.includes(source) && all.indexOf(source) === index,
      );
      if (missing.length > 0) {
        target.trainingDataSources = [...target.trainingDataSources, ...missing];
        fields.push('trainingDataSources');
      }
    }
    const fill = (
      field: LineageField,
      current: string | undefined,
      incoming: string | undefined,
      set: (value: string) => void,
      isUnset: (value: string | undefined) => boolean = (value) => value === undefined,
    ) => {
      if (incoming === undefined) return;
      if (isUnset(current)) {
        set(incoming);
        fields.push(field);
      } else if (current !== incoming) {
        conflict(field, current, incoming);
      }
    };
    fill('gitCommit', target.gitCommit, entry.gitCommit, (value) => {
      target.gitCommit = value;
    });
    fill('training.baseModel', target.training.baseModel, entry.baseModel, (value) => {
      target.training.baseModel = value;
    });
    fill(
      'notes',
      target.notes,
      entry.notes,
      (value) => {
        target.notes = value;
      },
      (value) => value === undefined || value === '',
    );
    if (fields.length > 0) this.report.merged.push({ modelName, version, fields });
    return fields.length > 0;
  }

  /** Number of findings so far, to tell whether a version added any. */
  get findings(): number {
    const { merged, conflicts, unmerged } = this.report;
    return merged.length + conflicts.length + unmerged.length;
  }
}

/**
 * Merge the Python system's `lineage.json` into the version records, in one
 * transaction. Lineage fills what a record lacks (parent_version, git_commit,
 * base model, notes) and adds missing training data sources; where a record
 * already says something else, the record wins and the disagreement is
 * reported. Lineage for a model or version not in the registry is reported
 * as unmerged. Nothing is written when nothing merges.
 */
export async function importLegacyLineage(
  store: RegistryStore,
  source: ImportSource,
  options: LineageImportOptions = {},
): Promise<LineageImportReport> {
  const loaded = await loadImportSource(source, WHAT, options.maxBytes);
  const lineages = lineagesOf(loaded.json, loaded.label);
  const importedAt = timestamp(options.clock ?? systemClock);

  const report = await store.transact((tx) => {
    const merger = new LineageMerger(tx);
    const touched = new Set<string>();
    for (const modelName of Object.keys(lineages).sort()) {
      const lineage = lineages[modelName];
      const modelProblem = nameProblem(modelName, 'model name');
      if (modelProblem !== undefined) {
        merger.report.unmerged.push({ modelName, reason: modelProblem });
        continue;
      }
      const versions = isJsonObject(lineage) ? ownValue(lineage, 'versions') : undefined;
      if (!isJsonObject(versions)) {
        merger.report.unmerged.push({
          modelName,
          reason: `lineage entry has no "versions" object (got ${describeJsonValue(versions ?? lineage)})`,
        });
        continue;
      }
      for (const version of sortVersions(Object.keys(versions))) {
        const value = versions[version];
        const unmerged = (reason: string) =>
          merger.report.unmerged.push({ modelName, version, reason });
        const versionProblem = nameProblem(version, 'version');
        if (versionProblem !== undefined) {
          unmerged(versionProblem);
          continue;
        }
        const record = merger.recordOf(modelName);
        if (record === undefined) {
          unmerged(`model "${modelName}" is not in the registry`);
          continue;
        }
        const target = Object.hasOwn(record.versions, version)
          ? record.versions[version]
          : undefined;
        if (target === undefined) {
          unmerged(`version "${version}" of "${modelName}" is not in the registry`);
          continue;
        }
        const entry = readEntry(value);
        if (typeof entry === 'string') {
          unmerged(`invalid lineage entry: ${entry}`);
          continue;
        }
        const before = merger.findings;
        if (merger.mergeVersion(modelName, version, target, entry)) touched.add(modelName);
        if (merger.findings === before) merger.report.unchanged.push({ modelName, version });
      }
    }
    merger.commit(touched);
    return merger.report;
  });
  return { source: loaded.label, importedAt, ...report };
}
