import { describe, expect, it } from 'vitest';
import { expectCode } from '../../test/expect-code.js';
import { type ModelVersion, ModelVersionSchema } from '../schema/records.js';
import { createMemoryStore } from '../store/memory-store.js';
import { diffVersions, type MetricDiff } from './compare.js';
import { ModelRegistry } from './model-registry.js';

function metric(metrics: MetricDiff[], name: string, group?: MetricDiff['group']): MetricDiff {
  const found = metrics.find(
    (m) => m.metric === name && (group === undefined || m.group === group),
  );
  if (found === undefined) throw new Error(`no diff for metric ${name}`);
  return found;
}

function v(version: string, extra: Record<string, unknown> = {}): ModelVersion {
  return ModelVersionSchema.parse({ modelName: 'm', version, ...extra });
}

async function twoVersions(metricDirections?: Record<string, 'higher' | 'lower'>) {
  const registry = new ModelRegistry({
    store: createMemoryStore(),
    clock: () => new Date('2026-01-01T00:00:00.000Z'),
    ...(metricDirections ? { metricDirections } : {}),
  });
  await registry.registerModel({ modelName: 'base', version: 'v1' });
  await registry.registerModel({
    modelName: 'm',
    version: 'v1',
    framework: 'unsloth',
    baseModel: 'llama-3-8b',
    samples: 1000,
    epochs: 3,
    batchSize: 8,
    learningRate: 0.0002,
    maxSeqLength: 2048,
    durationHours: 2,
    costUsd: 4,
    hardware: 'A100',
    trainingNotes: 'first',
    trainingData: ['a.jsonl'],
    loraPath: 'v1/lora',
    ggufPath: 'v1/model.gguf',
    gitCommit: 'aaa111',
    parentVersion: 'base:v1',
    evaluationScores: {
      accuracy: 0.8,
      f1Score: 0.7,
      bleuScore: 0.3,
      qualityScore: 3,
      inferenceSpeedTokensPerSec: 40,
      perplexity: 10,
      latencyMs: 100,
      memoryUsageMb: 4000,
      rougeScores: { rouge1: 0.5, rouge2: 0.3 },
      customMetrics: { helpfulness: 4, toxicity: 0.2, shared: 1 },
    },
  });
  await registry.registerModel({
    modelName: 'm',
    version: 'v2',
    framework: 'unsloth',
    baseModel: 'llama-3-8b',
    samples: 2000,
    epochs: 3,
    batchSize: 16,
    learningRate: 0.0001,
    maxSeqLength: 2048,
    durationHours: 3.5,
    costUsd: 7.25,
    hardware: 'H100',
    trainingNotes: 'second',
    trainingData: ['a.jsonl', 'b.jsonl'],
    loraPath: 'v2/lora',
    ggufPath: 'v1/model.gguf',
    checkpointPath: 'v2/ckpt',
    gitCommit: 'bbb222',
    parentVersion: 'v1',
    evaluationScores: {
      accuracy: 0.85,
      f1Score: 0.65,
      bleuScore: 0.3,
      qualityScore: 3.5,
      inferenceSpeedTokensPerSec: 35,
      perplexity: 9,
      latencyMs: 120,
      memoryUsageMb: 3500,
      rougeScores: { rouge1: 0.45, rougeL: 0.4 },
      customMetrics: { helpfulness: 4.5, toxicity: 0.1, shared: 1 },
    },
  });
  await registry.setDeployed('m', 'v1');
  return registry;
}

describe('compareVersions', () => {
  it('diffs every training parameter', async () => {
    const registry = await twoVersions();
    const diff = await registry.compareVersions('m', 'v1', 'v2');
    expect(diff.modelName).toBe('m');
    expect(diff.a).toBe('v1');
    expect(diff.b).toBe('v2');
    expect(diff.training).toEqual([
      { field: 'framework', a: 'unsloth', b: 'unsloth', changed: false },
      { field: 'baseModel', a: 'llama-3-8b', b: 'llama-3-8b', changed: false },
      { field: 'samples', a: 1000, b: 2000, changed: true },
      { field: 'epochs', a: 3, b: 3, changed: false },
      { field: 'batchSize', a: 8, b: 16, changed: true },
      { field: 'learningRate', a: 0.0002, b: 0.0001, changed: true },
      { field: 'maxSeqLength', a: 2048, b: 2048, changed: false },
      { field: 'durationHours', a: 2, b: 3.5, changed: true },
      { field: 'costUsd', a: 4, b: 7.25, changed: true },
      { field: 'hardware', a: 'A100', b: 'H100', changed: true },
      { field: 'notes', a: 'first', b: 'second', changed: true },
    ]);
  });

  it('diffs status, deployment, parent, files, data sources and git commit', async () => {
    const registry = await twoVersions();
    const diff = await registry.compareVersions('m', 'v1', 'v2');
    expect(diff.status).toEqual({ field: 'status', a: 'deployed', b: 'draft', changed: true });
    expect(diff.deployed).toEqual({ field: 'deployed', a: true, b: false, changed: true });
    expect(diff.parentVersion).toEqual({
      field: 'parentVersion',
      a: 'base:v1',
      b: 'v1',
      changed: true,
    });
    expect(diff.files).toEqual([
      { field: 'loraPath', a: 'v1/lora', b: 'v2/lora', changed: true },
      { field: 'ggufPath', a: 'v1/model.gguf', b: 'v1/model.gguf', changed: false },
      { field: 'checkpointPath', a: undefined, b: 'v2/ckpt', changed: true },
      { field: 'configPath', a: undefined, b: undefined, changed: false },
    ]);
    expect(diff.trainingDataSources).toEqual({
      field: 'trainingDataSources',
      a: ['a.jsonl'],
      b: ['a.jsonl', 'b.jsonl'],
      changed: true,
    });
    expect(diff.gitCommit).toEqual({ field: 'gitCommit', a: 'aaa111', b: 'bbb222', changed: true });
  });

  it('diffs every standard metric with both values, rounded delta and the better side', async () => {
    const registry = await twoVersions();
    const { metrics } = await registry.compareVersions('m', 'v1', 'v2');
    const standard = metrics.filter((m) => m.group === 'standard');
    expect(standard).toEqual([
      {
        metric: 'accuracy',
        group: 'standard',
        a: 0.8,
        b: 0.85,
        delta: 0.05,
        direction: 'higher',
        better: 'b',
      },
      {
        metric: 'qualityScore',
        group: 'standard',
        a: 3,
        b: 3.5,
        delta: 0.5,
        direction: 'higher',
        better: 'b',
      },
      {
        metric: 'f1Score',
        group: 'standard',
        a: 0.7,
        b: 0.65,
        delta: -0.05,
        direction: 'higher',
        better: 'a',
      },
      {
        metric: 'perplexity',
        group: 'standard',
        a: 10,
        b: 9,
        delta: -1,
        direction: 'lower',
        better: 'b',
      },
      {
        metric: 'bleuScore',
        group: 'standard',
        a: 0.3,
        b: 0.3,
        delta: 0,
        direction: 'higher',
        better: 'same',
      },
      {
        metric: 'inferenceSpeedTokensPerSec',
        group: 'standard',
        a: 40,
        b: 35,
        delta: -5,
        direction: 'higher',
        better: 'a',
      },
      {
        metric: 'memoryUsageMb',
        group: 'standard',
        a: 4000,
        b: 3500,
        delta: -500,
        direction: 'lower',
        better: 'b',
      },
      {
        metric: 'latencyMs',
        group: 'standard',
        a: 100,
        b: 120,
        delta: 20,
        direction: 'lower',
        better: 'a',
      },
    ]);
  });

  it('diffs ROUGE metrics as higher-is-better, including one-sided ones', async () => {
    const registry = await twoVersions();
    const { metrics } = await registry.compareVersions('m', 'v1', 'v2');
    expect(metrics.filter((m) => m.group === 'rouge')).toEqual([
      {
        metric: 'rouge1',
        group: 'rouge',
        a: 0.5,
        b: 0.45,
        delta: -0.05,
        direction: 'higher',
        better: 'a',
      },
      {
        metric: 'rouge2',
        group: 'rouge',
        a: 0.3,
        b: undefined,
        delta: undefined,
        direction: 'higher',
        better: undefined,
      },
      {
        metric: 'rougeL',
        group: 'rouge',
        a: undefined,
        b: 0.4,
        delta: undefined,
        direction: 'higher',
        better: undefined,
      },
    ]);
  });

  it('gives custom metrics an unknown direction by default', async () => {
    const registry = await twoVersions();
    const { metrics } = await registry.compareVersions('m', 'v1', 'v2');
    expect(metrics.filter((m) => m.group === 'custom')).toEqual([
      {
        metric: 'helpfulness',
        group: 'custom',
        a: 4,
        b: 4.5,
        delta: 0.5,
        direction: undefined,
        better: undefined,
      },
      {
        metric: 'shared',
        group: 'custom',
        a: 1,
        b: 1,
        delta: 0,
        direction: undefined,
        better: undefined,
      },
      {
        metric: 'toxicity',
        group: 'custom',
        a: 0.2,
        b: 0.1,
        delta: -0.1,
        direction: undefined,
        better: undefined,
      },
    ]);
  });

  it('uses metricDirections declared on the registry for custom metrics', async () => {
    const registry = await twoVersions({
      helpfulness: 'higher',
      toxicity: 'lower',
      shared: 'lower',
    });
    const { metrics } = await registry.compareVersions('m', 'v1', 'v2');
    expect(metric(metrics, 'helpfulness')).toMatchObject({ direction: 'higher', better: 'b' });
    expect(metric(metrics, 'toxicity')).toMatchObject({ direction: 'lower', better: 'b' });
    expect(metric(metrics, 'shared')).toMatchObject({ direction: 'lower', better: 'same' });
    // Swapping the sides negates the delta and swaps the better side.
    const reversed = await registry.compareVersions('m', 'v2', 'v1');
    expect(metric(reversed.metrics, 'helpfulness')).toMatchObject({ delta: -0.5, better: 'a' });
  });

  it('comparing a version with itself reports nothing changed and every metric the same', async () => {
    const registry = await twoVersions();
    const diff = await registry.compareVersions('m', 'v2', 'v2');
    expect(diff.training.every((f) => !f.changed)).toBe(true);
    expect(diff.files.every((f) => !f.changed)).toBe(true);
    for (const m of diff.metrics) {
      expect(m.delta).toBe(0);
      if (m.direction !== undefined) expect(m.better).toBe('same');
    }
  });

  it('names the missing model or version', async () => {
    const registry = await twoVersions();
    await expectCode(registry.compareVersions('ghost', 'v1', 'v2'), 'MODEL_NOT_FOUND');
    const error = await expectCode(registry.compareVersions('m', 'v1', 'v3'), 'VERSION_NOT_FOUND');
    expect(error.message).toContain('"v3"');
    expect(error.message).toContain('Known versions: v1, v2.');
    await expectCode(registry.compareVersions('m', 'v0', 'v1'), 'VERSION_NOT_FOUND');
    await expectCode(registry.compareVersions('m', 'v1', 'toString'), 'INVALID_INPUT');
  });
});

describe('diffVersions', () => {
  it('lists only the standard metrics that either side has', () => {
    const diff = diffVersions(
      v('v1', { evaluationScores: { accuracy: 0.5 } }),
      v('v2', { evaluationScores: { latencyMs: 10 } }),
    );
    expect(diff.metrics).toEqual([
      {
        metric: 'accuracy',
        group: 'standard',
        a: 0.5,
        b: undefined,
        delta: undefined,
        direction: 'higher',
        better: undefined,
      },
      {
        metric: 'latencyMs',
        group: 'standard',
        a: undefined,
        b: 10,
        delta: undefined,
        direction: 'lower',
        better: undefined,
      },
    ]);
  });

  it('rounds deltas so that binary floating point noise disappears', () => {
    const diff = diffVersions(
      v('v1', { evaluationScores: { accuracy: 0.1, customMetrics: { x: 0.3 } } }),
      v('v2', { evaluationScores: { accuracy: 0.3, customMetrics: { x: 0.1 } } }),
    );
    expect(metric(diff.metrics, 'accuracy').delta).toBe(0.2);
    expect(metric(diff.metrics, 'x').delta).toBe(-0.2);
  });

  it('decides the better side from each direction', () => {
    const higher = diffVersions(
      v('v1', { evaluationScores: { accuracy: 0.9, perplexity: 5 } }),
      v('v2', { evaluationScores: { accuracy: 0.8, perplexity: 6 } }),
    );
    expect(metric(higher.metrics, 'accuracy').better).toBe('a');
    expect(metric(higher.metrics, 'perplexity').better).toBe('a');
    const custom = diffVersions(
      v('v1', { evaluationScores: { customMetrics: { cost: 2, wins: 2 } } }),
      v('v2', { evaluationScores: { customMetrics: { cost: 1, wins: 3 } } }),
      { cost: 'lower', wins: 'higher' },
    );
    expect(metric(custom.metrics, 'cost')).toMatchObject({ direction: 'lower', better: 'b' });
    expect(metric(custom.metrics, 'wins')).toMatchObject({ direction: 'higher', better: 'b' });
  });

  it('does not take a direction for a custom metric from Object.prototype', () => {
    const diff = diffVersions(
      v('v1', { evaluationScores: { customMetrics: { toString: 1 } } }),
      v('v2', { evaluationScores: { customMetrics: { toString: 2 } } }),
      {},
    );
    expect(metric(diff.metrics, 'toString')).toMatchObject({
      direction: undefined,
      better: undefined,
    });
  });

  it('marks unchanged fields when both sides lack them', () => {
    const diff = diffVersions(v('v1'), v('v2'));
    expect(diff.metrics).toEqual([]);
    expect(diff.parentVersion).toEqual({
      field: 'parentVersion',
      a: undefined,
      b: undefined,
      changed: false,
    });
    expect(diff.gitCommit.changed).toBe(false);
    expect(diff.trainingDataSources).toEqual({
      field: 'trainingDataSources',
      a: [],
      b: [],
      changed: false,
    });
    expect(diff.status).toEqual({ field: 'status', a: 'draft', b: 'draft', changed: false });
  });
});
