import { describe, expect, it } from 'vitest';
import { expectCode } from '../../test/expect-code.js';
import { RegistryError, type RegistryErrorCode } from '../errors.js';
import type { EvaluationScores } from '../schema/evaluation.js';
import { createMemoryStore } from '../store/memory-store.js';
import { ModelRegistry } from './model-registry.js';
import { mergeScores, type ScoresUpdate } from './scores.js';

const empty = (): EvaluationScores => ({ rougeScores: {}, customMetrics: {} });

function codeOf(run: () => unknown): RegistryErrorCode | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return (error as RegistryError).code;
  }
  return undefined;
}

async function registryWithV1() {
  const registry = new ModelRegistry({
    store: createMemoryStore(),
    clock: () => new Date('2026-01-01T00:00:00.000Z'),
  });
  await registry.registerModel({
    modelName: 'm',
    evaluationScores: {
      accuracy: 0.8,
      perplexity: 12,
      rougeScores: { rouge1: 0.4, rouge2: 0.2 },
      customMetrics: { toxicity: 0.1 },
    },
  });
  return registry;
}

describe('mergeScores', () => {
  it('puts known metrics in their fields by camelCase name', () => {
    const update: ScoresUpdate = {
      accuracy: 0.9,
      qualityScore: 4,
      f1Score: 0.7,
      perplexity: 8.5,
      bleuScore: 0.3,
      inferenceSpeedTokensPerSec: 42,
      memoryUsageMb: 5000,
      latencyMs: 120,
    };
    expect(mergeScores(empty(), update)).toEqual({ ...update, rougeScores: {}, customMetrics: {} });
  });

  it.each([
    ['quality_score', 'qualityScore'],
    ['f1_score', 'f1Score'],
    ['f1', 'f1Score'],
    ['bleu_score', 'bleuScore'],
    ['bleu', 'bleuScore'],
    ['inference_speed_tokens_per_sec', 'inferenceSpeedTokensPerSec'],
    ['speed', 'inferenceSpeedTokensPerSec'],
    ['memory_usage_mb', 'memoryUsageMb'],
    ['latency_ms', 'latencyMs'],
  ])('maps the snake_case alias %s to %s', (alias, field) => {
    expect(mergeScores(empty(), { [alias]: 0.5 })).toEqual({
      [field]: 0.5,
      rougeScores: {},
      customMetrics: {},
    });
  });

  it('merges rougeScores and customMetrics maps, under either spelling', () => {
    const current: EvaluationScores = {
      accuracy: 0.5,
      rougeScores: { rouge1: 0.1, rouge2: 0.2 },
      customMetrics: { a: 1, b: 2 },
    };
    const merged = mergeScores(current, {
      rougeScores: { rouge1: 0.3 },
      rouge: { rougeL: 0.4 },
      rouge_scores: { rougeLsum: 0.5 },
      customMetrics: { a: 10 },
      custom_metrics: { c: 3 },
    });
    expect(merged).toEqual({
      accuracy: 0.5,
      rougeScores: { rouge1: 0.3, rouge2: 0.2, rougeL: 0.4, rougeLsum: 0.5 },
      customMetrics: { a: 10, b: 2, c: 3 },
    });
  });

  it('puts any other name into customMetrics', () => {
    expect(mergeScores(empty(), { helpfulness: 4.2, 'win-rate': 0.6, Accuracy: 1 })).toEqual({
      rougeScores: {},
      customMetrics: { helpfulness: 4.2, 'win-rate': 0.6, Accuracy: 1 },
    });
  });

  it('keeps names that exist on Object.prototype as ordinary custom metrics', () => {
    expect(
      mergeScores(empty(), { constructor: 1, toString: 2, hasOwnProperty: 3, valueOf: 4 }),
    ).toEqual({
      rougeScores: {},
      customMetrics: { constructor: 1, toString: 2, hasOwnProperty: 3, valueOf: 4 },
    });
  });

  it('null removes a metric', () => {
    const current: EvaluationScores = {
      accuracy: 0.5,
      latencyMs: 20,
      rougeScores: { rouge1: 0.1, rouge2: 0.2 },
      customMetrics: { a: 1, b: 2 },
    };
    const merged = mergeScores(current, {
      accuracy: null,
      latency_ms: null,
      rougeScores: { rouge1: null },
      customMetrics: { a: null },
      b: null,
      missing: null,
    });
    expect(merged).toEqual({ rougeScores: { rouge2: 0.2 }, customMetrics: {} });
    expect('accuracy' in merged).toBe(false);
  });

  it('never mutates the current scores', () => {
    const current: EvaluationScores = {
      accuracy: 0.5,
      rougeScores: { rouge1: 0.1 },
      customMetrics: { a: 1 },
    };
    const snapshot = structuredClone(current);
    const merged = mergeScores(current, { accuracy: 0.6, rouge1: 0.2, rouge: { x: 1 }, a: null });
    expect(current).toEqual(snapshot);
    expect(merged.rougeScores).not.toBe(current.rougeScores);
    expect(merged.customMetrics).not.toBe(current.customMetrics);
  });

  it.each([
    ['NaN', { accuracy: Number.NaN }],
    ['Infinity', { perplexity: Number.POSITIVE_INFINITY }],
    ['-Infinity', { custom: Number.NEGATIVE_INFINITY }],
    ['a string', { accuracy: '0.9' }],
    ['a boolean', { latency_ms: true }],
    ['an object for a known metric', { accuracy: { value: 1 } }],
    ['an object for a custom metric', { custom: { value: 1 } }],
    ['NaN inside rougeScores', { rougeScores: { rouge1: Number.NaN } }],
    ['a string inside customMetrics', { customMetrics: { a: 'x' } }],
    ['a number for rougeScores', { rougeScores: 1 }],
    ['null for customMetrics', { custom_metrics: null }],
    ['an array for rougeScores', { rouge: [1, 2] }],
  ])('refuses %s with INVALID_INPUT', (_label, update) => {
    const current = empty();
    expect(codeOf(() => mergeScores(current, update as unknown as ScoresUpdate))).toBe(
      'INVALID_INPUT',
    );
    expect(current).toEqual(empty());
  });

  it('names the metric and value in the message', () => {
    try {
      mergeScores(empty(), { rougeScores: { rouge1: Number.POSITIVE_INFINITY } });
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as RegistryError).message).toContain('rougeScores.rouge1');
      expect((error as RegistryError).message).toContain('Infinity');
      expect((error as RegistryError).details).toMatchObject({ metric: 'rougeScores.rouge1' });
    }
  });

  it('refuses "__proto__" and empty or overlong metric names', () => {
    const proto = JSON.parse('{"__proto__": 1}') as ScoresUpdate;
    expect(codeOf(() => mergeScores(empty(), proto))).toBe('INVALID_INPUT');
    const nestedProto = JSON.parse('{"customMetrics": {"__proto__": 1}}') as ScoresUpdate;
    expect(codeOf(() => mergeScores(empty(), nestedProto))).toBe('INVALID_INPUT');
    const rougeProto = JSON.parse('{"rouge": {"__proto__": 1}}') as ScoresUpdate;
    expect(codeOf(() => mergeScores(empty(), rougeProto))).toBe('INVALID_INPUT');
    expect(codeOf(() => mergeScores(empty(), { '': 1 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => mergeScores(empty(), { ['m'.repeat(129)]: 1 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => mergeScores(empty(), { customMetrics: { '': 1 } }))).toBe('INVALID_INPUT');
    expect(codeOf(() => mergeScores(empty(), { ['m'.repeat(128)]: 1 }))).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('updateEvaluationScores', () => {
  it('merges into the stored scores and returns the version', async () => {
    const registry = await registryWithV1();
    const updated = await registry.updateEvaluationScores('m', 'v1', {
      accuracy: 0.85,
      bleu_score: 0.33,
      rouge: { rougeL: 0.35 },
      customMetrics: { toxicity: null },
      helpfulness: 4.5,
      perplexity: null,
    });
    const expected = {
      accuracy: 0.85,
      bleuScore: 0.33,
      rougeScores: { rouge1: 0.4, rouge2: 0.2, rougeL: 0.35 },
      customMetrics: { helpfulness: 4.5 },
    };
    expect(updated.evaluationScores).toEqual(expected);
    expect((await registry.getVersion('m', 'v1'))?.evaluationScores).toEqual(expected);
  });

  it('stores custom metrics named like Object.prototype members under their own name', async () => {
    const registry = await registryWithV1();
    await registry.updateEvaluationScores('m', 'v1', { constructor: 0.5, toString: 0.25 });
    expect((await registry.getVersion('m', 'v1'))?.evaluationScores.customMetrics).toEqual({
      toxicity: 0.1,
      constructor: 0.5,
      toString: 0.25,
    });
  });

  it('refuses non-finite numbers and non-numbers, storing nothing', async () => {
    const registry = await registryWithV1();
    const before = await registry.getVersion('m', 'v1');
    for (const update of [
      { accuracy: Number.NaN },
      { accuracy: Number.POSITIVE_INFINITY },
      { custom: Number.NEGATIVE_INFINITY },
      { rouge: { rouge1: Number.NaN } },
      { accuracy: 0.99, latencyMs: 'fast' },
      { custom: [1] },
    ]) {
      const error = await expectCode(
        registry.updateEvaluationScores('m', 'v1', update as unknown as ScoresUpdate),
        'INVALID_INPUT',
      );
      expect(error.message).toContain('finite number');
    }
    expect(await registry.getVersion('m', 'v1')).toEqual(before);
  });

  it('refuses a "__proto__" metric name and leaves Object.prototype untouched', async () => {
    const registry = await registryWithV1();
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const text of [
      '{"__proto__": 1}',
      '{"__proto__": {"polluted": 1}}',
      '{"customMetrics": {"__proto__": 1}}',
      '{"rougeScores": {"__proto__": 1}}',
    ]) {
      const error = await expectCode(
        registry.updateEvaluationScores('m', 'v1', JSON.parse(text) as ScoresUpdate),
        'INVALID_INPUT',
      );
      expect(error.message).toContain('__proto__');
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const stored = await registry.getVersion('m', 'v1');
    expect(Object.getPrototypeOf(stored?.evaluationScores.customMetrics)).toBe(Object.prototype);
    expect(stored?.evaluationScores.customMetrics).toEqual({ toxicity: 0.1 });
  });

  it('refuses unknown models and versions', async () => {
    const registry = await registryWithV1();
    await expectCode(
      registry.updateEvaluationScores('m', 'v2', { accuracy: 1 }),
      'VERSION_NOT_FOUND',
    );
    await expectCode(
      registry.updateEvaluationScores('ghost', 'v1', { accuracy: 1 }),
      'MODEL_NOT_FOUND',
    );
  });
});
