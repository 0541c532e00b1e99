import type { ApiRow, CliRow, LineageRow } from './suites.js';
import { MEMORY_BUDGET_MB } from './suites.js';
import { markdownTable } from './table.js';

export const API_BUDGET_MS = 10;
export const LINEAGE_BUDGET_MS = 1000;

export function cliWithinBudget(row: CliRow): boolean {
  const memoryOk = row.versions > 10_000 || row.peakMb < MEMORY_BUDGET_MB;
  return memoryOk && (row.budget === undefined || row.ratio <= row.budget);
}

export function cliTable(rows: readonly CliRow[]): string {
  return markdownTable(
    [
      'versions',
      'command',
      'kind',
      'median ms',
      'node -e 0 ms',
      'ratio',
      'budget',
      'peak MB',
      'ok',
    ],
    rows.map((row) => [
      row.versions.toLocaleString('en-US'),
      row.command,
      row.kind,
      row.medianMs,
      row.baselineMs,
      `${row.ratio}×`,
      row.budget === undefined ? 'reported' : `≤ ${row.budget}×`,
      row.peakMb,
      cliWithinBudget(row) ? '✓' : '✗',
    ]),
  );
}

export function apiTable(rows: readonly ApiRow[]): string {
  return markdownTable(
    ['store', 'operation', 'median ms', 'ok (< 10 ms)'],
    rows.map((row) => [
      row.store,
      row.operation,
      row.medianMs,
      row.medianMs < API_BUDGET_MS ? '✓' : '✗',
    ]),
  );
}

export function lineageTable(rows: readonly LineageRow[]): string {
  return markdownTable(
    ['query', 'median ms', 'result size', 'ok (< 1 s)'],
    rows.map((row) => [
      row.query,
      row.medianMs,
      row.resultSize,
      row.medianMs < LINEAGE_BUDGET_MS ? '✓' : '✗',
    ]),
  );
}

export function misses(
  cli: readonly CliRow[],
  api: readonly ApiRow[],
  lineage: readonly LineageRow[],
): string[] {
  return [
    ...cli
      .filter((row) => !cliWithinBudget(row))
      .map(
        (row) =>
          `${row.command} at ${row.versions} versions: ${row.ratio}× (budget ${row.budget ?? '-'}), ${row.peakMb} MB`,
      ),
    ...api
      .filter((row) => row.medianMs >= API_BUDGET_MS)
      .map((row) => `${row.store} ${row.operation}: ${row.medianMs} ms`),
    ...lineage
      .filter((row) => row.medianMs >= LINEAGE_BUDGET_MS)
      .map((row) => `${row.query}: ${row.medianMs} ms`),
  ];
}
