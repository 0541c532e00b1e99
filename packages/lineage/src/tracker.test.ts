import {
  createMemoryStore,
  isRegistryError,
  ModelRegistry,
  type RegistryStore,
} from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { familyRecords, rejection } from '../test/support.js';
import { LineageTracker } from './tracker.js';

function fixedClock(start = Date.UTC(2026, 0, 14, 12)) {
  let now = start;
  return () => {
    now += 60_000;
    return new Date(now);
  };
}

function setup(store: RegistryStore = createMemoryStore()) {
  const clock = fixedClock();
  return {
    store,
    registry: new ModelRegistry({ store, clock }),
    tracker: new LineageTracker({ store, clock }),
  };
}

/** majora v1 → v2 → v3, registered through the registry as a training pipeline would. */
async function chain() {
  const context = setup();
  const { registry } = context;
  await registry.registerModel({
    modelName: 'majora',
    version: 'v1',
    baseModel: 'Qwen2.5-Coder-7B',
  });
  await registry.registerModel({ modelName: 'majora', version: 'v2', parentVersion: 'v1' });
  await registry.registerModel({ modelName: 'majora', version: 'v3', parentVersion: 'v2' });
  return context;
}

describe('LineageTracker.addVersion on a new version', () => {
  it('creates the model and a draft version, dated by the clock', async () => {
    const { tracker, registry } = setup();
    const result = await tracker.addVersion({
      modelName: 'din',
      version: 'v1',
      trainingData: ['asm-qa'],
      gitCommit: '0a1b2c3',
      baseModel: 'Qwen2.5-3B',
    });
    expect(result).toMatchObject({ createdModel: true, createdVersion: true, changed: true });
    expect(await registry.getVersion('din', 'v1')).toMatchObject({
      status: 'draft',
      createdAt: '2026-01-14T12:01:00.000Z',
      trainingDataSources: ['asm-qa'],
      gitCommit: '0a1b2c3',
      training: { baseModel: 'Qwen2.5-3B' },
      notes: '',
    });
    expect((await registry.getModel('din'))?.metadata).toMatchObject({
      modelName: 'din',
      createdAt: '2026-01-14T12:01:00.000Z',
    });
  });

  it('reproduces the Python lineage file of the seed (din v1 → v2)', async () => {
    const { tracker } = setup();
    await tracker.addVersion({
      modelName: 'din',
      version: 'v1',
      trainingData: ['asm-qa'],
      gitCommit: '0a1b2c3',
      baseModel: 'Qwen2.5-3B',
    });
    await tracker.addVersion({
      modelName: 'din',
      version: 'v2',
      parentVersion: 'v1',
      trainingData: ['asm-qa-2'],
      baseModel: 'Qwen2.5-3B',
      notes: 'more data',
    });
    const lineage = await tracker.getLineage('din');
    expect(
      lineage.versions.map((v) => ({
        version: v.version,
        parents: v.parents,
        trainingDataSources: v.trainingDataSources,
        gitCommit: v.gitCommit ?? null,
        baseModel: v.baseModel,
        notes: v.notes,
      })),
    ).toEqual([
      {
        version: 'v1',
        parents: [],
        trainingDataSources: ['asm-qa'],
        gitCommit: '0a1b2c3',
        baseModel: 'Qwen2.5-3B',
        notes: '',
      },
      {
        version: 'v2',
        parents: ['din:v1'],
        trainingDataSources: ['asm-qa-2'],
        gitCommit: null,
        baseModel: 'Qwen2.5-3B',
        notes: 'more data',
      },
    ]);
  });

  it('refuses a parent that does not exist, writing nothing', async () => {
    const { tracker, registry } = setup();
    const error = await rejection(
      tracker.addVersion({ modelName: 'din', version: 'v2', parentVersion: 'v1' }),
    );
    expect(isRegistryError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toContain('Parent "v1" of din:v2 does not exist');
    expect(await registry.getModel('din')).toBeUndefined();
  });

  it('refuses invalid names and fields', async () => {
    const { tracker } = setup();
    for (const input of [
      { modelName: 'bad name', version: 'v1' },
      { modelName: 'din', version: '' },
      { modelName: 'din', version: 'v1', parentVersion: 'x:y:z' },
      { modelName: 'din', version: 'v1', trainingData: [''] },
      { modelName: 'din', version: 'v1', gitCommit: '' },
    ]) {
      expect(isRegistryError(await rejection(tracker.addVersion(input)), 'INVALID_INPUT')).toBe(
        true,
      );
    }
  });
});

describe('LineageTracker.addVersion on an existing version', () => {
  it('adds lineage to what the registry recorded', async () => {
    const { tracker, registry } = await chain();
    await registry.updateEvaluationScores('majora', 'v2', { accuracy: 0.87 });
    const result = await tracker.addVersion({
      modelName: 'majora',
      version: 'v2',
      trainingData: ['asm-qa'],
      gitCommit: 'abc123',
      notes: 'second pass',
    });
    expect(result).toMatchObject({ createdModel: false, createdVersion: false, changed: true });
    expect(await registry.getVersion('majora', 'v2')).toMatchObject({
      parentVersion: 'v1',
      trainingDataSources: ['asm-qa'],
      gitCommit: 'abc123',
      notes: 'second pass',
      status: 'draft',
      evaluationScores: { accuracy: 0.87 },
    });
  });

  it('unions data sources, replaces commit and base model, appends notes once', async () => {
    const { tracker, registry } = await chain();
    await tracker.addVersion({
      modelName: 'majora',
      version: 'v3',
      trainingData: ['a', 'b'],
      notes: 'first',
    });
    await tracker.addVersion({
      modelName: 'majora',
      version: 'v3',
      trainingData: ['b', 'c'],
      gitCommit: 'c2',
      baseModel: 'Qwen2.5-Coder-14B',
      notes: 'second',
    });
    const again = await tracker.addVersion({ modelName: 'majora', version: 'v3', notes: 'second' });
    expect(again.changed).toBe(false);
    expect(await registry.getVersion('majora', 'v3')).toMatchObject({
      trainingDataSources: ['a', 'b', 'c'],
      gitCommit: 'c2',
      training: { baseModel: 'Qwen2.5-Coder-14B' },
      notes: 'first\nsecond',
    });
  });

  it('sets the parent of a version that had none, and adds merge parents to one that had', async () => {
    const { tracker, registry } = await chain();
    await registry.registerModel({ modelName: 'majora', version: 'v2.1' });
    await registry.registerModel({ modelName: 'nayru', version: 'v1' });
    await tracker.addVersion({ modelName: 'majora', version: 'v2.1', parentVersion: 'majora:v1' });
    expect(await registry.getVersion('majora', 'v2.1')).toMatchObject({
      parentVersion: 'v1',
      additionalParents: [],
    });
    await tracker.addVersion({
      modelName: 'majora',
      version: 'v3',
      parents: ['v2', 'v2.1', 'nayru:v1'],
    });
    expect(await registry.getVersion('majora', 'v3')).toMatchObject({
      parentVersion: 'v2',
      additionalParents: ['v2.1', 'nayru:v1'],
    });
    expect(await tracker.buildTree('majora')).toBe(
      [
        'majora',
        '└── v1 [draft]',
        '    ├── v2 [draft]',
        '    │   └── v3 [draft] (merge; also from v2.1, nayru:v1)',
        '    └── v2.1 [draft]',
      ].join('\n'),
    );
  });

  it('replaces parents when asked, down to none', async () => {
    const { tracker, registry } = await chain();
    await tracker.addVersion({
      modelName: 'majora',
      version: 'v3',
      parents: ['v1'],
      replaceParents: true,
    });
    expect(await registry.getVersion('majora', 'v3')).toMatchObject({
      parentVersion: 'v1',
      additionalParents: [],
    });
    await tracker.addVersion({ modelName: 'majora', version: 'v3', replaceParents: true });
    const v3 = await registry.getVersion('majora', 'v3');
    expect(v3?.parentVersion).toBeUndefined();
    expect(v3?.additionalParents).toEqual([]);
  });

  it('writes nothing when nothing changes', async () => {
    const { tracker, store } = await chain();
    const before = await store.read();
    const result = await tracker.addVersion({
      modelName: 'majora',
      version: 'v2',
      parentVersion: 'v1',
    });
    expect(result.changed).toBe(false);
    expect((await store.read()).getModel('majora')).toEqual(before.getModel('majora'));
  });
});

describe('cycles', () => {
  async function expectCycle(
    tracker: LineageTracker,
    input: Parameters<LineageTracker['addVersion']>[0],
    cycle: string[],
  ) {
    const error = await rejection(tracker.addVersion(input));
    expect(isRegistryError(error, 'LINEAGE_CYCLE')).toBe(true);
    expect((error as { details: { cycle: string[] } }).details.cycle).toEqual(cycle);
    expect((error as Error).message).toContain('Choose a parent that does not descend from');
  }

  it('refuses a parent that descends from the version, in one model', async () => {
    const { tracker, registry } = await chain();
    await expectCycle(tracker, { modelName: 'majora', version: 'v1', parentVersion: 'v3' }, [
      'majora:v1',
      'majora:v2',
      'majora:v3',
      'majora:v1',
    ]);
    expect((await registry.getVersion('majora', 'v1'))?.parentVersion).toBeUndefined();
  });

  it('refuses the version as its own parent', async () => {
    const { tracker } = await chain();
    await expectCycle(
      tracker,
      { modelName: 'majora', version: 'v2', parents: ['v1', 'majora:v2'] },
      ['majora:v2', 'majora:v2'],
    );
  });

  it('refuses a cycle across models', async () => {
    const { tracker } = await chain();
    await tracker.addVersion({ modelName: 'nayru', version: 'v1', parentVersion: 'majora:v3' });
    await tracker.addVersion({ modelName: 'nayru', version: 'v2', parentVersion: 'v1' });
    await expectCycle(tracker, { modelName: 'majora', version: 'v2', parentVersion: 'nayru:v2' }, [
      'majora:v2',
      'majora:v3',
      'nayru:v1',
      'nayru:v2',
      'majora:v2',
    ]);
  });

  it('refuses a cycle closed by an additional parent, or running through one', async () => {
    const { tracker, registry } = await chain();
    await registry.registerModel({ modelName: 'din', version: 'v1' });
    // The new edge is the merge parent (second in the list).
    await expectCycle(tracker, { modelName: 'majora', version: 'v2', parents: ['din:v1', 'v3'] }, [
      'majora:v2',
      'majora:v3',
      'majora:v2',
    ]);
    // The existing path runs through an additional-parent edge (majora:v3 → din:v2).
    await tracker.addVersion({ modelName: 'din', version: 'v2', parents: ['din:v1', 'majora:v3'] });
    await expectCycle(tracker, { modelName: 'majora', version: 'v1', parentVersion: 'din:v2' }, [
      'majora:v1',
      'majora:v2',
      'majora:v3',
      'din:v2',
      'majora:v1',
    ]);
  });

  it('refuses re-creating a deleted version under its former descendant', async () => {
    const { tracker, registry } = await chain();
    await registry.deleteVersion('majora', 'v1', { force: true });
    await registry.registerModel({ modelName: 'nayru', version: 'v1', parentVersion: 'majora:v3' });
    await expectCycle(tracker, { modelName: 'majora', version: 'v1', parentVersion: 'nayru:v1' }, [
      'majora:v1',
      'majora:v2',
      'majora:v3',
      'nayru:v1',
      'majora:v1',
    ]);
  });

  it('is refused by the registry too, so no path introduces one', async () => {
    const { registry } = await chain();
    const error = await rejection(
      registry.registerModel({
        modelName: 'majora',
        version: 'v1',
        parentVersion: 'v3',
        overwrite: true,
      }),
    );
    expect(isRegistryError(error, 'LINEAGE_CYCLE')).toBe(true);
  });
});

describe('LineageTracker queries', () => {
  const tracker = new LineageTracker({ store: createMemoryStore({ initial: familyRecords() }) });

  it('answers the seed operations from the store', async () => {
    expect((await tracker.getLineage('majora', 'v4')).parents).toEqual(['majora:v2', 'majora:v3']);
    expect((await tracker.getLineage('majora')).versions).toHaveLength(4);
    expect((await tracker.getAncestors('nayru', 'v1')).map((v) => v.id)).toEqual([
      'majora:v4',
      'majora:v2',
      'majora:v3',
      'majora:v1',
    ]);
    expect((await tracker.getDescendants('majora', 'v3')).map((v) => v.id)).toEqual([
      'majora:v4',
      'nayru:v1',
      'nayru:v2',
    ]);
    expect((await tracker.getTrainingHistory('din')).map((v) => v.version)).toEqual(['v1', 'v2']);
    expect((await tracker.getDataLineage('majora', 'v2')).sources).toEqual([
      'asm-qa',
      'oracle-docs',
    ]);
    expect((await tracker.getProvenance('nayru', 'v1')).baseModels.map((b) => b.value)).toEqual([
      'Qwen2.5-1.5B',
      'Qwen2.5-Coder-7B',
    ]);
    expect((await tracker.getCodeVersions('din')).map((c) => c.gitCommit)).toEqual([
      undefined,
      undefined,
    ]);
    expect(await tracker.buildTree('din')).toBe('din\n└── v1 [completed]\n    └── v2 [completed]');
    expect(await tracker.summary('din')).toMatchObject({ versions: 2, roots: 1, maxDepth: 1 });
  });

  it('answers the impact, path and export questions from the store', async () => {
    expect((await tracker.datasetImpact('scraped-forum')).deployed.map((v) => v.id)).toEqual([
      'majora:v4',
      'nayru:v1',
    ]);
    expect((await tracker.baseModelImpact('Qwen2.5-3B')).versions.map((v) => v.id)).toEqual([
      'din:v1',
      'din:v2',
    ]);
    expect((await tracker.findPath('din:v2', 'din:v1'))?.ids).toEqual(['din:v1', 'din:v2']);
    expect((await tracker.commonAncestors('majora:v2', 'majora:v3')).map((v) => v.id)).toEqual([
      'majora:v1',
    ]);
    expect(await tracker.toMermaid({ ids: ['din:v1'] })).toBe(
      'graph TD\n  n_din_3av1["din:v1<br/>completed"]',
    );
    expect(await tracker.toDot({ ids: ['din:v1'] })).toContain(
      '"din:v1" [label="din:v1\\ncompleted"];',
    );
    expect((await tracker.toJson({ model: 'din' })).edges).toEqual([
      { from: 'din:v1', to: 'din:v2', kind: 'parent' },
    ]);
  });

  it('reads a fresh snapshot per call, or answers from a graph it is given', async () => {
    const { tracker: own, registry } = setup();
    await registry.registerModel({ modelName: 'm', version: 'v1' });
    const then = await own.graph();
    await registry.registerModel({ modelName: 'm', version: 'v2', parentVersion: 'v1' });
    expect((await own.getDescendants('m', 'v1')).map((v) => v.id)).toEqual(['m:v2']);
    expect(await own.getDescendants('m', 'v1', { graph: then })).toEqual([]);
    expect((await own.getLineage('m', undefined, { graph: then })).versions).toHaveLength(1);
  });

  it('rejects unknown models and versions with core errors', async () => {
    expect(
      isRegistryError(await rejection(tracker.getAncestors('zelda', 'v1')), 'MODEL_NOT_FOUND'),
    ).toBe(true);
    expect(
      isRegistryError(await rejection(tracker.getLineage('majora', 'v9')), 'VERSION_NOT_FOUND'),
    ).toBe(true);
    expect(isRegistryError(await rejection(tracker.buildTree('zelda')), 'MODEL_NOT_FOUND')).toBe(
      true,
    );
  });

  it('refuses a store of another specification', () => {
    const store = {
      ...createMemoryStore(),
      specificationVersion: 'afs-store-v0',
    } as unknown as RegistryStore;
    expect(() => new LineageTracker({ store })).toThrow(/needs "afs-store-v1"/);
  });
});
