import {
  type EvaluationScoresInput,
  type ModelRecord,
  ModelRecordSchema,
  type VersionStatus,
} from '@afs/registry-core';

/** A version in shorthand, for tests that build records without a registry. */
export interface VersionSpec {
  parent?: string;
  also?: string[];
  data?: string[];
  base?: string;
  commit?: string;
  status?: VersionStatus;
  deployed?: boolean;
  createdAt?: string;
  scores?: EvaluationScoresInput;
  notes?: string;
}

/** `{ majora: { v1: {}, v2: { parent: 'v1' } } }` → validated model records. */
export function makeRecords(spec: Record<string, Record<string, VersionSpec>>): ModelRecord[] {
  return Object.entries(spec).map(([modelName, versions]) =>
    ModelRecordSchema.parse({
      metadata: { modelName },
      versions: Object.fromEntries(
        Object.entries(versions).map(([version, v]) => [
          version,
          {
            modelName,
            version,
            createdAt: v.createdAt,
            status: v.status ?? (v.deployed ? 'deployed' : 'completed'),
            deployed: v.deployed ?? false,
            parentVersion: v.parent,
            additionalParents: v.also ?? [],
            trainingDataSources: v.data ?? [],
            gitCommit: v.commit,
            training: { baseModel: v.base, notes: '' },
            evaluationScores: v.scores ?? {},
            notes: v.notes ?? '',
          },
        ]),
      ),
    }),
  );
}

/**
 * The graph most query tests share: a chain with a branch and a merge
 * (majora), a model distilled from that merge (nayru), and an unrelated root
 * (din) that shares a data source with majora.
 *
 *   majora:v1 ─┬─ v2 ─┐
 *              └─ v3 ─┴─ v4 (merge) ── nayru:v1 ── nayru:v2
 *   din:v1 ── din:v2
 */
export function familyRecords(): ModelRecord[] {
  return makeRecords({
    majora: {
      v1: {
        base: 'Qwen2.5-Coder-7B',
        data: ['oracle-docs'],
        commit: 'c1',
        status: 'deprecated',
        createdAt: '2026-01-01T10:00:00.000Z',
        scores: { accuracy: 0.85 },
      },
      v2: {
        parent: 'v1',
        data: ['asm-qa'],
        commit: 'c2',
        createdAt: '2026-01-02T10:00:00.000Z',
        scores: { accuracy: 0.87 },
      },
      v3: {
        parent: 'v1',
        data: ['scraped-forum'],
        createdAt: '2026-01-02T10:00:00.000Z',
        scores: { f1Score: 0.8 },
      },
      v4: {
        parent: 'v2',
        also: ['v3'],
        commit: 'c4',
        deployed: true,
        createdAt: '2026-01-03T10:00:00.000Z',
        scores: { accuracy: 0.9 },
      },
    },
    nayru: {
      v1: {
        parent: 'majora:v4',
        base: 'Qwen2.5-1.5B',
        data: ['distill-set'],
        deployed: true,
        createdAt: '2026-01-04T10:00:00.000Z',
        scores: { customMetrics: { tool_use: 0.7 } },
      },
      v2: { parent: 'v1', data: ['distill-set', 'chat-logs'], status: 'draft' },
    },
    din: {
      v1: { base: 'Qwen2.5-3B', data: ['asm-qa'], createdAt: '2026-01-01T09:00:00.000Z' },
      v2: { parent: 'v1', createdAt: '2026-01-05T09:00:00.000Z' },
    },
  });
}

/** The error `run` throws; fails the test when it returns. */
export function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but the call returned');
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
