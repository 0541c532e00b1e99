import { type Clock, systemClock, timestamp } from '../clock.js';
import { modelNotFound, RegistryError } from '../errors.js';
import { assertName } from '../names.js';
import type { MetricDirection } from '../schema/evaluation.js';
import {
  type DeploymentEvent,
  type ModelMetadata,
  ModelMetadataSchema,
  type ModelRecord,
  type ModelVersion,
  ModelVersionSchema,
} from '../schema/records.js';
import { type VersionStatus, VersionStatusSchema } from '../schema/status.js';
import {
  type RegistryReader,
  type RegistryStore,
  STORE_SPECIFICATION_VERSION,
} from '../store/contract.js';
import { type ModelSummary, summarizeModel } from '../store/summary.js';
import { parseInput } from '../validation.js';
import { maxVersion, sortVersions } from '../version/compare.js';
import { nextVersion } from '../version/next.js';
import { diffVersions, type VersionComparison } from './compare.js';
import {
  deployedVersionOf,
  deployInRecord,
  requireVersion,
  rollbackTarget,
  undeployInRecord,
} from './deployment.js';
import { checkParents, childrenOf, uniqueParents } from './parents.js';
import { type RegisterModelInput, RegisterModelInputSchema } from './register-input.js';
import { mergeScores, type ScoresUpdate } from './scores.js';

export interface ModelRegistryOptions {
  store: RegistryStore;
  /** Source of timestamps; defaults to the system clock. */
  clock?: Clock;
  /** Which way is better for custom metrics, used by `compareVersions`. */
  metricDirections?: Readonly<Record<string, MetricDirection>>;
}

export interface DeleteVersionOptions {
  /** Delete even a deployed version or one that other versions name as parent. */
  force?: boolean;
}

export interface DeployOptions {
  notes?: string;
}

/** A deploy or a rollback, for `changeDeployment`. */
export type DeploymentRequest =
  | { action: 'deploy'; version: string; notes?: string }
  | { action: 'rollback'; version?: string; notes?: string };

/** What a deploy or a rollback did, seen from inside the one transaction that did it. */
export interface DeploymentChange {
  /** The version deployed now. */
  deployed: ModelVersion;
  /** The version deployed just before, when it was another one. */
  previousVersion: string | undefined;
}

export type MetadataPatch = Partial<
  Pick<ModelMetadata, 'description' | 'owner' | 'tags' | 'notes'>
>;

function requireModel(reader: RegistryReader, name: string): ModelRecord {
  assertName(name, 'model name');
  const record = reader.getModel(name);
  if (record === undefined) throw modelNotFound(name, reader.modelNames().sort());
  return record;
}

function byVersion(record: ModelRecord): ModelVersion[] {
  return sortVersions(Object.keys(record.versions)).map((v) => record.versions[v] as ModelVersion);
}

/**
 * The registry API. Every write is one store transaction, so it is atomic
 * against other writers as far as the store guarantees (see its capabilities).
 */
export class ModelRegistry {
  readonly store: RegistryStore;
  readonly #clock: Clock;
  readonly #metricDirections: Readonly<Record<string, MetricDirection>>;

  constructor(options: ModelRegistryOptions) {
    const { store } = options;
    if (store?.specificationVersion !== STORE_SPECIFICATION_VERSION) {
      throw new RegistryError(
        'STORE_ERROR',
        `Store "${store?.name ?? 'unknown'}" implements specification "${String(store?.specificationVersion)}", but this registry needs "${STORE_SPECIFICATION_VERSION}". Upgrade the store package.`,
        { store: store?.name },
      );
    }
    this.store = store;
    this.#clock = options.clock ?? systemClock;
    this.#metricDirections = options.metricDirections ?? {};
  }

  #now(): string {
    return timestamp(this.#clock);
  }

  /** Register a version. Without `version` the next one is computed inside the transaction. */
  async registerModel(input: RegisterModelInput): Promise<ModelVersion> {
    const parsed = parseInput(RegisterModelInputSchema, input, 'registration');
    const scores = mergeScores(
      { rougeScores: {}, customMetrics: {} },
      (parsed.evaluationScores ?? {}) as ScoresUpdate,
    );
    return this.store.transact((tx) => {
      const now = this.#now();
      const existing = tx.getModel(parsed.modelName);
      const record: ModelRecord = existing ?? {
        metadata: ModelMetadataSchema.parse({
          modelName: parsed.modelName,
          description: parsed.description ?? '',
          owner: parsed.owner ?? '',
          createdAt: now,
        }),
        versions: {},
        deployments: [],
      };
      const version = parsed.version ?? nextVersion(Object.keys(record.versions), parsed.bump);
      const previous = Object.hasOwn(record.versions, version)
        ? record.versions[version]
        : undefined;
      if (previous !== undefined) {
        if (!parsed.overwrite) {
          throw new RegistryError(
            'VERSION_EXISTS',
            `Version "${version}" of "${parsed.modelName}" already exists. Omit the version to register ${nextVersion(Object.keys(record.versions), parsed.bump)}, or pass overwrite: true (--overwrite) to replace it.`,
            { modelName: parsed.modelName, version },
          );
        }
        if (previous.deployed) {
          throw new RegistryError(
            'VERSION_IN_USE',
            `Version "${version}" of "${parsed.modelName}" is deployed and cannot be overwritten. Deploy another version or undeploy it first.`,
            { modelName: parsed.modelName, version },
          );
        }
      }
      const parents = uniqueParents(parsed.modelName, [
        ...(parsed.parentVersion ? [parsed.parentVersion] : []),
        ...(parsed.additionalParents ?? []),
      ]);
      const additionalParents = parsed.parentVersion ? parents.slice(1) : parents;
      checkParents(tx, parsed.modelName, version, parents);

      const created = ModelVersionSchema.parse({
        modelName: parsed.modelName,
        version,
        createdAt: now,
        status: parsed.status ?? 'draft',
        loraPath: parsed.loraPath,
        ggufPath: parsed.ggufPath,
        checkpointPath: parsed.checkpointPath,
        configPath: parsed.configPath,
        training: {
          framework: parsed.framework,
          baseModel: parsed.baseModel,
          samples: parsed.samples,
          epochs: parsed.epochs,
          batchSize: parsed.batchSize,
          learningRate: parsed.learningRate,
          maxSeqLength: parsed.maxSeqLength,
          durationHours: parsed.durationHours,
          costUsd: parsed.costUsd,
          hardware: parsed.hardware,
          notes: parsed.trainingNotes ?? '',
        },
        evaluationScores: scores,
        parentVersion: parsed.parentVersion,
        additionalParents,
        trainingDataSources: parsed.trainingData ?? [],
        gitCommit: parsed.gitCommit,
        tags: parsed.tags ?? [],
        notes: parsed.notes ?? '',
      });
      record.versions[version] = created;
      tx.putModel(record);
      return created;
    });
  }

  /** The whole record of a model (metadata, versions, deployment history), or `undefined`. */
  async getModel(name: string): Promise<ModelRecord | undefined> {
    assertName(name, 'model name');
    return (await this.store.read({ models: [name] })).getModel(name);
  }

  async getVersion(name: string, version: string): Promise<ModelVersion | undefined> {
    assertName(version, 'version');
    const record = await this.getModel(name);
    return record && Object.hasOwn(record.versions, version) ? record.versions[version] : undefined;
  }

  /** The greatest version in version order (not the newest by date). */
  async getLatest(name: string): Promise<ModelVersion | undefined> {
    const record = await this.getModel(name);
    if (!record) return undefined;
    const latest = maxVersion(Object.keys(record.versions));
    return latest === undefined ? undefined : record.versions[latest];
  }

  /** The deployed version of a model, if any. */
  async getDeployed(name: string): Promise<ModelVersion | undefined> {
    const record = await this.getModel(name);
    return record && deployedVersionOf(record);
  }

  /** Versions in version order. An unknown model is an error (it names the known ones). */
  async listVersions(
    name: string,
    filter: { status?: VersionStatus } = {},
  ): Promise<ModelVersion[]> {
    const status =
      filter.status === undefined
        ? undefined
        : parseInput(VersionStatusSchema, filter.status, 'status');
    const record = requireModel(await this.store.read({ models: [name] }), name);
    const versions = byVersion(record);
    return status === undefined ? versions : versions.filter((v) => v.status === status);
  }

  /** One summary per model, sorted by name. */
  async listModels(): Promise<ModelSummary[]> {
    const reader = await this.store.read({ summaries: true });
    return reader
      .modelNames()
      .sort()
      .flatMap((name) => {
        const summary = reader.modelSummary
          ? reader.modelSummary(name)
          : summaryOf(reader.getModel(name));
        return summary === undefined ? [] : [summary];
      });
  }

  async compareVersions(name: string, a: string, b: string): Promise<VersionComparison> {
    const record = requireModel(await this.store.read({ models: [name] }), name);
    return diffVersions(
      requireVersion(record, a),
      requireVersion(record, b),
      this.#metricDirections,
    );
  }

  /** Merge scores into a version: known metrics into their fields, others into `customMetrics`. */
  async updateEvaluationScores(
    name: string,
    version: string,
    scores: ScoresUpdate,
  ): Promise<ModelVersion> {
    return this.#updateVersion(name, version, (target) => {
      target.evaluationScores = mergeScores(target.evaluationScores, scores);
    });
  }

  /** Deploy (the default) or undeploy a version; deploying deprecates the previously deployed one. */
  async setDeployed(
    name: string,
    version: string,
    deployed = true,
    options: DeployOptions = {},
  ): Promise<ModelVersion> {
    if (deployed) {
      return (await this.changeDeployment(name, { action: 'deploy', version, ...options }))
        .deployed;
    }
    return this.#updateRecord(name, (record) => {
      undeployInRecord(record, version, this.#now(), options.notes);
      return requireVersion(record, version);
    });
  }

  /**
   * Without `version`, redeploy the version that was deployed before the
   * current one; with it, deploy that version. Recorded as a rollback.
   */
  async rollback(
    name: string,
    version?: string,
    options: DeployOptions = {},
  ): Promise<ModelVersion> {
    const request: DeploymentRequest = { action: 'rollback', ...options };
    if (version !== undefined) request.version = version;
    return (await this.changeDeployment(name, request)).deployed;
  }

  /**
   * Deploy or roll back, and say which version it replaced. Reading the
   * deployed version before calling `setDeployed` would take a second read,
   * and another process could deploy in between; this answers from the same
   * transaction that made the change.
   */
  async changeDeployment(name: string, request: DeploymentRequest): Promise<DeploymentChange> {
    return this.#updateRecord(name, (record) => {
      const target =
        request.action === 'rollback'
          ? (request.version ?? rollbackTarget(record))
          : request.version;
      const before = deployedVersionOf(record)?.version;
      deployInRecord(record, target, this.#now(), request.action, request.notes);
      return {
        deployed: requireVersion(record, target),
        previousVersion: before === target ? undefined : before,
      };
    });
  }

  /** Set a version's status; `deployed` deploys it, and leaving `deployed` undeploys it. */
  async setStatus(name: string, version: string, status: VersionStatus): Promise<ModelVersion> {
    const next = parseInput(VersionStatusSchema, status, 'status');
    return this.#updateRecord(name, (record) => {
      const target = requireVersion(record, version);
      if (next === 'deployed') deployInRecord(record, version, this.#now(), 'deploy');
      else {
        if (target.deployed) undeployInRecord(record, version, this.#now());
        target.status = next;
      }
      return requireVersion(record, version);
    });
  }

  async updateMetadata(name: string, patch: MetadataPatch): Promise<ModelMetadata> {
    return this.#updateRecord(name, (record) => {
      const given = Object.entries(patch).filter(([, value]) => value !== undefined);
      const merged = {
        ...record.metadata,
        ...Object.fromEntries(given),
        modelName: record.metadata.modelName,
      };
      record.metadata = parseInput(ModelMetadataSchema, merged, 'metadata');
      return record.metadata;
    });
  }

  /** Deployment history, oldest first. */
  async getDeploymentHistory(name: string): Promise<DeploymentEvent[]> {
    return requireModel(await this.store.read({ models: [name] }), name).deployments;
  }

  /** Delete a version. A deployed version, or one that is a parent, needs `force`. */
  async deleteVersion(
    name: string,
    version: string,
    options: DeleteVersionOptions = {},
  ): Promise<ModelVersion> {
    return this.store.transact((tx) => {
      const record = requireModel(tx, name);
      const target = requireVersion(record, version);
      if (!options.force) {
        if (target.deployed) {
          throw new RegistryError(
            'VERSION_IN_USE',
            `Version "${version}" of "${name}" is deployed. Deploy another version first, or force the deletion.`,
            { modelName: name, version, reason: 'deployed' },
          );
        }
        const children = childrenOf(tx, name, version);
        if (children.length > 0) {
          throw new RegistryError(
            'VERSION_IN_USE',
            `Version "${version}" of "${name}" is the parent of ${children.join(', ')}. Delete those first, or force the deletion.`,
            { modelName: name, version, reason: 'has-children', children },
          );
        }
      }
      // A forced delete of the deployed version takes it out of production
      // first, so the history says so and a later rollback knows what happened.
      if (target.deployed) undeployInRecord(record, version, this.#now(), 'deleted');
      delete record.versions[version];
      tx.putModel(record);
      return target;
    });
  }

  async #updateRecord<T>(name: string, change: (record: ModelRecord) => T): Promise<T> {
    return this.store.transact((tx) => {
      const record = requireModel(tx, name);
      const result = change(record);
      tx.putModel(record);
      return result;
    });
  }

  async #updateVersion(
    name: string,
    version: string,
    change: (target: ModelVersion) => void,
  ): Promise<ModelVersion> {
    return this.#updateRecord(name, (record) => {
      const target = requireVersion(record, version);
      change(target);
      return target;
    });
  }
}

function summaryOf(record: ModelRecord | undefined): ModelSummary | undefined {
  return record === undefined ? undefined : summarizeModel(record);
}
