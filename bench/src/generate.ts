import { type ModelRecord, ModelRecordSchema, type ModelVersionInput } from '@afs/registry-core';
import { encodeModel, renderModelEntry, renderRegistryDocument } from '@afs/registry-store-json';

export interface GenerateOptions {
  /** Total versions across all models. */
  versions: number;
  /** Versions per model (the last model takes the remainder). */
  perModel?: number;
  seed?: number;
}

/** A small deterministic PRNG, so that every run benchmarks the same registry. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAMEWORKS = ['unsloth', 'mlx', 'huggingface', 'llama_cpp'];
const BASES = ['Qwen2.5-Coder-7B', 'Qwen2.5-3B', 'Llama-3.2-1B', 'Mistral-7B-v0.3', 'gemma-2-9b'];
const HARDWARE = ['M2 Max', '1x A100', '2x RTX 4090', 'M3 Ultra'];
const STATUSES = ['draft', 'completed', 'completed', 'deprecated', 'archived'] as const;

/**
 * Model records shaped like real ones: every training field, several metrics
 * (standard, ROUGE, custom), file paths, a parent chain with occasional merges
 * and cross-model parents, data sources, and one deployed version per model.
 */
export function generateRecords(options: GenerateOptions): ModelRecord[] {
  const perModel = Math.max(1, options.perModel ?? 100);
  const random = mulberry32(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const records: ModelRecord[] = [];
  let remaining = options.versions;
  for (let m = 0; remaining > 0; m++) {
    const modelName = `model-${String(m).padStart(4, '0')}`;
    const count = Math.min(perModel, remaining);
    remaining -= count;
    const base = pick(BASES);
    const versions: Record<string, ModelVersionInput> = {};
    for (let i = 1; i <= count; i++) {
      const version = `v${i}`;
      const additionalParents: string[] = [];
      if (i > 2 && random() < 0.05) additionalParents.push(`v${i - 2}`);
      if (m > 0 && i === 1 && random() < 0.3)
        additionalParents.push(`model-${String(m - 1).padStart(4, '0')}:v1`);
      versions[version] = {
        modelName,
        version,
        createdAt: new Date(Date.UTC(2026, 0, 1) + (m * perModel + i) * 60_000).toISOString(),
        status: pick(STATUSES),
        loraPath: `/models/${modelName}/${version}/adapter`,
        ggufPath: random() < 0.5 ? `/models/${modelName}/${version}/model-Q4_K_M.gguf` : undefined,
        checkpointPath: random() < 0.2 ? `/checkpoints/${modelName}/${version}` : undefined,
        configPath: `/configs/${modelName}/${version}.yaml`,
        training: {
          framework: pick(FRAMEWORKS),
          baseModel: base,
          samples: 100 + Math.floor(random() * 50_000),
          epochs: 1 + Math.floor(random() * 5),
          batchSize: pick([8, 16, 32, 64]),
          learningRate: pick([1e-4, 2e-4, 5e-5]),
          maxSeqLength: pick([2048, 4096, 8192]),
          durationHours: Math.round(random() * 2000) / 100,
          costUsd: Math.round(random() * 5000) / 100,
          hardware: pick(HARDWARE),
          notes: random() < 0.1 ? 'resumed from checkpoint after preemption' : '',
        },
        evaluationScores: {
          accuracy: Math.round(random() * 1000) / 1000,
          f1Score: Math.round(random() * 1000) / 1000,
          perplexity: Math.round((3 + random() * 10) * 100) / 100,
          bleuScore: Math.round(random() * 1000) / 1000,
          inferenceSpeedTokensPerSec: Math.round(50 + random() * 150),
          latencyMs: Math.round(20 + random() * 200),
          rougeScores: {
            rouge1: Math.round(random() * 1000) / 1000,
            rougeL: Math.round(random() * 1000) / 1000,
          },
          customMetrics: { tool_use: Math.round(random() * 1000) / 1000 },
        },
        parentVersion: i > 1 ? `v${i - 1}` : undefined,
        additionalParents,
        trainingDataSources: [
          `dataset-${m % 50}`,
          ...(random() < 0.3 ? [`shared-corpus-${i % 7}`] : []),
        ],
        gitCommit: Math.floor(random() * 0xffffffff)
          .toString(16)
          .padStart(8, '0'),
        deployed: false,
        tags: random() < 0.2 ? ['candidate'] : [],
        notes: '',
      };
    }
    const deployed = versions[`v${Math.max(1, count - 1)}`] as ModelVersionInput;
    deployed.deployed = true;
    deployed.status = 'deployed';
    deployed.deployedAt = deployed.createdAt;
    records.push(
      ModelRecordSchema.parse({
        metadata: {
          modelName,
          description: `Generated model ${m}`,
          owner: 'bench',
          createdAt: '2026-01-01T00:00:00.000Z',
        },
        versions,
        deployments: [{ version: deployed.version, action: 'deploy', at: deployed.createdAt }],
      }),
    );
  }
  return records;
}

/** The registry file those records make, exactly as the JSON store writes it. */
export function renderRegistry(records: readonly ModelRecord[]): string {
  return renderRegistryDocument(
    {},
    '2026-01-01T00:00:00.000Z',
    records.map(
      (record) => [record.metadata.modelName, renderModelEntry(encodeModel(record))] as const,
    ),
  );
}
