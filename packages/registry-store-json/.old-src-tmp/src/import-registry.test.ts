import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMemoryStore, isRegistryError, ModelRegistry } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_REGISTRY, sha256, tempDir } from '../test/support.js';
import { importLegacyRegistry } from './import-registry.js';
import { createJsonStore } from './json-store.js';

describe('importLegacyRegistry', () => {
  it('copies every model of the Python fixture into an empty store, leaving the source alone', async () => {
    const hash = await sha256(FIXTURE_REGISTRY);
    const dir = await tempDir();
    const store = createJsonStore({ path: dir });
    const report = await importLegacyRegistry(store, FIXTURE_REGISTRY);
    expect(report).toEqual({
      source: FIXTURE_REGISTRY,
      schemaVersion: '1.0',
      createdModels: ['din', 'farore'],
      added: [
        { modelName: 'din', version: 'v1' },
        { modelName: 'din', version: 'v2' },
        { modelName: 'farore', version: 'v1.0.0' },
      ],
      skipped: [],
      warnings: [],
    });
    const original = await createJsonStore({ path: FIXTURE_REGISTRY }).read();
    const imported = await store.read();
    for (const name of ['din', 'farore']) {
      expect(imported.getModel(name)).toEqual(original.getModel(name));
    }
    expect(await sha256(FIXTURE_REGISTRY)).toBe(hash);
  });

  it('adds only missing versions to existing models and reports the rest as skipped', async () => {
    const store = createMemoryStore();
    const registry = new ModelRegistry({ store });
    await registry.registerModel({ modelName: 'din', version: 'v1', notes: 'mine' });
    await registry.setDeployed('din', 'v1');
    const report = await importLegacyRegistry(store, FIXTURE_REGISTRY);
    expect(report.createdModels).toEqual(['farore']);
    expect(report.added).toEqual([
      { modelName: 'din', version: 'v2' },
      { modelName: 'farore', version: 'v1.0.0' },
    ]);
    expect(report.skipped).toEqual([
      { modelName: 'din', version: 'v1', reason: 'already in the registry' },
    ]);
    const din = await registry.getModel('din');
    expect(din?.versions.v1?.notes).toBe('mine');
    expect(din?.versions.v2?.parentVersion).toBe('v1');
    expect(din?.metadata.description).toBe('');
  });

  it('warns about parents that do not exist and about several deployed versions', async () => {
    const store = createMemoryStore();
    const registry = new ModelRegistry({ store });
    await registry.registerModel({ modelName: 'din', version: 'v0' });
    await registry.setDeployed('din', 'v0');
    const report = await importLegacyRegistry(store, {
      label: 'bare dict',
      json: {
        din: {
          metadata: { model_name: 'din' },
          versions: {
            v3: { deployed: true, status: 'deployed', parent_version: 'v2' },
          },
          deployments: [{ version: 'v3', action: 'deploy', at: '2026-01-01T00:00:00Z' }],
        },
      },
    });
    expect(report.schemaVersion).toBe('bare');
    expect(report.warnings).toEqual([
      expect.stringContaining('deployment history of "din"'),
      expect.stringContaining('"din" now has 2 versions marked deployed (v0, v3)'),
      'din:v3 names parent "v2", which is not in the registry',
    ]);
  });

  it('writes nothing when everything is already there', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await copyFile(FIXTURE_REGISTRY, file);
    const hash = await sha256(file);
    const report = await importLegacyRegistry(createJsonStore({ path: file }), FIXTURE_REGISTRY);
    expect(report.added).toEqual([]);
    expect(report.skipped).toHaveLength(3);
    expect(await sha256(file)).toBe(hash);
  });

  it('refuses an invalid source with INVALID_INPUT naming the problem, importing nothing', async () => {
    const dir = await tempDir();
    const source = join(dir, 'old.json');
    await writeFile(
      source,
      JSON.stringify({
        version: '1.0',
        models: { din: { versions: { v1: { deployed: 'yes' } } } },
      }),
    );
    const store = createMemoryStore();
    await expect(importLegacyRegistry(store, source)).rejects.toSatisfy(
      (error) =>
        isRegistryError(error, 'INVALID_INPUT') &&
        error.message.includes('models.din.versions.v1.deployed') &&
        error.message.includes('Nothing was imported'),
    );
    expect((await store.read()).modelNames()).toEqual([]);
  });
});
