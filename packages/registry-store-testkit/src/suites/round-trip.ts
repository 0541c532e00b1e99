import {
  DeploymentEventSchema,
  EvaluationScoresSchema,
  ModelMetadataSchema,
  type ModelRecord,
  ModelRecordSchema,
  ModelVersionSchema,
  type RegistryStore,
  TrainingMetadataSchema,
} from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';
import { fullModelRecord } from '../records.js';

function unsetKeys(schema: { shape: object }, value: object): string[] {
  return Object.keys(schema.shape).filter(
    (key) => (value as Record<string, unknown>)[key] === undefined,
  );
}

/** Records with unusual but valid content that a store must keep exactly. */
function unusualRecords(): ModelRecord[] {
  const many = ModelRecordSchema.parse({
    metadata: { modelName: 'many.versions_1-a' },
    versions: Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => {
        const version = i % 2 === 0 ? `v${i}` : `v1.${i}.0`;
        return [version, { modelName: 'many.versions_1-a', version, notes: `n${i}` }];
      }),
    ),
  });
  const text = ModelRecordSchema.parse({
    metadata: {
      modelName: 'Text',
      description: 'NUL \u0000, tab \t, backslash \\, RTL \u202e, astral 𝄞, lone surrogate? no',
      notes: 'x'.repeat(100_000),
      tags: ['日本語', 'emoji 🧪', '"quoted"'],
    },
    versions: {},
  });
  return [many, text];
}

export function roundTripSuite(h: Harness<RegistryStore>): void {
  describe('round trip of every field', () => {
    it('the sample record sets every field the schemas define', () => {
      const record = fullModelRecord();
      expect(unsetKeys(ModelMetadataSchema, record.metadata)).toEqual([]);
      for (const version of Object.values(record.versions)) {
        // parentVersion is unset on v1 on purpose (a root version); v2 sets it.
        expect(unsetKeys(ModelVersionSchema, version).filter((k) => k !== 'parentVersion')).toEqual(
          [],
        );
        expect(unsetKeys(TrainingMetadataSchema, version.training)).toEqual([]);
        expect(unsetKeys(EvaluationScoresSchema, version.evaluationScores)).toEqual([]);
      }
      expect(record.versions.v2?.parentVersion).toBeDefined();
      const events = record.deployments;
      for (const key of Object.keys(DeploymentEventSchema.shape)) {
        expect(events.some((event) => (event as Record<string, unknown>)[key] !== undefined)).toBe(
          true,
        );
      }
      expect(ModelRecordSchema.parse(record)).toEqual(record);
    });

    it('keeps every field of a full record exactly', async () => {
      const store = await h.open();
      const record = fullModelRecord('full');
      await store.transact((tx) => tx.putModel(record));
      expect((await store.read()).getModel('full')).toEqual(record);
      expect(await store.transact((tx) => tx.getModel('full'))).toEqual(record);
    });

    it('keeps a record with only defaults exactly, without inventing fields', async () => {
      const store = await h.open();
      const record = ModelRecordSchema.parse({
        metadata: { modelName: 'bare' },
        versions: { v1: { modelName: 'bare', version: 'v1' } },
      });
      await store.transact((tx) => tx.putModel(record));
      const back = (await store.read()).getModel('bare');
      expect(back).toEqual(record);
      expect(Object.keys(back?.versions.v1 ?? {}).sort()).toEqual(
        Object.keys(record.versions.v1 ?? {}).sort(),
      );
    });

    it('keeps unusual text, many versions and big numbers exactly', async () => {
      const store = await h.open();
      const records = unusualRecords();
      await store.transact((tx) => {
        for (const record of records) tx.putModel(record);
      });
      const reader = await store.read();
      for (const record of records) {
        expect(reader.getModel(record.metadata.modelName)).toEqual(record);
      }
    });
  });
}
