import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type EvaluationScores,
  EvaluationScoresSchema,
  isKnownMetric,
  KNOWN_METRICS,
  METRIC_DIRECTIONS,
} from './evaluation.js';
import { ModelNameSchema, TimestampSchema, VersionRefSchema, VersionSchema } from './primitives.js';
import {
  DEPLOYMENT_ACTIONS,
  type DeploymentEvent,
  DeploymentEventSchema,
  type ModelMetadata,
  ModelMetadataSchema,
  type ModelRecord,
  ModelRecordSchema,
  type ModelVersion,
  ModelVersionSchema,
  parentRefs,
} from './records.js';
import { VERSION_STATUSES, type VersionStatus, VersionStatusSchema } from './status.js';
import { type TrainingMetadata, TrainingMetadataSchema } from './training.js';

const at = '2026-01-01T00:00:00.000Z';

describe('VersionStatus', () => {
  it('accepts exactly the six statuses', () => {
    expect(VERSION_STATUSES).toEqual([
      'draft',
      'training',
      'completed',
      'deployed',
      'deprecated',
      'archived',
    ]);
    for (const status of VERSION_STATUSES) expect(VersionStatusSchema.parse(status)).toBe(status);
    expect(VersionStatusSchema.safeParse('live').success).toBe(false);
    expect(VersionStatusSchema.safeParse('DEPLOYED').success).toBe(false);
    expectTypeOf<VersionStatus>().toEqualTypeOf<
      'draft' | 'training' | 'completed' | 'deployed' | 'deprecated' | 'archived'
    >();
  });
});

describe('TrainingMetadata', () => {
  it('keeps every field and defaults notes', () => {
    const full: TrainingMetadata = {
      framework: 'mlx',
      baseModel: 'mistral-7b',
      samples: 10,
      epochs: 1.5,
      batchSize: 4,
      learningRate: 1e-5,
      maxSeqLength: 4096,
      durationHours: 0.5,
      costUsd: 0,
      hardware: 'M2 Ultra',
      notes: 'n',
    };
    expect(TrainingMetadataSchema.parse(full)).toEqual(full);
    expect(TrainingMetadataSchema.parse({})).toEqual({ notes: '' });
    expectTypeOf<TrainingMetadata['samples']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TrainingMetadata['notes']>().toEqualTypeOf<string>();
  });

  it.each([
    ['samples', -1],
    ['samples', 1.5],
    ['batchSize', 0.5],
    ['maxSeqLength', -10],
    ['epochs', -0.1],
    ['learningRate', 0],
    ['learningRate', -1],
    ['durationHours', -1],
    ['costUsd', -0.01],
    ['samples', Number.NaN],
    ['epochs', Number.POSITIVE_INFINITY],
    ['learningRate', Number.POSITIVE_INFINITY],
    ['costUsd', Number.NaN],
    ['durationHours', Number.POSITIVE_INFINITY],
    ['framework', 3],
  ])('refuses %s = %s', (field, value) => {
    expect(TrainingMetadataSchema.safeParse({ [field]: value }).success).toBe(false);
  });
});

describe('EvaluationScores', () => {
  it('keeps every metric and defaults the maps', () => {
    const full: EvaluationScores = {
      accuracy: 0.9,
      qualityScore: 4,
      f1Score: 0.8,
      perplexity: 7,
      bleuScore: 0.2,
      rougeScores: { rouge1: 0.4 },
      inferenceSpeedTokensPerSec: 30,
      memoryUsageMb: 1000,
      latencyMs: 50,
      customMetrics: { helpfulness: 4 },
    };
    expect(EvaluationScoresSchema.parse(full)).toEqual(full);
    expect(EvaluationScoresSchema.parse({})).toEqual({ rougeScores: {}, customMetrics: {} });
    expectTypeOf<EvaluationScores['rougeScores']>().toEqualTypeOf<Record<string, number>>();
    expectTypeOf<EvaluationScores['accuracy']>().toEqualTypeOf<number | undefined>();
  });

  it.each([
    { accuracy: Number.NaN },
    { perplexity: Number.POSITIVE_INFINITY },
    { latencyMs: Number.NEGATIVE_INFINITY },
    { rougeScores: { rouge1: Number.NaN } },
    { customMetrics: { x: Number.POSITIVE_INFINITY } },
    { customMetrics: { x: '1' } },
    { customMetrics: { '': 1 } },
    { rougeScores: { ['r'.repeat(129)]: 1 } },
  ])('refuses %o', (scores) => {
    expect(EvaluationScoresSchema.safeParse(scores).success).toBe(false);
  });

  it('knows the standard metrics and their directions', () => {
    expect([...KNOWN_METRICS].sort()).toEqual(Object.keys(METRIC_DIRECTIONS).sort());
    expect(METRIC_DIRECTIONS).toEqual({
      accuracy: 'higher',
      qualityScore: 'higher',
      f1Score: 'higher',
      perplexity: 'lower',
      bleuScore: 'higher',
      inferenceSpeedTokensPerSec: 'higher',
      memoryUsageMb: 'lower',
      latencyMs: 'lower',
    });
    expect(isKnownMetric('accuracy')).toBe(true);
    expect(isKnownMetric('rougeScores')).toBe(false);
    expect(isKnownMetric('f1_score')).toBe(false);
    expect(isKnownMetric('toString')).toBe(false);
  });
});

describe('primitives', () => {
  it('ModelNameSchema and VersionSchema use the name allow-list', () => {
    for (const schema of [ModelNameSchema, VersionSchema]) {
      expect(schema.parse('ok-1.2_x')).toBe('ok-1.2_x');
      for (const bad of ['', 'a b', '-x', 'a..b', 'x'.repeat(129), 'constructor', '__proto__']) {
        expect(schema.safeParse(bad).success).toBe(false);
      }
      expect(schema.safeParse(1).success).toBe(false);
    }
    const result = VersionSchema.safeParse('a..b');
    expect(result.success ? '' : result.error.issues[0]?.message).toContain('".."');
  });

  it('VersionRefSchema accepts same-model and cross-model references', () => {
    expect(VersionRefSchema.parse('v1')).toBe('v1');
    expect(VersionRefSchema.parse('other-model:v2')).toBe('other-model:v2');
    for (const bad of [
      '',
      ':v1',
      'm:',
      'm:v1:x',
      'bad model:v1',
      'm:..',
      'toString',
      'prototype:v1',
    ]) {
      const result = VersionRefSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.success ? '' : result.error.issues[0]?.message).toContain('parent reference');
    }
  });

  it('TimestampSchema accepts ISO-8601, including the Python form', () => {
    expect(TimestampSchema.parse(at)).toBe(at);
    expect(TimestampSchema.parse('2026-01-14T12:00:00.123456+00:00')).toBeDefined();
    expect(TimestampSchema.safeParse('yesterday').success).toBe(false);
    expect(TimestampSchema.safeParse('').success).toBe(false);
  });
});

describe('ModelVersion', () => {
  it('fills every default', () => {
    const parsed = ModelVersionSchema.parse({ modelName: 'm', version: 'v1' });
    expect(parsed).toEqual({
      modelName: 'm',
      version: 'v1',
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
  });

  it('keeps every field', () => {
    const full: ModelVersion = {
      modelName: 'm',
      version: 'v2',
      createdAt: at,
      status: 'deployed',
      loraPath: 'l',
      ggufPath: 'g',
      checkpointPath: 'c',
      configPath: 'cfg',
      training: { framework: 'unsloth', samples: 3, notes: 't' },
      evaluationScores: { accuracy: 1, rougeScores: {}, customMetrics: { x: 1 } },
      parentVersion: 'other:v1',
      additionalParents: ['v1'],
      trainingDataSources: ['d'],
      gitCommit: 'abc',
      deployed: true,
      deployedAt: at,
      deploymentNotes: 'dn',
      tags: ['t'],
      notes: 'n',
    };
    expect(ModelVersionSchema.parse(full)).toEqual(full);
    expectTypeOf<ModelVersion['status']>().toEqualTypeOf<VersionStatus>();
    expectTypeOf<ModelVersion['training']>().toEqualTypeOf<TrainingMetadata>();
    expectTypeOf<ModelVersion['evaluationScores']>().toEqualTypeOf<EvaluationScores>();
    expectTypeOf<ModelVersion['parentVersion']>().toEqualTypeOf<string | undefined>();
  });

  it('gives every parse fresh default objects', () => {
    const first = ModelVersionSchema.parse({ modelName: 'm', version: 'v1' });
    first.tags.push('changed');
    first.training.notes = 'changed';
    first.evaluationScores.rougeScores.rouge1 = 1;
    first.evaluationScores.customMetrics.x = 1;
    const second = ModelVersionSchema.parse({ modelName: 'm', version: 'v2' });
    // Undo the changes so that a shared default cannot leak into other tests.
    delete first.evaluationScores.rougeScores.rouge1;
    delete first.evaluationScores.customMetrics.x;
    expect(second.tags).toEqual([]);
    expect(second.training).toEqual({ notes: '' });
    expect(second.evaluationScores.rougeScores).not.toBe(first.evaluationScores.rougeScores);
    expect(second.evaluationScores.customMetrics).not.toBe(first.evaluationScores.customMetrics);
  });

  it.each([
    ['an invalid version', { version: 'a b' }],
    ['an unknown status', { status: 'live' }],
    ['a bad parent reference', { parentVersion: 'x:' }],
    ['a bad additional parent', { additionalParents: ['..'] }],
    ['a bad timestamp', { createdAt: 'soon' }],
    ['a non-finite training number', { training: { epochs: Number.NaN } }],
    ['a non-finite score', { evaluationScores: { accuracy: Number.POSITIVE_INFINITY } }],
    ['a non-boolean deployed flag', { deployed: 'yes' }],
  ])('refuses %s', (_label, patch) => {
    expect(ModelVersionSchema.safeParse({ modelName: 'm', version: 'v1', ...patch }).success).toBe(
      false,
    );
  });

  it('parentRefs lists every parent, primary first', () => {
    expect(parentRefs({ parentVersion: 'v1', additionalParents: ['x:v2', 'v3'] })).toEqual([
      'v1',
      'x:v2',
      'v3',
    ]);
    expect(parentRefs({ parentVersion: undefined, additionalParents: ['v3'] })).toEqual(['v3']);
    expect(parentRefs({ parentVersion: undefined, additionalParents: [] })).toEqual([]);
  });
});

describe('ModelMetadata', () => {
  it('fills defaults and keeps every field', () => {
    expect(ModelMetadataSchema.parse({ modelName: 'm' })).toEqual({
      modelName: 'm',
      description: '',
      owner: '',
      tags: [],
      notes: '',
    });
    const full: ModelMetadata = {
      modelName: 'm',
      description: 'd',
      owner: 'o',
      tags: ['t'],
      notes: 'n',
      createdAt: at,
    };
    expect(ModelMetadataSchema.parse(full)).toEqual(full);
    expect(ModelMetadataSchema.safeParse({ modelName: '..' }).success).toBe(false);
    expect(ModelMetadataSchema.safeParse({ modelName: 'm', tags: [1] }).success).toBe(false);
  });
});

describe('DeploymentEvent', () => {
  it('keeps every field and knows the three actions', () => {
    expect(DEPLOYMENT_ACTIONS).toEqual(['deploy', 'undeploy', 'rollback']);
    const event: DeploymentEvent = {
      version: 'v2',
      action: 'rollback',
      at,
      previousVersion: 'v1',
      notes: 'n',
    };
    expect(DeploymentEventSchema.parse(event)).toEqual(event);
    expect(DeploymentEventSchema.parse({ version: 'v1', action: 'deploy', at })).toEqual({
      version: 'v1',
      action: 'deploy',
      at,
    });
    expectTypeOf<DeploymentEvent['action']>().toEqualTypeOf<'deploy' | 'undeploy' | 'rollback'>();
  });

  it.each([
    { version: 'v1', action: 'promote', at },
    { version: 'v1', action: 'deploy' },
    { version: 'v1', action: 'deploy', at: 'later' },
    { version: '..', action: 'deploy', at },
    { version: 'v1', action: 'deploy', at, previousVersion: 'a b' },
  ])('refuses %o', (event) => {
    expect(DeploymentEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('ModelRecord', () => {
  it('fills defaults', () => {
    const record: ModelRecord = ModelRecordSchema.parse({
      metadata: { modelName: 'm' },
      versions: { v1: { modelName: 'm', version: 'v1' } },
    });
    expect(record.deployments).toEqual([]);
    expect(record.versions.v1?.status).toBe('draft');
    expect(record.metadata.owner).toBe('');
  });

  it('refuses a version stored under another key', () => {
    const result = ModelRecordSchema.safeParse({
      metadata: { modelName: 'm' },
      versions: { v1: { modelName: 'm', version: 'v2' } },
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues[0]?.path).toEqual(['versions', 'v1']);
      expect(result.error.issues[0]?.message).toContain('m:v2');
      expect(result.error.issues[0]?.message).toContain('m:v1');
    }
  });

  it('refuses a version of another model', () => {
    const result = ModelRecordSchema.safeParse({
      metadata: { modelName: 'm' },
      versions: { v1: { modelName: 'other', version: 'v1' } },
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.message).toContain('other:v1');
  });

  it('refuses invalid version keys and invalid events', () => {
    expect(
      ModelRecordSchema.safeParse({
        metadata: { modelName: 'm' },
        versions: { 'a b': { modelName: 'm', version: 'a b' } },
      }).success,
    ).toBe(false);
    expect(
      ModelRecordSchema.safeParse({
        metadata: { modelName: 'm' },
        versions: {},
        deployments: [{ version: 'v1', action: 'explode', at }],
      }).success,
    ).toBe(false);
  });
});

describe('own "__proto__" keys', () => {
  it('are refused with a path, not silently dropped', () => {
    const versions = JSON.parse('{"__proto__": {"modelName": "m", "version": "v1"}}');
    const result = ModelRecordSchema.safeParse({ metadata: { modelName: 'm' }, versions });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['versions', '__proto__']);
    const scores = EvaluationScoresSchema.safeParse({
      customMetrics: JSON.parse('{"__proto__": 1}'),
    });
    expect(scores.success).toBe(false);
    expect(({} as Record<string, unknown>).modelName).toBeUndefined();
  });
});
