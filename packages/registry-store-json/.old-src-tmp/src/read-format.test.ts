import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { isRegistryError } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_REGISTRY, tempDir } from '../test/support.js';
import { DEFAULT_REGISTRY_FILE_NAME } from './constants.js';
import { createJsonStore } from './json-store.js';
import { resolveRegistryFile } from './registry-path.js';

async function storeWith(content: unknown) {
  const dir = await tempDir();
  const file = join(dir, 'registry.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return { file, store: createJsonStore({ path: file }) };
}

describe('resolveRegistryFile', () => {
  it('uses registry.json inside an existing folder', async () => {
    const dir = await tempDir();
    expect(resolveRegistryFile(dir)).toBe(join(dir, DEFAULT_REGISTRY_FILE_NAME));
  });

  it('treats a path ending with a separator as a folder, even if it does not exist', async () => {
    const dir = await tempDir();
    expect(resolveRegistryFile(`${dir}${sep}new${sep}`)).toBe(join(dir, 'new', 'registry.json'));
  });

  it('treats any other path as the file, existing or not', async () => {
    const dir = await tempDir();
    expect(resolveRegistryFile(join(dir, 'mine.json'))).toBe(join(dir, 'mine.json'));
  });

  it('makes relative paths absolute', () => {
    expect(resolveRegistryFile('some/registry.json')).toBe(
      join(process.cwd(), 'some', 'registry.json'),
    );
  });

  it('refuses an empty path', () => {
    expect(() => resolveRegistryFile('')).toThrow(/empty/);
  });
});

describe('reading the Python fixture (schema 1.0)', () => {
  it('maps every snake_case field to the record', async () => {
    const dir = await tempDir();
    await copyFile(FIXTURE_REGISTRY, join(dir, 'registry.json'));
    const reader = await createJsonStore({ path: dir }).read();
    expect(reader.modelNames().sort()).toEqual(['din', 'farore']);
    const din = reader.getModel('din');
    expect(din?.metadata).toEqual({
      modelName: 'din',
      createdAt: '2026-11-27T07:23:22.389900+00:00',
      description: 'Assembly tutor',
      owner: 'lab',
      tags: ['tutor'],
      notes: '',
    });
    expect(din?.deployments).toEqual([]);
    expect(din?.versions.v1).toEqual({
      modelName: 'din',
      version: 'v1',
      createdAt: '2026-11-27T07:23:22.391225+00:00',
      status: 'deployed',
      loraPath: '/models/din-v1-lora',
      training: {
        framework: 'mlx',
        baseModel: 'Qwen2.5-3B',
        samples: 120,
        epochs: 2,
        batchSize: 32,
        learningRate: 0.0001,
        maxSeqLength: 2048,
        hardware: 'M2 Max',
        notes: '',
      },
      evaluationScores: {
        accuracy: 0.71,
        bleuScore: 0.22,
        rougeScores: { rougeL: 0.3 },
        customMetrics: { tool_use: 0.6 },
      },
      additionalParents: [],
      trainingDataSources: ['asm-qa'],
      gitCommit: '0a1b2c3',
      deployed: true,
      deployedAt: '2026-11-27T07:23:22.395294+00:00',
      deploymentNotes: '',
      tags: ['first'],
      notes: '',
    });
    const v2 = din?.versions.v2;
    expect(v2?.parentVersion).toBe('v1');
    expect(v2?.ggufPath).toBe('/models/din-v2-Q4_K_M.gguf');
    expect(v2?.evaluationScores).toEqual({
      accuracy: 0.74,
      perplexity: 6.1,
      latencyMs: 80,
      rougeScores: {},
      customMetrics: {},
    });
    // null is "unset", not a value: no key at all on the record.
    expect(v2 && Object.hasOwn(v2, 'loraPath')).toBe(false);
    expect(v2 && Object.hasOwn(v2, 'gitCommit')).toBe(false);

    const farore = reader.getModel('farore');
    expect(farore?.metadata.owner).toBe('');
    expect(farore?.versions['v1.0.0']?.checkpointPath).toBe('/ckpt/farore');
    expect(farore?.versions['v1.0.0']?.training.costUsd).toBe(1.25);
  });

  it('reads a missing file as an empty registry without creating it', async () => {
    const dir = await tempDir();
    const reader = await createJsonStore({ path: join(dir, 'nested', 'registry.json') }).read();
    expect(reader.modelNames()).toEqual([]);
    expect(reader.getModel('din')).toBeUndefined();
  });
});

describe('other accepted shapes', () => {
  it('reads the seed example, which lacks created_at, status and many fields', async () => {
    const { store } = await storeWith({
      version: '1.0',
      updated_at: '2026-01-14T12:00:00Z',
      models: {
        majora: {
          metadata: {
            model_name: 'majora',
            description: 'Code generation model',
            owner: 'scawful',
            tags: ['coder', 'production'],
            notes: 'Primary model',
          },
          versions: {
            v1: {
              model_name: 'majora',
              version: 'v1',
              status: 'deployed',
              training: { framework: 'unsloth', base_model: 'Qwen2.5-Coder-7B', samples: 223 },
              evaluation_scores: { accuracy: 0.85, inference_speed_tokens_per_sec: 120 },
              lora_path: '/models/majora-v1-lora',
              deployed: true,
              parent_version: null,
            },
            v2: { training: {} },
          },
        },
      },
    });
    const majora = (await store.read()).getModel('majora');
    expect(majora?.metadata.createdAt).toBeUndefined();
    expect(majora?.versions.v1?.evaluationScores.inferenceSpeedTokensPerSec).toBe(120);
    expect(majora?.versions.v1?.training).toEqual({
      framework: 'unsloth',
      baseModel: 'Qwen2.5-Coder-7B',
      samples: 223,
      notes: '',
    });
    // A version without its own name fields takes them from where it is stored.
    expect(majora?.versions.v2).toMatchObject({
      modelName: 'majora',
      version: 'v2',
      status: 'draft',
      deployed: false,
      tags: [],
      trainingDataSources: [],
      additionalParents: [],
    });
  });

  it('reads the older bare models dictionary', async () => {
    const { store } = await storeWith({
      din: {
        metadata: { model_name: 'din' },
        versions: { v1: { model_name: 'din', version: 'v1' } },
      },
      // A model may even be called "version" in this form.
      version: { metadata: { model_name: 'version' }, versions: {} },
    });
    const reader = await store.read();
    expect(reader.modelNames().sort()).toEqual(['din', 'version']);
    expect(reader.getModel('din')?.versions.v1?.status).toBe('draft');
  });

  it('reads schema 2.0 with deployments and additional_parents', async () => {
    const { store } = await storeWith({
      version: '2.0',
      updated_at: null,
      models: {
        din: {
          metadata: { model_name: 'din', owner: null, tags: null },
          deployments: [
            { version: 'v1', action: 'deploy', at: '2026-11-27T07:00:00Z', previous_version: null },
            { version: 'v2', action: 'rollback', at: '2026-11-28T07:00:00Z', notes: 'bad' },
          ],
          versions: {
            v1: { version: 'v1' },
            v2: { parent_version: 'v1', additional_parents: ['other:v3'] },
          },
        },
      },
    });
    const din = (await store.read()).getModel('din');
    expect(din?.metadata).toEqual({
      modelName: 'din',
      description: '',
      owner: '',
      tags: [],
      notes: '',
    });
    expect(din?.deployments).toEqual([
      { version: 'v1', action: 'deploy', at: '2026-11-27T07:00:00Z' },
      { version: 'v2', action: 'rollback', at: '2026-11-28T07:00:00Z', notes: 'bad' },
    ]);
    expect(din?.versions.v2?.additionalParents).toEqual(['other:v3']);
  });

  it('reads an empty wrapper and an empty object as empty registries', async () => {
    for (const content of [{ version: '2.0' }, { version: '1.0', models: null }, {}]) {
      const { store } = await storeWith(content);
      expect((await store.read()).modelNames()).toEqual([]);
    }
  });

  it('accepts a byte order mark', async () => {
    const { store } = await storeWith(`\ufeff${JSON.stringify({ version: '2.0', models: {} })}`);
    expect((await store.read()).modelNames()).toEqual([]);
  });

  it('drops null metrics inside rouge_scores and custom_metrics', async () => {
    const { store } = await storeWith({
      version: '1.0',
      models: {
        din: {
          metadata: { model_name: 'din' },
          versions: {
            v1: {
              evaluation_scores: {
                rouge_scores: { rouge1: null, rougeL: 0.2 },
                custom_metrics: { a: null },
              },
            },
          },
        },
      },
    });
    const scores = (await store.read()).getModel('din')?.versions.v1?.evaluationScores;
    expect(scores?.rougeScores).toEqual({ rougeL: 0.2 });
    expect(scores?.customMetrics).toEqual({});
  });
});

describe('snapshots', () => {
  it('keeps its moment and hands out copies', async () => {
    const dir = await tempDir();
    await copyFile(FIXTURE_REGISTRY, join(dir, 'registry.json'));
    const store = createJsonStore({ path: dir, onNotice: () => undefined });
    const before = await store.read();
    const copy = before.getModel('din');
    if (copy?.versions.v1) copy.versions.v1.notes = 'changed by the caller';
    await store.transact((tx) => tx.deleteModel('din'));
    expect(before.getModel('din')?.versions.v1?.notes).toBe('');
    expect((await store.read()).getModel('din')).toBeUndefined();
  });

  it('sees a change made by another store instance', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'reg'));
    const a = createJsonStore({ path: join(dir, 'reg') });
    const b = createJsonStore({ path: join(dir, 'reg') });
    expect((await a.read()).modelNames()).toEqual([]);
    await b.transact((tx) =>
      tx.putModel({
        metadata: { modelName: 'm', description: '', owner: '', tags: [], notes: '' },
        versions: {},
        deployments: [],
      }),
    );
    expect((await a.read()).modelNames()).toEqual(['m']);
  });
});

describe('errors', () => {
  it('refuses a directory where the file should be', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'registry.json', 'registry.json'), { recursive: true });
    const store = createJsonStore({ path: join(dir, 'registry.json') });
    await expect(store.read()).rejects.toSatisfy(
      (error) => isRegistryError(error, 'STORE_ERROR') && /not a regular file/.test(error.message),
    );
  });

  it('refuses a bad maxBytes option', () => {
    expect(() => createJsonStore({ path: '/tmp/x.json', maxBytes: 0 })).toThrow(/maxBytes/);
  });
});
