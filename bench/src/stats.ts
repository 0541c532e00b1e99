/** Median of a non-empty sample; an empty one is a broken measurement, not a zero. */
export function median(values: readonly number[]): number {
  if (values.length === 0)
    throw new Error('median of no samples: the measurement produced nothing');
  for (const value of values) {
    if (!Number.isFinite(value))
      throw new Error(`non-finite sample ${value}: the measurement is broken`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** `value / baseline`, refusing a baseline that cannot be right. */
export function ratio(value: number, baseline: number): number {
  if (!(baseline > 0))
    throw new Error(`baseline ${baseline} ms is not positive: the baseline measurement is broken`);
  return value / baseline;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
