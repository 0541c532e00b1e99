import {
  type ModelRecord,
  ModelRecordSchema,
  type ModelVersionInput,
  parentRefs,
  parseVersionRef,
  type RegistryReader,
  type RegistryStore,
} from '@afs/registry-core';

type VersionFields = Omit<ModelVersionInput, 'modelName' | 'version'>;

/** A validated record from the few version fields a test cares about. */
export function sampleRecord(
  modelName: string,
  versions: Record<string, VersionFields>,
  metadata: { description?: string; owner?: string; tags?: string[]; createdAt?: string } = {},
): ModelRecord {
  return ModelRecordSchema.parse({
    metadata: { modelName, ...metadata },
    versions: Object.fromEntries(
      Object.entries(versions).map(([version, fields]) => [
        version,
        { ...fields, modelName, version },
      ]),
    ),
  });
}

/**
 * A registry for the read-intent, summary and linked-model checks. It holds
 * what a store that summarises or indexes links by itself could get wrong:
 *
 * - alpha: integer-like keys (`1`, `2`, `10`, which JavaScript orders before
 *   the others), `v1`-style and opaque ones; the greatest version is `10`.
 *   Its `v1` names its own model in full (`alpha:1`), which links to nothing.
 * - beta: children of alpha and of gamma, and one of a version alpha no
 *   longer has (`alpha:v9`, as a forced delete leaves it).
 * - gamma: deployed three times without undeploying (a legacy file); the
 *   latest `deployedAt` (v2, neither the first nor the last key) wins.
 * - delta: no versions, yet theta names a version of it as parent.
 * - epsilon: parents in gamma, alpha and a model that does not exist.
 */
export function linkedRecords(): ModelRecord[] {
  return [
    sampleRecord(
      'alpha',
      {
        '1': { status: 'completed' },
        '2': { parentVersion: '1' },
        '10': {
          parentVersion: '2',
          additionalParents: ['v1'],
          status: 'deployed',
          deployed: true,
          deployedAt: '2026-02-01T00:00:00.000Z',
        },
        v1: { parentVersion: 'alpha:1' },
        v2: { parentVersion: 'v1' },
        nightly: { status: 'draft' },
      },
      {
        description: 'mixed keys',
        owner: 'lab',
        tags: ['a', 'b'],
        createdAt: '2026-01-01T00:00:00Z',
      },
    ),
    sampleRecord('beta', {
      v1: { parentVersion: 'alpha:10' },
      v2: { parentVersion: 'v1', additionalParents: ['gamma:v1'] },
      v3: { parentVersion: 'alpha:v9' },
    }),
    sampleRecord('gamma', {
      v1: { status: 'deployed', deployed: true, deployedAt: '2026-03-01T00:00:00.000Z' },
      v2: { status: 'deployed', deployed: true, deployedAt: '2026-03-09T00:00:00.000Z' },
      v3: { status: 'deployed', deployed: true, deployedAt: '2026-03-05T00:00:00.000Z' },
    }),
    sampleRecord('delta', {}, { description: 'no versions yet', owner: 'ops' }),
    sampleRecord('epsilon', {
      v1: { parentVersion: 'gamma:v2' },
      v2: { parentVersion: 'v1', additionalParents: ['ghost:v1', 'alpha:1'] },
    }),
    sampleRecord('theta', { v1: { parentVersion: 'delta:v4' } }),
  ];
}

export async function storeRecords(
  store: RegistryStore,
  records: readonly ModelRecord[],
): Promise<void> {
  await store.transact((tx) => {
    for (const record of records) tx.putModel(record);
  });
}

export function recordsOf(reader: RegistryReader): ModelRecord[] {
  return reader
    .modelNames()
    .sort()
    .flatMap((name) => reader.getModel(name) ?? []);
}

/**
 * The models other than `modelName` holding a version with a parent ref into
 * it, whether or not that version still exists: lineage draws a missing
 * parent with its children, so it needs those models too.
 */
export function modelsWithParentsIn(records: readonly ModelRecord[], modelName: string): string[] {
  return records
    .filter(({ metadata }) => metadata.modelName !== modelName)
    .filter((record) =>
      Object.values(record.versions).some((version) =>
        parentRefs(version).some(
          (ref) => parseVersionRef(ref, record.metadata.modelName).modelName === modelName,
        ),
      ),
    )
    .map(({ metadata }) => metadata.modelName)
    .sort();
}
