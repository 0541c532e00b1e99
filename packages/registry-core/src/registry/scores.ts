import * as z from 'zod/mini';
import { invalidInput } from '../errors.js';
import { type EvaluationScores, isKnownMetric, type KnownMetric } from '../schema/evaluation.js';

/**
 * Scores as callers give them: known metrics by their camelCase name (or the
 * seed's snake_case name), `rougeScores` / `customMetrics` maps, and any other
 * name as a custom metric. `null` removes a metric.
 */
export type ScoresUpdate = Record<string, number | null | Record<string, number | null>>;

const SNAKE_ALIASES: Readonly<Record<string, KnownMetric | 'rougeScores' | 'customMetrics'>> = {
  quality_score: 'qualityScore',
  f1_score: 'f1Score',
  f1: 'f1Score',
  bleu_score: 'bleuScore',
  bleu: 'bleuScore',
  inference_speed_tokens_per_sec: 'inferenceSpeedTokensPerSec',
  speed: 'inferenceSpeedTokensPerSec',
  memory_usage_mb: 'memoryUsageMb',
  latency_ms: 'latencyMs',
  rouge_scores: 'rougeScores',
  rouge: 'rougeScores',
  custom_metrics: 'customMetrics',
};

const MetricName = z.string().check(z.minLength(1), z.maxLength(128));

function checkValue(name: string, value: unknown): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidInput(`Metric "${name}" must be a finite number, got ${String(value)}.`, {
      metric: name,
      value,
    });
  }
  return value;
}

function checkName(name: string): void {
  if (!MetricName.safeParse(name).success || name === '__proto__') {
    throw invalidInput(
      `Metric name "${name.slice(0, 40)}" must be 1 to 128 characters and not "__proto__".`,
      {
        metric: name,
      },
    );
  }
}

function mergeMap(target: Record<string, number>, group: string, update: unknown): void {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) {
    throw invalidInput(`${group} must be an object of metric names to numbers.`, { field: group });
  }
  for (const [name, value] of Object.entries(update)) {
    checkName(name);
    const checked = checkValue(`${group}.${name}`, value);
    if (checked === null) delete target[name];
    else
      Object.defineProperty(target, name, {
        value: checked,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
}

/** Merge an update into existing scores; returns a new object, never mutates `current`. */
export function mergeScores(current: EvaluationScores, update: ScoresUpdate): EvaluationScores {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) {
    throw invalidInput('Scores must be an object of metric names to numbers.', { value: update });
  }
  const next: EvaluationScores = {
    ...current,
    rougeScores: { ...current.rougeScores },
    customMetrics: { ...current.customMetrics },
  };
  for (const [rawName, value] of Object.entries(update)) {
    checkName(rawName);
    // Own keys only: `constructor` and friends are custom metric names, not aliases.
    const name = Object.hasOwn(SNAKE_ALIASES, rawName)
      ? (SNAKE_ALIASES[rawName] as string)
      : rawName;
    if (name === 'rougeScores' || name === 'customMetrics') {
      mergeMap(next[name], name, value);
    } else if (isKnownMetric(name)) {
      const checked = checkValue(name, value);
      if (checked === null) delete next[name];
      else next[name] = checked;
    } else {
      mergeMap(next.customMetrics, 'customMetrics', { [name]: value });
    }
  }
  return next;
}
