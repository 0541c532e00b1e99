import type {
  DeploymentEvent,
  EvaluationScores,
  ModelMetadata,
  ModelVersion,
  TrainingMetadata,
} from '@afs/registry-core';

/*
 * The file is snake_case like the Python system; records are camelCase. Each
 * table lists every known field of one object as [file name, record name].
 * The `satisfies` clauses and the `Covers` checks below make the build fail
 * when core adds a field that is missing here, instead of the field being
 * silently dropped on write.
 */

export const METADATA_FIELDS = [
  ['model_name', 'modelName'],
  ['description', 'description'],
  ['owner', 'owner'],
  ['tags', 'tags'],
  ['notes', 'notes'],
  ['created_at', 'createdAt'],
] as const satisfies ReadonlyArray<readonly [string, keyof ModelMetadata]>;

export const TRAINING_FIELDS = [
  ['framework', 'framework'],
  ['base_model', 'baseModel'],
  ['samples', 'samples'],
  ['epochs', 'epochs'],
  ['batch_size', 'batchSize'],
  ['learning_rate', 'learningRate'],
  ['max_seq_length', 'maxSeqLength'],
  ['duration_hours', 'durationHours'],
  ['cost_usd', 'costUsd'],
  ['hardware', 'hardware'],
  ['notes', 'notes'],
] as const satisfies ReadonlyArray<readonly [string, keyof TrainingMetadata]>;

export const EVALUATION_FIELDS = [
  ['accuracy', 'accuracy'],
  ['quality_score', 'qualityScore'],
  ['f1_score', 'f1Score'],
  ['perplexity', 'perplexity'],
  ['bleu_score', 'bleuScore'],
  ['rouge_scores', 'rougeScores'],
  ['inference_speed_tokens_per_sec', 'inferenceSpeedTokensPerSec'],
  ['memory_usage_mb', 'memoryUsageMb'],
  ['latency_ms', 'latencyMs'],
  ['custom_metrics', 'customMetrics'],
] as const satisfies ReadonlyArray<readonly [string, keyof EvaluationScores]>;

/** Evaluation fields whose value is a `{name: number}` map rather than one number. */
export const METRIC_MAP_FIELDS = new Set<string>(['rouge_scores', 'custom_metrics']);

export const VERSION_FIELDS = [
  ['model_name', 'modelName'],
  ['version', 'version'],
  ['created_at', 'createdAt'],
  ['status', 'status'],
  ['lora_path', 'loraPath'],
  ['gguf_path', 'ggufPath'],
  ['checkpoint_path', 'checkpointPath'],
  ['config_path', 'configPath'],
  ['training', 'training'],
  ['evaluation_scores', 'evaluationScores'],
  ['parent_version', 'parentVersion'],
  ['additional_parents', 'additionalParents'],
  ['training_data_sources', 'trainingDataSources'],
  ['git_commit', 'gitCommit'],
  ['deployed', 'deployed'],
  ['deployed_at', 'deployedAt'],
  ['deployment_notes', 'deploymentNotes'],
  ['tags', 'tags'],
  ['notes', 'notes'],
] as const satisfies ReadonlyArray<readonly [string, keyof ModelVersion]>;

export const DEPLOYMENT_FIELDS = [
  ['version', 'version'],
  ['action', 'action'],
  ['at', 'at'],
  ['previous_version', 'previousVersion'],
  ['notes', 'notes'],
] as const satisfies ReadonlyArray<readonly [string, keyof DeploymentEvent]>;

export const MODEL_ENTRY_FIELDS = ['metadata', 'versions', 'deployments'] as const;

export type FieldTable = ReadonlyArray<readonly [string, string]>;

type RecordNames<T extends FieldTable> = T[number][1];
type Covers<Record, Table extends FieldTable> =
  Exclude<keyof Record, RecordNames<Table>> extends never ? true : never;

// Compile-time only: each line fails to type-check if a table misses a field.
export const tablesCoverRecords: [
  Covers<ModelMetadata, typeof METADATA_FIELDS>,
  Covers<TrainingMetadata, typeof TRAINING_FIELDS>,
  Covers<EvaluationScores, typeof EVALUATION_FIELDS>,
  Covers<ModelVersion, typeof VERSION_FIELDS>,
  Covers<DeploymentEvent, typeof DEPLOYMENT_FIELDS>,
] = [true, true, true, true, true];

/** Record name → file name, for turning schema issue paths into file paths. */
export function fileNames(table: FieldTable): ReadonlyMap<string, string> {
  return new Map(table.map(([file, record]) => [record, file]));
}
