import type { ModelRecord, ModelVersion } from '@afs/registry-core';

/**
 * A synthetic registry for scale tests and benchmarks, deterministic and
 * acyclic by construction (every edge goes to a later version of the same
 * model, or from a model to the next one in its family).
 *
 * Models come in families. In each family:
 * - every model is a chain `v1 → v2 → … → vN`;
 * - the first model's `v1` is a root on a base model (`base-<family % baseModels>`);
 * - every later model's `v1` is distilled from the previous model's middle
 *   version (a cross-model parent), and each of its versions `vj` with
 *   `j % mergeEvery === 0` also merges the previous model's `vj` (an
 *   additional parent from another model).
 * Version `vj` trains on `data/f<family>/batch-<j % batches>.jsonl`; the last
 * version of every `deployEvery`-th model is deployed.
 */
export interface LineageFixtureOptions {
  /** Default 1,000. */
  models?: number;
  /** Default 100. */
  versionsPerModel?: number;
  /** Default 10. */
  familySize?: number;
  /** Default 10; 0 for no merges. */
  mergeEvery?: number;
  /** Default 10. */
  batches?: number;
  /** Default 3; 0 for nothing deployed. */
  deployEvery?: number;
  /** Default 5. */
  baseModels?: number;
}

export interface LineageFixture {
  readonly options: Required<LineageFixtureOptions>;
  readonly records: ModelRecord[];
  /** Model names by index. */
  readonly modelNames: string[];
  readonly versionCount: number;
  readonly edgeCount: number;
}

export function fixtureModelName(index: number, familySize: number): string {
  return `family-${Math.floor(index / familySize)}.model_${index % familySize}`;
}

export function fixtureDataSource(family: number, version: number, batches: number): string {
  return `data/f${family}/batch-${version % batches}.jsonl`;
}

const EPOCH = Date.UTC(2026, 0, 1);

export function generateLineageFixture(options: LineageFixtureOptions = {}): LineageFixture {
  const o: Required<LineageFixtureOptions> = {
    models: options.models ?? 1000,
    versionsPerModel: options.versionsPerModel ?? 100,
    familySize: options.familySize ?? 10,
    mergeEvery: options.mergeEvery ?? 10,
    batches: options.batches ?? 10,
    deployEvery: options.deployEvery ?? 3,
    baseModels: options.baseModels ?? 5,
  };
  const k = o.versionsPerModel;
  const middle = Math.ceil(k / 2);
  const records: ModelRecord[] = [];
  const modelNames: string[] = [];
  let edgeCount = 0;
  for (let i = 0; i < o.models; i++) {
    const modelName = fixtureModelName(i, o.familySize);
    const family = Math.floor(i / o.familySize);
    const previous = i % o.familySize === 0 ? undefined : fixtureModelName(i - 1, o.familySize);
    const deployed = o.deployEvery > 0 && i % o.deployEvery === 0;
    const versions: Record<string, ModelVersion> = {};
    for (let j = 1; j <= k; j++) {
      const parentVersion =
        j > 1 ? `v${j - 1}` : previous === undefined ? undefined : `${previous}:v${middle}`;
      const additionalParents =
        previous !== undefined && o.mergeEvery > 0 && j % o.mergeEvery === 0
          ? [`${previous}:v${j}`]
          : [];
      edgeCount += (parentVersion === undefined ? 0 : 1) + additionalParents.length;
      const live = deployed && j === k;
      const at = new Date(EPOCH + (i * k + j) * 60_000).toISOString();
      versions[`v${j}`] = {
        modelName,
        version: `v${j}`,
        createdAt: at,
        status: live ? 'deployed' : 'completed',
        training: {
          notes: '',
          ...(j === 1 && previous === undefined
            ? { baseModel: `base-${family % o.baseModels}` }
            : {}),
        },
        evaluationScores: {
          accuracy: Math.round((0.5 + j / (2 * k)) * 1000) / 1000,
          rougeScores: {},
          customMetrics: {},
        },
        ...(parentVersion === undefined ? {} : { parentVersion }),
        additionalParents,
        trainingDataSources: [fixtureDataSource(family, j, o.batches)],
        gitCommit: `c${i.toString(16)}-${j}`,
        deployed: live,
        ...(live ? { deployedAt: at } : {}),
        deploymentNotes: '',
        tags: [],
        notes: '',
      };
    }
    records.push({
      metadata: { modelName, description: '', owner: '', tags: [], notes: '' },
      versions,
      deployments: [],
    });
    modelNames.push(modelName);
  }
  return { options: o, records, modelNames, versionCount: o.models * k, edgeCount };
}
