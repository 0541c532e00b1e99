import type { ModelRecord } from '@afs/registry-core';

const T1 = '2026-11-27T07:23:22.391225+00:00';
const T2 = '2026-11-28T09:00:00.000Z';
const T3 = '2026-11-29T18:30:05.5Z';

/**
 * A record with every field of every part set to a non-default value: all
 * training fields, all metrics (ROUGE and custom too), file paths, parents,
 * data sources, git commit, deployment fields, tags, notes, deployment
 * history and metadata. Timestamps use several ISO-8601 spellings, which a
 * store must keep verbatim.
 */
export function fullModelRecord(modelName = 'conformance-full'): ModelRecord {
  return {
    metadata: {
      modelName,
      description: 'Every field set — ünïcödé, emoji 🚀, quotes "x" and a\nnewline',
      owner: 'lab-42',
      tags: ['tutor', 'production', ''],
      notes: 'metadata notes',
      createdAt: T1,
    },
    versions: {
      v1: {
        modelName,
        version: 'v1',
        createdAt: T1,
        status: 'deprecated',
        loraPath: '/models/full-v1-lora',
        ggufPath: '/models/full-v1-Q8_0.gguf',
        checkpointPath: '/ckpt/full-v1',
        configPath: '/ckpt/full-v1/config.json',
        training: {
          framework: 'unsloth',
          baseModel: 'Qwen2.5-Coder-7B',
          samples: 223,
          epochs: 3,
          batchSize: 16,
          learningRate: 0.0002,
          maxSeqLength: 4096,
          durationHours: 2.5,
          costUsd: 0.8,
          hardware: 'A100 80GB',
          notes: 'first run',
        },
        evaluationScores: {
          accuracy: 0.85,
          qualityScore: 7.5,
          f1Score: 0.82,
          perplexity: 5.25,
          bleuScore: 0.31,
          rougeScores: { rouge1: 0.5, rouge2: 0.25, rougeL: 0.45 },
          inferenceSpeedTokensPerSec: 120,
          memoryUsageMb: 8192,
          latencyMs: 35.5,
          customMetrics: { tool_use: 0.6, 'pass@1': 0.4, negative: -1.5, tiny: 1e-12 },
        },
        additionalParents: [],
        trainingDataSources: ['asm-qa', 'asm-qa-2'],
        gitCommit: '0a1b2c3d4e5f',
        deployed: false,
        deployedAt: T2,
        deploymentNotes: 'superseded by v2',
        tags: ['first'],
        notes: 'version notes',
      },
      v2: {
        modelName,
        version: 'v2',
        createdAt: T2,
        status: 'deployed',
        loraPath: '/models/full-v2-lora',
        ggufPath: '/models/full-v2-Q4_K_M.gguf',
        checkpointPath: '/ckpt/full-v2',
        configPath: '/ckpt/full-v2/config.json',
        training: {
          framework: 'mlx',
          baseModel: 'Qwen2.5-3B',
          samples: 9_007_199_254_740_991,
          epochs: 0.5,
          batchSize: 0,
          learningRate: 1e-7,
          maxSeqLength: 131072,
          durationHours: 0,
          costUsd: 1234.56,
          hardware: 'M2 Max',
          notes: '',
        },
        evaluationScores: {
          accuracy: 0,
          qualityScore: 1,
          f1Score: 1,
          perplexity: 1e21,
          bleuScore: 0.123456789012345,
          rougeScores: {},
          inferenceSpeedTokensPerSec: 0.001,
          memoryUsageMb: 0,
          latencyMs: 80,
          customMetrics: {},
        },
        parentVersion: 'v1',
        additionalParents: ['other-model:v3', 'another.model_x:v1.0.0'],
        trainingDataSources: [],
        gitCommit: 'ffffffffffffffffffffffffffffffffffffffff',
        deployed: true,
        deployedAt: T3,
        deploymentNotes: 'canary passed',
        tags: [],
        notes: '',
      },
    },
    deployments: [
      { version: 'v1', action: 'deploy', at: T1, notes: 'first deploy' },
      { version: 'v2', action: 'deploy', at: T2, previousVersion: 'v1' },
      { version: 'v2', action: 'undeploy', at: T2 },
      { version: 'v2', action: 'rollback', at: T3, previousVersion: 'v1', notes: 'redo' },
    ],
  };
}

/** The smallest valid record: defaults everywhere, no versions. */
export function emptyModelRecord(modelName: string, notes = ''): ModelRecord {
  return {
    metadata: { modelName, description: '', owner: '', tags: [], notes },
    versions: {},
    deployments: [],
  };
}
