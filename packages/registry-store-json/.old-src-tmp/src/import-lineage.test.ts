import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMemoryStore, isRegistryError, type ModelRecordInput } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_LINEAGE,
  FIXTURE_REGISTRY,
  fixedClock,
  readJson,
  sha256,
  tempDir,
} from '../test/support.js';
import { importLegacyLineage } from './import-lineage.js';
import { createJsonStore } from './json-store.js';

/** The fixture registry with the lineage-held fields removed, as if registered without them. */
async function strippedRegistry(): Promise<ModelRecordInput[]> {
  const store = createJsonStore({ path: FIXTURE_REGISTRY });
  const reader = await store.read();
  return reader.modelNames().map((name) => {
    const record = reader.getModel(name);
    if (record === undefined) throw new Error(name);
    for (const version of Object.values(record.versions)) {
      delete version.parentVersion;
      delete version.gitCommit;
      delete version.training.baseModel;
      version.trainingDataSources = [];
    }
    return record;
  });
}

describe('importLegacyLineage', () => {
  it('merges the fixture lineage into the fixture registry: only the lineage notes are new', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await copyFile(FIXTURE_REGISTRY, file);
    const store = createJsonStore({ path: file, onNotice: () => undefined });
    const report = await importLegacyLineage(store, FIXTURE_LINEAGE, { clock: fixedClock });
    expect(report).toEqual({
      source: FIXTURE_LINEAGE,
      importedAt: '2026-12-01T10:00:00.000Z',
      merged: [{ modelName: 'din', version: 'v2', fields: ['notes'] }],
      conflicts: [],
      unmerged: [],
      unchanged: [
        { modelName: 'din', version: 'v1' },
        { modelName: 'farore', version: 'v1.0.0' },
      ],
    });
    expect((await store.read()).getModel('din')?.versions.v2?.notes).toBe('more data');
    const models = (await readJson(file)).models as Record<
      string,
      { versions: Record<string, Record<string, unknown>> }
    >;
    expect(models.din?.versions.v2?.notes).toBe('more data');
  });

  it('fills parent, git commit, base model and data sources a record lacks', async () => {
    const store = createMemoryStore({ initial: await strippedRegistry() });
    const report = await importLegacyLineage(store, FIXTURE_LINEAGE);
    expect(report.merged).toEqual([
      {
        modelName: 'din',
        version: 'v1',
        fields: ['trainingDataSources', 'gitCommit', 'training.baseModel'],
      },
      {
        modelName: 'din',
        version: 'v2',
        fields: ['parentVersion', 'trainingDataSources', 'training.baseModel', 'notes'],
      },
      { modelName: 'farore', version: 'v1.0.0', fields: ['training.baseModel'] },
    ]);
    expect(report.conflicts).toEqual([]);
    const din = (await store.read()).getModel('din');
    expect(din?.versions.v1).toMatchObject({
      gitCommit: '0a1b2c3',
      trainingDataSources: ['asm-qa'],
      training: { baseModel: 'Qwen2.5-3B' },
    });
    expect(din?.versions.v2).toMatchObject({
      parentVersion: 'v1',
      trainingDataSources: ['asm-qa-2'],
      notes: 'more data',
    });
  });

  it('keeps the record where it disagrees and reports the conflict; data sources are a union', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await copyFile(FIXTURE_REGISTRY, file);
    const store = createJsonStore({ path: file, onNotice: () => undefined });
    const report = await importLegacyLineage(store, {
      label: 'edited lineage',
      json: {
        version: '1.0',
        lineages: {
          din: {
            versions: {
              v1: {
                git_commit: 'deadbeef',
                base_model: 'Llama',
                training_data: ['extra', 'asm-qa', 'extra'],
              },
              v2: { parent_version: 'farore:v1.0.0', notes: '' },
            },
          },
        },
      },
    });
    expect(report.source).toBe('edited lineage');
    expect(report.conflicts).toEqual([
      {
        modelName: 'din',
        version: 'v1',
        field: 'gitCommit',
        recordValue: '0a1b2c3',
        lineageValue: 'deadbeef',
      },
      {
        modelName: 'din',
        version: 'v1',
        field: 'training.baseModel',
        recordValue: 'Qwen2.5-3B',
        lineageValue: 'Llama',
      },
      {
        modelName: 'din',
        version: 'v2',
        field: 'parentVersion',
        recordValue: 'v1',
        lineageValue: 'farore:v1.0.0',
      },
    ]);
    expect(report.merged).toEqual([
      { modelName: 'din', version: 'v1', fields: ['trainingDataSources'] },
    ]);
    const v1 = (await store.read()).getModel('din')?.versions.v1;
    expect(v1?.gitCommit).toBe('0a1b2c3');
    expect(v1?.trainingDataSources).toEqual(['asm-qa', 'extra']);
  });

  it('reports lineage it cannot merge and writes nothing when nothing merges', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await copyFile(FIXTURE_REGISTRY, file);
    const hash = await sha256(file);
    const store = createJsonStore({ path: file, onNotice: () => undefined });
    const report = await importLegacyLineage(store, {
      json: {
        lineages: {
          nayru: { versions: { v1: { git_commit: 'x' } } },
          din: {
            versions: {
              v9: { git_commit: 'x' },
              v1: { parent_version: 'v2' },
              v2: { training_data: 'asm-qa' },
            },
          },
          farore: { versions: { 'v1.0.0': { parent_version: 'nope:v1' } } },
          // JSON.parse makes an own "__proto__" key, as reading a file would.
          ...JSON.parse('{"__proto__": {"versions": {"v1": {}}}}'),
          broken: 'x',
        },
      },
    });
    expect(report.merged).toEqual([]);
    expect(report.unmerged).toEqual(
      expect.arrayContaining([
        { modelName: 'nayru', version: 'v1', reason: 'model "nayru" is not in the registry' },
        { modelName: 'din', version: 'v9', reason: 'version "v9" of "din" is not in the registry' },
        {
          modelName: 'din',
          version: 'v2',
          reason: expect.stringContaining('training_data must be a list of strings'),
        },
        {
          modelName: 'farore',
          version: 'v1.0.0',
          field: 'parentVersion',
          reason: 'parent "nope:v1" is not in the registry',
        },
        expect.objectContaining({ modelName: '__proto__' }),
        expect.objectContaining({ modelName: 'broken' }),
      ]),
    );
    // din:v1 has no parent in the fixture, but v2 descends from v1: a cycle.
    expect(report.unmerged).toContainEqual({
      modelName: 'din',
      version: 'v1',
      field: 'parentVersion',
      reason: 'parent "v2" would make din:v1 its own ancestor',
    });
    expect(await sha256(file)).toBe(hash);
  });

  it('refuses a source that is not a lineage file, with INVALID_INPUT', async () => {
    const dir = await tempDir();
    const store = createMemoryStore();
    const bad = join(dir, 'lineage.json');
    await writeFile(bad, '{"version": "1.0", "lineages": ');
    await expect(importLegacyLineage(store, bad)).rejects.toSatisfy(
      (error) =>
        isRegistryError(error, 'INVALID_INPUT') &&
        /lineage file .*lineage\.json cannot be imported: it is not valid JSON/.test(error.message),
    );
    await expect(importLegacyLineage(store, join(dir, 'missing.json'))).rejects.toThrow(
      /does not exist/,
    );
    await expect(importLegacyLineage(store, { json: [] })).rejects.toThrow(/top level is an array/);
    await expect(importLegacyLineage(store, { json: { version: '2.0' } })).rejects.toThrow(
      /schema version "2\.0"/,
    );
  });
});
