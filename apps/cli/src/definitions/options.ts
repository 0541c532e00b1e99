import { VERSION_BUMPS, VERSION_STATUSES } from '@afs/registry-core';
import type { Argv, Options } from 'yargs';
import { parseNumber } from '../metric-input.js';

const number = (flag: string, describe: string): Options => ({
  type: 'string',
  requiresArg: true,
  describe,
  coerce: (value: unknown) =>
    parseNumber(flag, Array.isArray(value) ? value[value.length - 1] : value),
});

// Repeatable flags: `--data a --data b`. A single use still yields an array.
const repeatable = (describe: string): Options => ({
  type: 'string',
  requiresArg: true,
  describe,
  coerce: (value: unknown) =>
    value === undefined ? undefined : ([] as unknown[]).concat(value).map(String),
});

const text = (describe: string): Options => ({ type: 'string', requiresArg: true, describe });

export const METRIC_OPTIONS: Record<string, Options> = {
  accuracy: number('--accuracy', 'Accuracy (higher is better)'),
  'quality-score': number('--quality-score', 'Quality score (higher is better)'),
  'f1-score': number('--f1-score', 'F1 score (higher is better)'),
  perplexity: number('--perplexity', 'Perplexity (lower is better)'),
  'bleu-score': number('--bleu-score', 'BLEU score (higher is better)'),
  speed: number('--speed', 'Inference speed in tokens/sec (higher is better)'),
  'memory-mb': number('--memory-mb', 'Memory use in MB (lower is better)'),
  'latency-ms': number('--latency-ms', 'Latency in ms (lower is better)'),
  rouge: repeatable('A ROUGE score as name=value, repeatable (e.g. rougeL=0.31)'),
  metric: repeatable('Any other metric as name=value, repeatable (e.g. tool_use=0.6)'),
};

export const TRAINING_OPTIONS: Record<string, Options> = {
  'base-model': text('Base model the run started from (e.g. Qwen2.5-Coder-7B)'),
  framework: text('Training framework: unsloth, mlx, huggingface, llama_cpp, ...'),
  samples: number('--samples', 'Number of training samples'),
  epochs: number('--epochs', 'Epochs trained'),
  'batch-size': number('--batch-size', 'Batch size'),
  'learning-rate': number('--learning-rate', 'Learning rate'),
  'max-seq-length': number('--max-seq-length', 'Maximum sequence length'),
  'duration-hours': number('--duration-hours', 'Training time in hours'),
  'cost-usd': number('--cost-usd', 'Training cost in USD'),
  hardware: text('Hardware used (e.g. "M2 Max", "1x A100")'),
  'lora-path': text('Path to the LoRA adapter'),
  'gguf-path': text('Path to the GGUF file'),
  'checkpoint-path': text('Path to the full checkpoint'),
  'config-path': text('Path to the training config'),
  parent: repeatable('Parent version (v1, or other-model:v3); repeat for a merge'),
  data: repeatable('Training data source, repeatable'),
  'git-commit': text('Git commit of the training code'),
  tag: repeatable('Tag, repeatable'),
  notes: text('Free-form notes'),
};

export function withModel<T>(yargs: Argv<T>) {
  return yargs.positional('model', { type: 'string', describe: 'Model name', demandOption: true });
}

export const STATUS_CHOICES = VERSION_STATUSES;
export const BUMP_CHOICES = VERSION_BUMPS;
