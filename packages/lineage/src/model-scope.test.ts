import {
  createMemoryStore,
  isRegistryError,
  type ModelRecord,
  ModelRegistry,
  type RegistryStore,
} from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { generateLineageFixture } from '../test/generate.js';
import { linkedStore, modelsWithChildrenIn, parentModelsOf } from '../test/linked-store.js';
import { catchError, makeRecords, rejection } from '../test/support.js';
import { LineageGraph } from './graph.js';
import { LineageTracker } from './tracker.js';

/**
 * A registry with every kind of link the model scope has to get right:
 *
 * - hub: a chain with a merge (v4 = v2 + v3), children in spoke-a, spoke-b,
 *   spoke-c and mixed; v5 is force-deleted below, leaving hub:v6 and
 *   spoke-b:v1 with a missing parent, and orphan linked to hub through it only.
 * - teacher → distilled → teacher: cross-model parents both ways
 *   (distilled:v1 starts from teacher:v2; teacher:v3 from distilled:v2).
 * - spoke-a:v2 names a model that does not exist (ghost:v1).
 * - mixed: integer-like keys merged within the model, and a v1 from hub.
 * - lonely: no versions.
 */
function linkedRecords(): ModelRecord[] {
  return makeRecords({
    hub: {
      v1: { base: 'Qwen2.5-7B', data: ['docs'], scores: { accuracy: 0.8 } },
      v2: { parent: 'v1', scores: { accuracy: 0.82 } },
      v3: { parent: 'v1', data: ['forum'], scores: { f1Score: 0.7 } },
      v4: { parent: 'v2', also: ['v3'], deployed: true, scores: { accuracy: 0.9 } },
      v5: { parent: 'v4' },
      v6: { parent: 'v5', status: 'draft' },
    },
    'spoke-a': {
      v1: { parent: 'hub:v4', deployed: true },
      v2: { parent: 'v1', also: ['ghost:v1'] },
    },
    'spoke-b': { v1: { parent: 'hub:v2', also: ['hub:v5'] } },
    orphan: { v1: { parent: 'hub:v5' } },
    'spoke-c': {
      v1: {},
      v2: { parent: 'v1', also: ['hub:v3', 'teacher:v1'] },
    },
    teacher: {
      v1: { scores: { perplexity: 4.2 } },
      v2: { parent: 'v1' },
      v3: { parent: 'distilled:v2', also: ['v2'] },
    },
    distilled: {
      v1: { parent: 'teacher:v2', data: ['distill-set'] },
      v2: { parent: 'v1', deployed: true },
    },
    mixed: {
      '1': { parent: 'hub:v1' },
      '2': { parent: '1' },
      '10': { parent: '2', also: ['1', 'mixed:v1'] },
      v1: { parent: 'hub:v6' },
    },
    lonely: {},
  });
}

async function linkedRegistryStore(): Promise<RegistryStore> {
  const store = createMemoryStore({ initial: linkedRecords() });
  await new ModelRegistry({ store }).deleteVersion('hub', 'v5', { force: true });
  return store;
}

function generatedStore(): RegistryStore {
  const fixture = generateLineageFixture({
    models: 9,
    versionsPerModel: 7,
    familySize: 3,
    mergeEvery: 3,
    deployEvery: 2,
  });
  return createMemoryStore({ initial: fixture.records });
}

async function recordsOf(store: RegistryStore): Promise<ModelRecord[]> {
  const reader = await store.read();
  return reader.modelNames().flatMap((name) => reader.getModel(name) ?? []);
}

/** Every model's tree, Mermaid, DOT and JSON from `modelGraph`, against the whole graph's. */
async function expectSameRenders(store: RegistryStore): Promise<void> {
  const tracker = new LineageTracker({ store });
  const full = await tracker.graph();
  expect(full.modelNames().length).toBeGreaterThan(3);
  for (const modelName of full.modelNames()) {
    const scoped = await tracker.modelGraph(modelName);
    const scope = { model: modelName };
    expect(scoped.buildTree(modelName), modelName).toBe(full.buildTree(modelName));
    expect(scoped.toMermaid(scope), modelName).toBe(full.toMermaid(scope));
    expect(scoped.toDot(scope), modelName).toBe(full.toDot(scope));
    expect(scoped.toJson(scope), modelName).toEqual(full.toJson(scope));
  }
}

describe('LineageTracker.modelGraph renders each model as the whole graph does', () => {
  it('covers merges, cross-model links both ways and missing parents', async () => {
    const store = await linkedRegistryStore();
    const full = await new LineageTracker({ store }).graph();
    // The fixture really holds what the comparison is meant to cover.
    const hub = full.buildTree('hub');
    expect(hub).toContain('v5 [missing]');
    expect(hub).toContain('merge; also from v3');
    expect(hub).toMatch(/parent of .*spoke-a:v1/);
    expect(hub).toMatch(/v5 \[missing\] \(parent of orphan:v1, spoke-b:v1\)/);
    expect(full.buildTree('distilled')).toContain('from teacher:v2');
    expect(full.buildTree('lonely')).toBe('lonely (no versions)');
    expect(full.missingVersions().map((node) => node.id)).toEqual(
      expect.arrayContaining(['hub:v5', 'ghost:v1']),
    );
    await expectSameRenders(store);
  });

  it('on a generated registry', async () => {
    await expectSameRenders(generatedStore());
  });

  it('with a store whose readers name linked models, superset included', async () => {
    await expectSameRenders(linkedStore(await linkedRegistryStore(), ['lonely', 'nowhere']));
    await expectSameRenders(linkedStore(generatedStore(), ['family-0.model_0']));
  });

  it('rejects an unknown model as the whole graph does', async () => {
    for (const store of [await linkedRegistryStore(), linkedStore(await linkedRegistryStore())]) {
      const tracker = new LineageTracker({ store });
      const full = await tracker.graph();
      const expected = catchError(() => full.buildTree('zelda'));
      const error = await rejection(tracker.modelGraph('zelda'));
      expect(isRegistryError(error, 'MODEL_NOT_FOUND')).toBe(true);
      expect(error).toEqual(expected);
      expect((error as { details: unknown }).details).toEqual(
        (expected as { details: unknown }).details,
      );
      const invalid = await rejection(tracker.modelGraph('bad name!'));
      expect(isRegistryError(invalid, 'INVALID_INPUT')).toBe(true);
    }
  });
});

describe('LineageTracker.modelGraph reads only what the model scope needs', () => {
  it('tells the store its intent and reads the model, its linked models and its parents’ models', async () => {
    const inner = await linkedRegistryStore();
    const records = await recordsOf(inner);
    const store = linkedStore(inner, ['lonely', 'nowhere']);
    const tracker = new LineageTracker({ store });
    for (const record of records) {
      const modelName = record.metadata.modelName;
      store.modelsRead.length = 0;
      store.intents.length = 0;
      await tracker.modelGraph(modelName);
      expect(store.intents).toEqual([{ models: [modelName], linksTo: [modelName] }]);
      const expected = new Set([
        modelName,
        ...(store.linkedAnswers.get(modelName) ?? []),
        ...parentModelsOf(record),
      ]);
      expect(new Set(store.modelsRead), modelName).toEqual(expected);
      expect(store.modelsRead.length, `${modelName}: each model read once`).toBe(expected.size);
    }
  });

  it('leaves unrelated models unread', async () => {
    const inner = await linkedRegistryStore();
    const store = linkedStore(inner);
    await new LineageTracker({ store }).modelGraph('hub');
    expect(new Set(store.modelsRead)).toEqual(
      new Set(['hub', ...modelsWithChildrenIn(await recordsOf(inner), 'hub')]),
    );
    expect(store.modelsRead).not.toContain('teacher');
    expect(store.modelsRead).not.toContain('lonely');

    store.modelsRead.length = 0;
    await new LineageTracker({ store }).modelGraph('distilled');
    // teacher holds both a parent and a child of distilled; nothing else is read.
    expect(new Set(store.modelsRead)).toEqual(new Set(['distilled', 'teacher']));
  });

  it('LineageGraph.forModel builds from a reader it is handed', async () => {
    const store = linkedStore(await linkedRegistryStore());
    const reader = await store.read();
    const graph = LineageGraph.forModel(reader, 'distilled');
    expect(graph.modelNames()).toEqual(['distilled', 'teacher']);
    expect(graph.buildTree('distilled')).toBe(
      LineageGraph.fromReader(reader).buildTree('distilled'),
    );
  });
});
