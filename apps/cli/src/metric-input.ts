import type { ScoresUpdate } from '@afs/registry-core';
import { UsageError } from './errors.js';

/** Metric options shared by `add` and `score`. */
export interface MetricArgs {
  accuracy?: number;
  qualityScore?: number;
  f1Score?: number;
  perplexity?: number;
  bleuScore?: number;
  speed?: number;
  memoryMb?: number;
  latencyMs?: number;
  /** `rougeL=0.31`, repeatable. */
  rouge?: string[];
  /** `tool_use=0.6`, repeatable. */
  metric?: string[];
}

export function parseNumber(flag: string, raw: unknown): number {
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (String(raw).trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`${flag} needs a finite number, got "${String(raw)}".`);
  }
  return value;
}

export function parsePairs(
  flag: string,
  pairs: readonly string[] | undefined,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const pair of pairs ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0)
      throw new UsageError(
        `${flag} takes name=value, got "${pair}". Example: ${flag} tool_use=0.6`,
      );
    const name = pair.slice(0, equals).trim();
    Object.defineProperty(result, name, {
      value: parseNumber(`${flag} ${name}`, pair.slice(equals + 1)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

export function scoresFromArgs(args: MetricArgs): ScoresUpdate {
  const scores: ScoresUpdate = {};
  const known: Array<[keyof MetricArgs, string]> = [
    ['accuracy', 'accuracy'],
    ['qualityScore', 'qualityScore'],
    ['f1Score', 'f1Score'],
    ['perplexity', 'perplexity'],
    ['bleuScore', 'bleuScore'],
    ['speed', 'inferenceSpeedTokensPerSec'],
    ['memoryMb', 'memoryUsageMb'],
    ['latencyMs', 'latencyMs'],
  ];
  for (const [arg, field] of known) {
    const value = args[arg];
    if (value !== undefined) scores[field] = value as number;
  }
  const rouge = parsePairs('--rouge', args.rouge);
  if (Object.keys(rouge).length > 0) scores.rougeScores = rouge;
  const custom = parsePairs('--metric', args.metric);
  if (Object.keys(custom).length > 0) scores.customMetrics = custom;
  return scores;
}

export function hasScores(scores: ScoresUpdate): boolean {
  return Object.keys(scores).length > 0;
}
