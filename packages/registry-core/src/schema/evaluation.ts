import * as z from 'zod/mini';
import { refuseProtoKey } from './primitives.js';

const Metric = z.number();
const MetricMap = refuseProtoKey(
  z.record(z.string().check(z.minLength(1), z.maxLength(128)), Metric),
);

export const EvaluationScoresSchema = z.object({
  accuracy: z.optional(Metric),
  qualityScore: z.optional(Metric),
  f1Score: z.optional(Metric),
  perplexity: z.optional(Metric),
  bleuScore: z.optional(Metric),
  rougeScores: z._default(MetricMap, () => ({})),
  inferenceSpeedTokensPerSec: z.optional(Metric),
  memoryUsageMb: z.optional(Metric),
  latencyMs: z.optional(Metric),
  customMetrics: z._default(MetricMap, () => ({})),
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
