import type { VersionNode } from '../node.js';

/** Shown after the status of a deployed version. */
export const DEPLOYED_MARK = '★';

/** Enough digits for a human to compare runs; exact values are in the JSON export. */
export function formatMetricValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

/** `deployed ★`, `completed`, or `missing` for a dangling parent. */
export function statusText(node: VersionNode): string {
  if (node.missing) return 'missing';
  const status = node.status ?? 'unknown';
  return node.deployed ? `${status} ${DEPLOYED_MARK}` : status;
}

/** `accuracy=0.85`, or undefined when the version has no metric. */
export function metricText(node: VersionNode): string | undefined {
  const metric = node.mainMetric;
  return metric === undefined ? undefined : `${metric.name}=${formatMetricValue(metric.value)}`;
}

/** The label lines used by the graph exports: id, status, main metric. */
export function labelLines(node: VersionNode): string[] {
  const metric = metricText(node);
  return metric === undefined ? [node.id, statusText(node)] : [node.id, statusText(node), metric];
}
