import { KNOWN_METRICS, type ModelVersion, parentRefs } from '@afs/registry-core';
import type { Style } from './style.js';
import { formatDate, formatNumber, orDash } from './values.js';

export const METRIC_LABELS: Record<(typeof KNOWN_METRICS)[number], string> = {
  accuracy: 'accuracy',
  qualityScore: 'quality',
  f1Score: 'f1',
  perplexity: 'perplexity',
  bleuScore: 'bleu',
  inferenceSpeedTokensPerSec: 'tokens/s',
  memoryUsageMb: 'memory MB',
  latencyMs: 'latency ms',
};

/** `● deployed` stands out in a column of statuses. */
export function statusLabel(version: ModelVersion, style: Style): string {
  return version.deployed ? style.green(`● ${version.status}`) : `  ${version.status}`;
}

/** Every metric of a version as label/value pairs, known metrics first. */
export function metricEntries(version: ModelVersion): Array<[string, string]> {
  const scores = version.evaluationScores;
  const entries: Array<[string, string]> = [];
  for (const name of KNOWN_METRICS) {
    const value = scores[name];
    if (value !== undefined) entries.push([METRIC_LABELS[name], formatNumber(value)]);
  }
  for (const [name, value] of Object.entries(scores.rougeScores))
    entries.push([name, formatNumber(value)]);
  for (const [name, value] of Object.entries(scores.customMetrics))
    entries.push([name, formatNumber(value)]);
  return entries;
}

function section(title: string, rows: Array<[string, string]>, style: Style): string[] {
  const shown = rows.filter(([, value]) => value !== '-');
  if (shown.length === 0) return [];
  const width = Math.max(...shown.map(([label]) => label.length));
  return [
    '',
    style.bold(title),
    ...shown.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ];
}

/** The detail view used by `info` and after `add`. */
export function renderVersion(version: ModelVersion, style: Style): string {
  const t = version.training;
  const head = `${style.bold(`${version.modelName} ${version.version}`)}  ${statusLabel(version, style).trim()}`;
  const lines = [
    head,
    ...section(
      'Version',
      [
        ['created', formatDate(version.createdAt)],
        ['deployed at', version.deployed ? formatDate(version.deployedAt) : '-'],
        ['deploy notes', orDash(version.deploymentNotes)],
        ['parents', orDash(parentRefs(version).join(', '))],
        ['data', orDash(version.trainingDataSources.join(', '))],
        ['git commit', orDash(version.gitCommit)],
        ['tags', orDash(version.tags.join(', '))],
        ['notes', orDash(version.notes)],
      ],
      style,
    ),
    ...section(
      'Training',
      [
        ['framework', orDash(t.framework)],
        ['base model', orDash(t.baseModel)],
        ['samples', orDash(t.samples)],
        ['epochs', orDash(t.epochs)],
        ['batch size', orDash(t.batchSize)],
        ['learning rate', orDash(t.learningRate)],
        ['max seq length', orDash(t.maxSeqLength)],
        ['duration (h)', orDash(t.durationHours)],
        ['cost (USD)', orDash(t.costUsd)],
        ['hardware', orDash(t.hardware)],
        ['notes', orDash(t.notes)],
      ],
      style,
    ),
    ...section('Metrics', metricEntries(version), style),
    ...section(
      'Files',
      [
        ['lora', orDash(version.loraPath)],
        ['gguf', orDash(version.ggufPath)],
        ['checkpoint', orDash(version.checkpointPath)],
        ['config', orDash(version.configPath)],
      ],
      style,
    ),
  ];
  return lines.join('\n');
}
