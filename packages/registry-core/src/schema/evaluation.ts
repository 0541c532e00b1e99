import { z } from 'zod';
import { refuseProtoKey } from './primitives.js';

const Metric = z.number();
const MetricMap = refuseProtoKey(z.record(z.string().min(1).max(128), Metric));

export const EvaluationScoresSchema = z.object({
  accuracy: Metric.optional(),
  qualityScore: Metric.optional(),
  f1Score: Metric.optional(),
  perplexity: Metric.optional(),
  bleuScore: Metric.optional(),
  rougeScores: MetricMap.default(() => ({})),
  inferenceSpeedTokensPerSec: Metric.optional(),
  memoryUsageMb: Metric.optional(),
  latencyMs: Metric.optional(),
  customMetrics: MetricMap.default(() => ({})),
});
export type EvaluationScores = z.infer<typeof EvaluationScoresSchema>;
export type EvaluationScoresInput = z.input<typeof EvaluationScoresSchema>;

/** The metrics with a field of their own, as opposed to custom and ROUGE metrics. */
export const KNOWN_METRICS = [
  'accuracy',
  'qualityScore',
  'f1Score',
  'perplexity',
  'bleuScore',
  'inferenceSpeedTokensPerSec',
  'memoryUsageMb',
  'latencyMs',
] as const;
export type KnownMetric = (typeof KNOWN_METRICS)[number];

export type MetricDirection = 'higher' | 'lower';

/** Which way is better for each known metric; ROUGE is higher-is-better. */
export const METRIC_DIRECTIONS: Readonly<Record<KnownMetric, MetricDirection>> = {
  accuracy: 'higher',
  qualityScore: 'higher',
  f1Score: 'higher',
  perplexity: 'lower',
  bleuScore: 'higher',
  inferenceSpeedTokensPerSec: 'higher',
  memoryUsageMb: 'lower',
  latencyMs: 'lower',
};

export function isKnownMetric(name: string): name is KnownMetric {
  return (KNOWN_METRICS as readonly string[]).includes(name);
}
