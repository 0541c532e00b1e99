import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelRegistry } from '@afs/registry-core';
import { createJsonStore } from '@afs/registry-store-json';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRecords, renderRegistry } from './generate.js';

const dir = mkdtempSync(join(tmpdir(), 'afs-bench-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generated registries', () => {
  it('have exactly the requested number of versions, across models', () => {
    const records = generateRecords({ versions: 250, perModel: 100 });
    expect(records.map((r) => Object.keys(r.versions).length)).toEqual([100, 100, 50]);
  });

  it('are deterministic for a seed', () => {
    expect(renderRegistry(generateRecords({ versions: 30 }))).toBe(
      renderRegistry(generateRecords({ versions: 30 })),
    );
  });

  it('are valid registries with every field filled, one deployed version per model', async () => {
    const file = join(dir, 'registry.json');
    writeFileSync(file, renderRegistry(generateRecords({ versions: 300, perModel: 100 })));
    const registry = new ModelRegistry({ store: createJsonStore({ path: file }) });
    const models = await registry.listModels();
    expect(models.map((m) => m.versionCount)).toEqual([100, 100, 100]);
    for (const model of models) expect(model.deployedVersion).toBe('v99');
    const version = await registry.getVersion('model-0001', 'v5');
    expect(version?.training).toMatchObject({
      framework: expect.any(String),
      baseModel: expect.any(String),
      samples: expect.any(Number),
      epochs: expect.any(Number),
      batchSize: expect.any(Number),
      learningRate: expect.any(Number),
      maxSeqLength: expect.any(Number),
      durationHours: expect.any(Number),
      costUsd: expect.any(Number),
      hardware: expect.any(String),
    });
    expect(version?.parentVersion).toBe('v4');
    expect(Object.keys(version?.evaluationScores.rougeScores ?? {})).toHaveLength(2);
    expect(version?.trainingDataSources.length).toBeGreaterThan(0);
  });
});
