import { KNOWN_METRICS, METRIC_DIRECTIONS, type MetricDirection } from '../schema/evaluation.js';
import type { ModelVersion } from '../schema/records.js';
import type { TrainingMetadata } from '../schema/training.js';

export type MetricGroup = 'standard' | 'rouge' | 'custom';
export type BetterSide = 'a' | 'b' | 'same';

export interface MetricDiff {
  metric: string;
  group: MetricGroup;
  a: number | undefined;
  b: number | undefined;
  /** `b - a` when both sides have the metric. */
  delta: number | undefined;
  direction: MetricDirection | undefined;
  /** Which side is better; `undefined` when a side lacks the metric or its direction is unknown. */
  better: BetterSide | undefined;
}

export interface FieldDiff<T = unknown> {
  field: string;
  a: T | undefined;
  b: T | undefined;
  changed: boolean;
}

export interface VersionComparison {
  modelName: string;
  a: string;
  b: string;
  training: FieldDiff[];
  metrics: MetricDiff[];
  files: FieldDiff<string>[];
  status: FieldDiff<string>;
  deployed: FieldDiff<boolean>;
  parentVersion: FieldDiff<string>;
  trainingDataSources: FieldDiff<string[]>;
  gitCommit: FieldDiff<string>;
}

const TRAINING_FIELDS: Array<keyof TrainingMetadata> = [
  'framework',
  'baseModel',
  'samples',
  'epochs',
  'batchSize',
  'learningRate',
  'maxSeqLength',
  'durationHours',
  'costUsd',
  'hardware',
  'notes',
];

const FILE_FIELDS = ['loraPath', 'ggufPath', 'checkpointPath', 'configPath'] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function field<T>(name: string, a: T | undefined, b: T | undefined): FieldDiff<T> {
  return { field: name, a, b, changed: !same(a, b) };
}

function metricDiff(
  metric: string,
  group: MetricGroup,
  a: number | undefined,
  b: number | undefined,
  direction: MetricDirection | undefined,
): MetricDiff {
  const both = a !== undefined && b !== undefined;
  // Rounded so that 0.85 - 0.8 reads 0.05, not 0.04999999999999993.
  const delta = both ? Number((b - a).toPrecision(12)) : undefined;
  let better: BetterSide | undefined;
  if (both && direction !== undefined) {
    better = a === b ? 'same' : b > a === (direction === 'higher') ? 'b' : 'a';
  }
  return { metric, group, a, b, delta, direction, better };
}

function mapDiffs(
  group: MetricGroup,
  a: Record<string, number>,
  b: Record<string, number>,
  directionOf: (name: string) => MetricDirection | undefined,
): MetricDiff[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.map((name) =>
    metricDiff(
      name,
      group,
      Object.hasOwn(a, name) ? a[name] : undefined,
      Object.hasOwn(b, name) ? b[name] : undefined,
      directionOf(name),
    ),
  );
}

/**
 * A structured diff of two versions. Custom metrics have no known direction
 * unless the caller declares one in `customDirections`.
 */
export function diffVersions(
  a: ModelVersion,
  b: ModelVersion,
  customDirections: Readonly<Record<string, MetricDirection>> = {},
): VersionComparison {
  const standard = KNOWN_METRICS.filter(
    (name) => a.evaluationScores[name] !== undefined || b.evaluationScores[name] !== undefined,
  ).map((name) =>
    metricDiff(
      name,
      'standard',
      a.evaluationScores[name],
      b.evaluationScores[name],
      METRIC_DIRECTIONS[name],
    ),
  );
  return {
    modelName: a.modelName,
    a: a.version,
    b: b.version,
    training: TRAINING_FIELDS.map((name) => field(name, a.training[name], b.training[name])),
    metrics: [
      ...standard,
      ...mapDiffs(
        'rouge',
        a.evaluationScores.rougeScores,
        b.evaluationScores.rougeScores,
        () => 'higher',
      ),
      ...mapDiffs(
        'custom',
        a.evaluationScores.customMetrics,
        b.evaluationScores.customMetrics,
        (name) => (Object.hasOwn(customDirections, name) ? customDirections[name] : undefined),
      ),
    ],
    files: FILE_FIELDS.map((name) => field(name, a[name], b[name])),
    status: field('status', a.status, b.status),
    deployed: field('deployed', a.deployed, b.deployed),
    parentVersion: field('parentVersion', a.parentVersion, b.parentVersion),
    trainingDataSources: field('trainingDataSources', a.trainingDataSources, b.trainingDataSources),
    gitCommit: field('gitCommit', a.gitCommit, b.gitCommit),
  };
}
