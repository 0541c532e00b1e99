import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCode } from '../../test/expect-code.js';
import { RegistryError } from '../errors.js';
import type { ModelRecordInput } from '../schema/records.js';
import { STORE_SPECIFICATION_VERSION } from '../store/contract.js';
import { createMemoryStore } from '../store/memory-store.js';
import { ModelRegistry } from './model-registry.js';

/** A clock that returns 2026-01-01T00:00:00Z, then one minute later on every call. */
function steppingClock() {
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  let calls = 0;
  return {
    clock: () => new Date(start + 60_000 * calls++),
    at: (n: number) => new Date(start + 60_000 * n).toISOString(),
  };
}

function setup(initial: readonly ModelRecordInput[] = []) {
  const { clock, at } = steppingClock();
  const store = createMemoryStore({ initial });
  const registry = new ModelRegistry({ store, clock });
  return { registry, store, at };
}

describe('ModelRegistry construction', () => {
  it('refuses a store implementing another specification version', () => {
    const store = createMemoryStore();
    const foreign = { ...store, name: 'future-store', specificationVersion: 'afs-store-v2' };
    let error: unknown;
    try {
      // @ts-expect-error: the specification version is deliberately wrong.
      new ModelRegistry({ store: foreign });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).code).toBe('STORE_ERROR');
    expect((error as RegistryError).message).toContain('future-store');
    expect((error as RegistryError).message).toContain('afs-store-v2');
    expect((error as RegistryError).message).toContain(STORE_SPECIFICATION_VERSION);
    expect((error as RegistryError).details).toEqual({ store: 'future-store' });
  });

  it('refuses a missing store with STORE_ERROR', () => {
    expect(() => new ModelRegistry({} as never)).toThrow(
      expect.objectContaining({ code: 'STORE_ERROR' }),
    );
  });

  it('exposes the store and defaults to the system clock', async () => {
    const store = createMemoryStore();
    const registry = new ModelRegistry({ store });
    expect(registry.store).toBe(store);
    const before = Date.now();
    const created = await registry.registerModel({ modelName: 'm' });
    const after = Date.now();
    const at = Date.parse(created.createdAt ?? '');
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
  });
});

describe('registerModel', () => {
  it('puts every seed parameter in its field', async () => {
    const { registry, at } = setup();
    await registry.registerModel({ modelName: 'base', version: 'v2' }); // t0
    await registry.registerModel({ modelName: 'llama-ft', version: 'v1' }); // t1
    const created = await registry.registerModel({
      modelName: 'llama-ft',
      version: 'v2',
      baseModel: 'meta-llama/Llama-3-8B',
      samples: 1200,
      epochs: 3,
      batchSize: 8,
      learningRate: 0.0002,
      maxSeqLength: 2048,
      framework: 'unsloth',
      trainingData: ['data/train.jsonl', 'data/extra.jsonl'],
      loraPath: 'models/llama-ft/v2/lora',
      ggufPath: 'models/llama-ft/v2/model.gguf',
      checkpointPath: 'models/llama-ft/v2/checkpoint',
      configPath: 'models/llama-ft/v2/config.yaml',
      evaluationScores: {
        accuracy: 0.91,
        f1_score: 0.88,
        rouge: { rouge1: 0.5, rougeL: 0.4 },
        helpfulness: 4.5,
      },
      durationHours: 1.5,
      costUsd: 3.25,
      hardware: 'A100-80GB',
      gitCommit: 'abc1234',
      parentVersion: 'v1',
      additionalParents: ['base:v2'],
      tags: ['chat', 'lora'],
      notes: 'second run',
      trainingNotes: 'warm restart',
      status: 'completed',
    }); // t2
    const expected = {
      modelName: 'llama-ft',
      version: 'v2',
      createdAt: at(2),
      status: 'completed',
      loraPath: 'models/llama-ft/v2/lora',
      ggufPath: 'models/llama-ft/v2/model.gguf',
      checkpointPath: 'models/llama-ft/v2/checkpoint',
      configPath: 'models/llama-ft/v2/config.yaml',
      training: {
        framework: 'unsloth',
        baseModel: 'meta-llama/Llama-3-8B',
        samples: 1200,
        epochs: 3,
        batchSize: 8,
        learningRate: 0.0002,
        maxSeqLength: 2048,
        durationHours: 1.5,
        costUsd: 3.25,
        hardware: 'A100-80GB',
        notes: 'warm restart',
      },
      evaluationScores: {
        accuracy: 0.91,
        f1Score: 0.88,
        rougeScores: { rouge1: 0.5, rougeL: 0.4 },
        customMetrics: { helpfulness: 4.5 },
      },
      parentVersion: 'v1',
      additionalParents: ['base:v2'],
      trainingDataSources: ['data/train.jsonl', 'data/extra.jsonl'],
      gitCommit: 'abc1234',
      deployed: false,
      deploymentNotes: '',
      tags: ['chat', 'lora'],
      notes: 'second run',
    };
    expect(created).toEqual(expected);
    expect(await registry.getVersion('llama-ft', 'v2')).toEqual(expected);
  });

  it('fills defaults for a bare registration and creates the model metadata', async () => {
    const { registry, at } = setup();
    const created = await registry.registerModel({
      modelName: 'fresh',
      description: 'A new model',
      owner: 'ml-team',
    });
    expect(created).toEqual({
      modelName: 'fresh',
      version: 'v1',
      createdAt: at(0),
      status: 'draft',
      training: { notes: '' },
      evaluationScores: { rougeScores: {}, customMetrics: {} },
      additionalParents: [],
      trainingDataSources: [],
      deployed: false,
      deploymentNotes: '',
      tags: [],
      notes: '',
    });
    const record = await registry.getModel('fresh');
    expect(record?.metadata).toEqual({
      modelName: 'fresh',
      description: 'A new model',
      owner: 'ml-team',
      tags: [],
      notes: '',
      createdAt: at(0),
    });
    expect(record?.deployments).toEqual([]);
  });

  it('keeps model metadata from the first registration', async () => {
    const { registry, at } = setup();
    await registry.registerModel({ modelName: 'm', description: 'first', owner: 'a' });
    await registry.registerModel({ modelName: 'm', description: 'second', owner: 'b' });
    const record = await registry.getModel('m');
    expect(record?.metadata).toMatchObject({ description: 'first', owner: 'a', createdAt: at(0) });
  });

  it('auto-increments v1 → v2 → v3 without a version', async () => {
    const { registry } = setup();
    const versions: string[] = [];
    for (let i = 0; i < 3; i++)
      versions.push((await registry.registerModel({ modelName: 'm' })).version);
    expect(versions).toEqual(['v1', 'v2', 'v3']);
  });

  it('bumps minor and patch, and starts small with them', async () => {
    const { registry } = setup();
    expect((await registry.registerModel({ modelName: 'a', bump: 'minor' })).version).toBe('v0.1');
    expect((await registry.registerModel({ modelName: 'b', bump: 'patch' })).version).toBe(
      'v0.0.1',
    );
    await registry.registerModel({ modelName: 'm' });
    await registry.registerModel({ modelName: 'm' });
    expect((await registry.registerModel({ modelName: 'm', bump: 'minor' })).version).toBe('v2.1');
    expect((await registry.registerModel({ modelName: 'm', bump: 'minor' })).version).toBe('v2.2');
    expect((await registry.registerModel({ modelName: 'm', bump: 'patch' })).version).toBe(
      'v2.2.1',
    );
    expect((await registry.registerModel({ modelName: 'm', bump: 'major' })).version).toBe(
      'v3.0.0',
    );
    expect((await registry.registerModel({ modelName: 'm' })).version).toBe('v4.0.0');
  });

  it('auto-increments past explicitly chosen and opaque versions', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'experimental' });
    expect((await registry.registerModel({ modelName: 'm' })).version).toBe('v1');
    await registry.registerModel({ modelName: 'm', version: 'v9' });
    expect((await registry.registerModel({ modelName: 'm' })).version).toBe('v10');
  });

  it('refuses an existing version with VERSION_EXISTS, naming the way out', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1', notes: 'original' });
    const error = await expectCode(
      registry.registerModel({ modelName: 'm', version: 'v1', notes: 'replacement' }),
      'VERSION_EXISTS',
    );
    expect(error.message).toContain('"v1"');
    expect(error.message).toContain('"m"');
    expect(error.message).toContain('overwrite: true');
    expect(error.message).toContain('v2');
    expect(error.details).toEqual({ modelName: 'm', version: 'v1' });
    expect((await registry.getVersion('m', 'v1'))?.notes).toBe('original');
  });

  it('replaces an existing version with overwrite: true', async () => {
    const { registry, at } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1', notes: 'original', tags: ['x'] });
    const replaced = await registry.registerModel({
      modelName: 'm',
      version: 'v1',
      overwrite: true,
      notes: 'replacement',
    });
    expect(replaced).toMatchObject({
      version: 'v1',
      notes: 'replacement',
      tags: [],
      createdAt: at(1),
    });
    expect(await registry.getVersion('m', 'v1')).toEqual(replaced);
    expect(await registry.listVersions('m')).toHaveLength(1);
  });

  it('overwrite: true registers a new version when none exists', async () => {
    const { registry } = setup();
    const created = await registry.registerModel({
      modelName: 'm',
      version: 'v5',
      overwrite: true,
    });
    expect(created.version).toBe('v5');
  });

  it('refuses to overwrite a deployed version with VERSION_IN_USE', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1', notes: 'live' });
    await registry.setDeployed('m', 'v1');
    const error = await expectCode(
      registry.registerModel({ modelName: 'm', version: 'v1', overwrite: true }),
      'VERSION_IN_USE',
    );
    expect(error.message).toContain('deployed');
    expect(error.message).toContain('undeploy');
    expect(await registry.getVersion('m', 'v1')).toMatchObject({ notes: 'live', deployed: true });
  });

  it("refuses status 'deployed' at registration", async () => {
    const { registry } = setup();
    await expectCode(
      registry.registerModel({
        modelName: 'm',
        // @ts-expect-error: 'deployed' is excluded from the input type as well.
        status: 'deployed',
      }),
      'INVALID_INPUT',
    );
    expect(await registry.getModel('m')).toBeUndefined();
  });

  it('accepts every other status at registration', async () => {
    const { registry } = setup();
    for (const status of ['draft', 'training', 'completed', 'deprecated', 'archived'] as const) {
      expect((await registry.registerModel({ modelName: 'm', status })).status).toBe(status);
    }
  });

  it.each([
    ['negative samples', { samples: -1 }, 'samples'],
    ['fractional samples', { samples: 1.5 }, 'samples'],
    ['zero learning rate', { learningRate: 0 }, 'learningRate'],
    ['NaN epochs', { epochs: Number.NaN }, 'epochs'],
    ['infinite cost', { costUsd: Number.POSITIVE_INFINITY }, 'costUsd'],
    ['negative duration', { durationHours: -2 }, 'durationHours'],
    ['empty path', { loraPath: '' }, 'loraPath'],
    ['unknown bump', { bump: 'huge' }, 'bump'],
    ['non-string tag', { tags: [3] }, 'tags'],
  ])('refuses %s with INVALID_INPUT naming the field', async (_label, patch, field) => {
    const { registry } = setup();
    const error = await expectCode(
      registry.registerModel({ modelName: 'm', ...(patch as object) }),
      'INVALID_INPUT',
    );
    expect(error.message).toContain(field);
    expect(await registry.getModel('m')).toBeUndefined();
  });

  it('refuses non-finite and non-numeric evaluation scores at registration', async () => {
    const { registry } = setup();
    await expectCode(
      registry.registerModel({ modelName: 'm', evaluationScores: { accuracy: Number.NaN } }),
      'INVALID_INPUT',
    );
    await expectCode(
      registry.registerModel({
        modelName: 'm',
        evaluationScores: { custom: Number.NEGATIVE_INFINITY },
      }),
      'INVALID_INPUT',
    );
    await expectCode(
      registry.registerModel({
        modelName: 'm',
        evaluationScores: { accuracy: '0.9' as unknown as number },
      }),
      'INVALID_INPUT',
    );
    expect(await registry.getModel('m')).toBeUndefined();
  });

  it('refuses a "__proto__" metric name at registration', async () => {
    const { registry } = setup();
    const scores = JSON.parse('{"__proto__": 0.5, "accuracy": 0.9}');
    await expectCode(
      registry.registerModel({ modelName: 'm', evaluationScores: scores }),
      'INVALID_INPUT',
    );
    expect(await registry.getModel('m')).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('accuracy');
  });
});

describe('parents and lineage', () => {
  it('accepts a same-model parent and another model’s version', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'base', version: 'v1' });
    await registry.registerModel({ modelName: 'm', version: 'v1', parentVersion: 'base:v1' });
    const child = await registry.registerModel({ modelName: 'm', parentVersion: 'v1' });
    expect(child).toMatchObject({ version: 'v2', parentVersion: 'v1', additionalParents: [] });
    expect((await registry.getVersion('m', 'v1'))?.parentVersion).toBe('base:v1');
  });

  it('refuses a missing same-model parent, listing the known versions', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    await registry.registerModel({ modelName: 'm', version: 'v2' });
    const error = await expectCode(
      registry.registerModel({ modelName: 'm', version: 'v3', parentVersion: 'v7' }),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('"v7"');
    expect(error.message).toContain('v1, v2');
    expect(error.message).toContain('Register the parent first');
    expect(error.details).toMatchObject({ modelName: 'm', version: 'v3', parent: 'v7' });
    expect(await registry.getVersion('m', 'v3')).toBeUndefined();
  });

  it('refuses a parent in an unregistered model', async () => {
    const { registry } = setup();
    const error = await expectCode(
      registry.registerModel({ modelName: 'm', parentVersion: 'ghost:v1' }),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('ghost:v1');
    expect(error.message).toContain('not registered');
    expect(await registry.getModel('m')).toBeUndefined();
  });

  it('reports "none" when the parent model has no versions left', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'empty', version: 'v1' });
    await registry.deleteVersion('empty', 'v1');
    const error = await expectCode(
      registry.registerModel({ modelName: 'm', parentVersion: 'empty:v1' }),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('none');
  });

  it('refuses a malformed parent reference', async () => {
    const { registry } = setup();
    await expectCode(
      registry.registerModel({ modelName: 'm', parentVersion: 'a:b:c' }),
      'INVALID_INPUT',
    );
    await expectCode(
      registry.registerModel({ modelName: 'm', parentVersion: '../v1' }),
      'INVALID_INPUT',
    );
    await expectCode(
      registry.registerModel({ modelName: 'm', additionalParents: ['__proto__'] }),
      'INVALID_INPUT',
    );
  });

  it('refuses a version as its own parent, in either spelling', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    const error = await expectCode(
      registry.registerModel({
        modelName: 'm',
        version: 'v1',
        overwrite: true,
        parentVersion: 'v1',
      }),
      'LINEAGE_CYCLE',
    );
    expect(error.message).toContain('own parent');
    await expectCode(
      registry.registerModel({ modelName: 'm', version: 'v2', parentVersion: 'm:v2' }),
      'LINEAGE_CYCLE',
    );
    await expectCode(
      registry.registerModel({ modelName: 'm', version: 'v2', additionalParents: ['v2'] }),
      'LINEAGE_CYCLE',
    );
  });

  it('checks additional parents of a merge', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'a', version: 'v1' });
    await registry.registerModel({ modelName: 'b', version: 'v1' });
    const merged = await registry.registerModel({
      modelName: 'a',
      parentVersion: 'v1',
      additionalParents: ['b:v1'],
    });
    expect(merged).toMatchObject({
      version: 'v2',
      parentVersion: 'v1',
      additionalParents: ['b:v1'],
    });
    const error = await expectCode(
      registry.registerModel({ modelName: 'a', parentVersion: 'v1', additionalParents: ['b:v9'] }),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('b:v9');
    // Additional parents alone (no primary) are checked too.
    await expectCode(
      registry.registerModel({ modelName: 'a', additionalParents: ['c:v1'] }),
      'INVALID_INPUT',
    );
    expect(await registry.listVersions('a')).toHaveLength(2);
  });

  it('refuses an overwrite that closes a cycle in one model', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    await registry.registerModel({ modelName: 'm', version: 'v2', parentVersion: 'v1' });
    await registry.registerModel({ modelName: 'm', version: 'v3', parentVersion: 'v2' });
    const error = await expectCode(
      registry.registerModel({
        modelName: 'm',
        version: 'v1',
        overwrite: true,
        parentVersion: 'v3',
      }),
      'LINEAGE_CYCLE',
    );
    expect(error.message).toContain('m:v1');
    expect(error.message).toContain('own ancestor');
    expect(error.details).toMatchObject({ modelName: 'm', version: 'v1', parents: ['v3'] });
    expect((await registry.getVersion('m', 'v1'))?.parentVersion).toBeUndefined();
  });

  it('refuses an overwrite that closes a cycle through additional parents', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    await registry.registerModel({ modelName: 'm', version: 'v2' });
    await registry.registerModel({ modelName: 'm', version: 'v3', additionalParents: ['v1'] });
    await expectCode(
      registry.registerModel({
        modelName: 'm',
        version: 'v1',
        overwrite: true,
        parentVersion: 'v2',
        additionalParents: ['v3'],
      }),
      'LINEAGE_CYCLE',
    );
  });

  it('refuses an overwrite that closes a cycle across models', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'a', version: 'v1' });
    await registry.registerModel({ modelName: 'a', version: 'v2', parentVersion: 'v1' });
    await registry.registerModel({ modelName: 'b', version: 'v1', parentVersion: 'a:v2' });
    await registry.registerModel({ modelName: 'b', version: 'v2', parentVersion: 'v1' });
    await expectCode(
      registry.registerModel({
        modelName: 'a',
        version: 'v1',
        overwrite: true,
        parentVersion: 'b:v2',
      }),
      'LINEAGE_CYCLE',
    );
    // A non-cyclic overwrite across the same models is fine (diamond, not a cycle).
    const ok = await registry.registerModel({
      modelName: 'b',
      version: 'v2',
      overwrite: true,
      parentVersion: 'v1',
      additionalParents: ['a:v1'],
    });
    expect(ok.additionalParents).toEqual(['a:v1']);
  });

  it('walks past parents whose versions have been force-deleted', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    await registry.registerModel({ modelName: 'm', version: 'v2', parentVersion: 'v1' });
    await registry.deleteVersion('m', 'v1', { force: true });
    const child = await registry.registerModel({ modelName: 'm', parentVersion: 'v2' });
    expect(child.version).toBe('v3');
  });
});

describe('reading', () => {
  it('getModel, getVersion, getLatest and getDeployed resolve to undefined when nothing matches', async () => {
    const { registry } = setup();
    expect(await registry.getModel('ghost')).toBeUndefined();
    expect(await registry.getVersion('ghost', 'v1')).toBeUndefined();
    expect(await registry.getLatest('ghost')).toBeUndefined();
    expect(await registry.getDeployed('ghost')).toBeUndefined();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    expect(await registry.getVersion('m', 'v2')).toBeUndefined();
    expect(await registry.getVersion('m', 'v10')).toBeUndefined();
    expect(await registry.getDeployed('m')).toBeUndefined();
    await registry.deleteVersion('m', 'v1');
    expect(await registry.getLatest('m')).toBeUndefined();
    expect(await registry.getModel('m')).toMatchObject({ versions: {} });
  });

  it('refuses invalid names on reads with INVALID_INPUT', async () => {
    const { registry } = setup();
    await expectCode(registry.getModel('../etc'), 'INVALID_INPUT');
    await expectCode(registry.getVersion('m', 'toString'), 'INVALID_INPUT');
    await expectCode(registry.getVersion('__proto__', 'v1'), 'INVALID_INPUT');
    await expectCode(registry.getLatest('constructor'), 'INVALID_INPUT');
    await expectCode(registry.getDeployed(''), 'INVALID_INPUT');
  });

  it('returns copies: changing a result changes nothing in the registry', async () => {
    const { registry } = setup();
    const created = await registry.registerModel({ modelName: 'm', tags: ['a'] });
    created.tags.push('mutated');
    const record = await registry.getModel('m');
    if (record === undefined) throw new Error('missing record');
    record.metadata.description = 'mutated';
    const version = record.versions.v1;
    if (version === undefined) throw new Error('missing version');
    version.notes = 'mutated';
    const again = await registry.getModel('m');
    expect(again?.metadata.description).toBe('');
    expect(again?.versions.v1?.tags).toEqual(['a']);
    expect(again?.versions.v1?.notes).toBe('');
  });

  it('getLatest uses version order, not registration order or text order', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v10' });
    await registry.registerModel({ modelName: 'm', version: 'v9' });
    await registry.registerModel({ modelName: 'm', version: 'v2.1' });
    expect((await registry.getLatest('m'))?.version).toBe('v10');
  });

  it('getDeployed returns the deployed version', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm' });
    await registry.registerModel({ modelName: 'm' });
    await registry.setDeployed('m', 'v1');
    expect((await registry.getDeployed('m'))?.version).toBe('v1');
  });

  it('listVersions returns versions in version order and filters by status', async () => {
    const { registry } = setup();
    for (const version of ['v10', 'v2', 'v1', 'experimental', 'v2.1']) {
      await registry.registerModel({ modelName: 'm', version });
    }
    await registry.setStatus('m', 'v2', 'completed');
    await registry.setStatus('m', 'v10', 'completed');
    await registry.setDeployed('m', 'v1');
    expect((await registry.listVersions('m')).map((v) => v.version)).toEqual([
      'experimental',
      'v1',
      'v2',
      'v2.1',
      'v10',
    ]);
    expect(
      (await registry.listVersions('m', { status: 'completed' })).map((v) => v.version),
    ).toEqual(['v2', 'v10']);
    expect(
      (await registry.listVersions('m', { status: 'deployed' })).map((v) => v.version),
    ).toEqual(['v1']);
    expect(await registry.listVersions('m', { status: 'archived' })).toEqual([]);
    expect((await registry.listVersions('m', {})).length).toBe(5);
  });

  it('listVersions refuses an unknown status', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm' });
    const error = await expectCode(
      registry.listVersions('m', { status: 'live' as never }),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('status');
  });

  it('listVersions of an unknown model is MODEL_NOT_FOUND naming the known models', async () => {
    const { registry } = setup();
    const empty = await expectCode(registry.listVersions('ghost'), 'MODEL_NOT_FOUND');
    expect(empty.message).toContain('"ghost"');
    expect(empty.message).toContain('no models yet');
    expect(empty.message).toContain('registerModel');
    await registry.registerModel({ modelName: 'zeta' });
    await registry.registerModel({ modelName: 'alpha' });
    const error = await expectCode(registry.listVersions('ghost'), 'MODEL_NOT_FOUND');
    expect(error.message).toContain('Known models: alpha, zeta.');
    expect(error.message).toContain('afs registry add ghost');
    expect(error.details).toEqual({ modelName: 'ghost', knownModels: ['alpha', 'zeta'] });
  });

  it('listModels returns one summary per model, sorted by name', async () => {
    const { registry, at } = setup();
    await registry.registerModel({ modelName: 'zeta', description: 'last', owner: 'z' }); // t0
    await registry.registerModel({ modelName: 'alpha', description: 'first', owner: 'a' }); // t1
    await registry.registerModel({ modelName: 'alpha' }); // t2
    await registry.registerModel({ modelName: 'alpha', version: 'v10' }); // t3
    await registry.setDeployed('alpha', 'v2'); // t4
    await registry.updateMetadata('alpha', { tags: ['prod'] });
    await registry.registerModel({ modelName: 'Mid' }); // t5
    expect(await registry.listModels()).toEqual([
      {
        modelName: 'Mid',
        description: '',
        owner: '',
        tags: [],
        versionCount: 1,
        latestVersion: 'v1',
        deployedVersion: undefined,
        createdAt: at(5),
      },
      {
        modelName: 'alpha',
        description: 'first',
        owner: 'a',
        tags: ['prod'],
        versionCount: 3,
        latestVersion: 'v10',
        deployedVersion: 'v2',
        createdAt: at(1),
      },
      {
        modelName: 'zeta',
        description: 'last',
        owner: 'z',
        tags: [],
        versionCount: 1,
        latestVersion: 'v1',
        deployedVersion: undefined,
        createdAt: at(0),
      },
    ]);
  });

  it('listModels of an empty registry is empty', async () => {
    const { registry } = setup();
    expect(await registry.listModels()).toEqual([]);
  });

  it('listModels skips a name whose record the store cannot return', async () => {
    const inner = createMemoryStore();
    const registry = new ModelRegistry({ store: inner });
    await registry.registerModel({ modelName: 'real' });
    const store = {
      ...inner,
      async read() {
        const reader = await inner.read();
        return {
          modelNames: () => [...reader.modelNames(), 'vanished'],
          getModel: (name: string) => reader.getModel(name),
        };
      },
    };
    const view = new ModelRegistry({ store });
    expect((await view.listModels()).map((s) => s.modelName)).toEqual(['real']);
  });
});

describe('updateMetadata', () => {
  it('merges a patch and keeps the model name', async () => {
    const { registry, at } = setup();
    await registry.registerModel({ modelName: 'm', description: 'old', owner: 'me' });
    const updated = await registry.updateMetadata('m', {
      description: 'new',
      tags: ['t1'],
      notes: 'hello',
      modelName: 'other',
    } as never);
    expect(updated).toEqual({
      modelName: 'm',
      description: 'new',
      owner: 'me',
      tags: ['t1'],
      notes: 'hello',
      createdAt: at(0),
    });
    expect((await registry.getModel('m'))?.metadata).toEqual(updated);
    expect(await registry.getModel('other')).toBeUndefined();
  });

  it('refuses invalid metadata and unknown models', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm' });
    const error = await expectCode(
      registry.updateMetadata('m', { tags: 'oops' as never }),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('tags');
    await expectCode(registry.updateMetadata('ghost', { owner: 'x' }), 'MODEL_NOT_FOUND');
    expect((await registry.getModel('m'))?.metadata.tags).toEqual([]);
  });
});

describe('deleteVersion', () => {
  it('deletes a version and returns it', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm' });
    const v2 = await registry.registerModel({ modelName: 'm' });
    expect(await registry.deleteVersion('m', 'v2')).toEqual(v2);
    expect(await registry.getVersion('m', 'v2')).toBeUndefined();
    expect((await registry.listVersions('m')).map((v) => v.version)).toEqual(['v1']);
  });

  it('names the known versions when the version does not exist', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v2' });
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    const error = await expectCode(registry.deleteVersion('m', 'v3'), 'VERSION_NOT_FOUND');
    expect(error.message).toContain('"v3"');
    expect(error.message).toContain('Known versions: v1, v2.');
    expect(error.details).toEqual({ modelName: 'm', version: 'v3', knownVersions: ['v1', 'v2'] });
    await expectCode(registry.deleteVersion('ghost', 'v1'), 'MODEL_NOT_FOUND');
    await expectCode(registry.deleteVersion('m', '..'), 'INVALID_INPUT');
  });

  it('does not delete a deployed version without force', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm' });
    await registry.setDeployed('m', 'v1');
    const error = await expectCode(registry.deleteVersion('m', 'v1'), 'VERSION_IN_USE');
    expect(error.message).toContain('deployed');
    expect(error.message).toContain('force');
    expect(error.details).toMatchObject({ reason: 'deployed' });
    expect(await registry.getVersion('m', 'v1')).toBeDefined();
    await registry.deleteVersion('m', 'v1', { force: true });
    expect(await registry.getVersion('m', 'v1')).toBeUndefined();
    expect(await registry.getDeployed('m')).toBeUndefined();
  });

  it('does not delete a parent without force, also when the child is in another model', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    await registry.registerModel({ modelName: 'm', version: 'v2', parentVersion: 'v1' });
    await registry.registerModel({
      modelName: 'other',
      version: 'v1',
      additionalParents: ['m:v1'],
    });
    const error = await expectCode(registry.deleteVersion('m', 'v1'), 'VERSION_IN_USE');
    expect(error.message).toContain('m:v2');
    expect(error.message).toContain('other:v1');
    expect(error.message).toContain('force');
    expect(error.details).toMatchObject({ reason: 'has-children' });
    expect([...((error.details.children as string[]) ?? [])].sort()).toEqual(['m:v2', 'other:v1']);

    await registry.registerModel({ modelName: 'solo', version: 'v1' });
    await registry.registerModel({ modelName: 'x', version: 'v1', parentVersion: 'solo:v1' });
    const cross = await expectCode(registry.deleteVersion('solo', 'v1'), 'VERSION_IN_USE');
    expect(cross.details).toMatchObject({ children: ['x:v1'] });

    expect(await registry.deleteVersion('m', 'v1', { force: true })).toMatchObject({
      version: 'v1',
    });
    expect(await registry.getVersion('m', 'v1')).toBeUndefined();
    // The children keep their (now dangling) reference.
    expect((await registry.getVersion('m', 'v2'))?.parentVersion).toBe('v1');
  });

  it('deletes a childless, undeployed version without force', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    await registry.registerModel({ modelName: 'm', version: 'v2', parentVersion: 'v1' });
    await registry.deleteVersion('m', 'v2');
    await registry.deleteVersion('m', 'v1');
    expect(await registry.listVersions('m')).toEqual([]);
  });
});

describe('names and versions', () => {
  const invalid = [
    '',
    '-lead',
    '.hidden',
    '_under',
    'a/b',
    'a\\b',
    'a b',
    'a:b',
    'a..b',
    '..',
    'v1\n',
    'ünï',
    'x'.repeat(129),
    '__proto__',
    'constructor',
    'toString',
    'prototype',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
  ];
  const valid = [
    'a',
    'A',
    '0',
    'v1.2.3',
    'model_name-2.0',
    'x'.repeat(128),
    'Constructor',
    'proto',
  ];

  it.each(invalid)('refuses %j as model name and as version', async (name) => {
    const { registry } = setup();
    await expectCode(registry.registerModel({ modelName: name }), 'INVALID_INPUT');
    await expectCode(registry.registerModel({ modelName: 'm', version: name }), 'INVALID_INPUT');
    expect(await registry.listModels()).toEqual([]);
  });

  it.each(valid)('accepts %j as model name and as version', async (name) => {
    const { registry } = setup();
    await registry.registerModel({ modelName: name, version: name });
    expect((await registry.getVersion(name, name))?.version).toBe(name);
  });

  it('explains what is wrong with a name', async () => {
    const { registry } = setup();
    const pattern = await expectCode(registry.registerModel({ modelName: 'a b' }), 'INVALID_INPUT');
    expect(pattern.message).toContain('letters, digits');
    const reserved = await expectCode(registry.getModel('constructor'), 'INVALID_INPUT');
    expect(reserved.message).toContain('reserved');
    expect(reserved.details).toEqual({ field: 'model name', value: 'constructor' });
  });

  it('property: any string is refused with INVALID_INPUT or round-trips intact', async () => {
    const reserved = new Set([
      '__proto__',
      'constructor',
      'toString',
      'toLocaleString',
      'valueOf',
      'hasOwnProperty',
      'isPrototypeOf',
      'propertyIsEnumerable',
      '__defineGetter__',
      '__defineSetter__',
      '__lookupGetter__',
      '__lookupSetter__',
      'prototype',
    ]);
    const allowed = (s: string) =>
      s.length >= 1 &&
      s.length <= 128 &&
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s) &&
      !s.includes('..') &&
      !reserved.has(s);
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const nameChars = fc.constantFrom(...'aZ09._-:/\\ \n\u00e9_'.split(''));
    const candidate = fc.oneof(
      fc.string(),
      fc.string({ unit: nameChars, maxLength: 10 }),
      fc.string({ unit: nameChars, minLength: 120, maxLength: 140 }),
      fc.constantFrom(...reserved, 'v1', 'a..', 'a.b', '1'),
    );
    await fc.assert(
      fc.asyncProperty(candidate, fc.boolean(), async (name, asModel) => {
        const { registry } = setup();
        const input = asModel
          ? { modelName: name, version: 'v1' }
          : { modelName: 'm', version: name };
        let error: unknown;
        try {
          await registry.registerModel(input);
        } catch (caught) {
          error = caught;
        }
        if (error === undefined) {
          expect(allowed(name)).toBe(true);
          const found = await registry.getVersion(input.modelName, input.version);
          expect(found?.modelName).toBe(input.modelName);
          expect(found?.version).toBe(input.version);
          expect((await registry.listModels()).map((s) => s.modelName)).toEqual([input.modelName]);
        } else {
          expect(error).toBeInstanceOf(RegistryError);
          expect((error as RegistryError).code).toBe('INVALID_INPUT');
          expect(allowed(name)).toBe(false);
          expect(await registry.listModels()).toEqual([]);
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
        expect(({} as Record<string, unknown>).v1).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('transactions', () => {
  it('50 concurrent registrations without a version get v1..v50', async () => {
    const { registry } = setup();
    const created = await Promise.all(
      Array.from({ length: 50 }, () => registry.registerModel({ modelName: 'm' })),
    );
    const versions = created.map((v) => v.version);
    expect(new Set(versions).size).toBe(50);
    expect([...versions].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual(
      Array.from({ length: 50 }, (_, i) => `v${i + 1}`),
    );
    expect(await registry.listVersions('m')).toHaveLength(50);
  });

  it('a failed operation leaves the registry unchanged', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    const before = await registry.getModel('m');
    await expectCode(registry.setDeployed('m', 'v9'), 'VERSION_NOT_FOUND');
    await expectCode(registry.rollback('m'), 'NO_ROLLBACK_TARGET');
    expect(await registry.getModel('m')).toEqual(before);
  });
});

describe('duplicate parents', () => {
  it('are stored once, whatever the spelling', async () => {
    const { registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    const v2 = await registry.registerModel({
      modelName: 'm',
      parentVersion: 'v1',
      additionalParents: ['m:v1', 'v1'],
    });
    expect(v2.parentVersion).toBe('v1');
    expect(v2.additionalParents).toEqual([]);
  });
});
