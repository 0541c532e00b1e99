import { describe, expect, it } from 'vitest';
import { cliTable, cliWithinBudget, misses } from './report.js';
import { budgetFor, type CliRow } from './suites.js';

const row = (overrides: Partial<CliRow>): CliRow => ({
  versions: 2,
  command: 'list',
  kind: 'read',
  medianMs: 80,
  baselineMs: 45,
  ratio: 1.78,
  budget: 2,
  peakMb: 60,
  ...overrides,
});

describe('budgets', () => {
  it('follow the issue table', () => {
    expect(budgetFor(2, 'read')).toBe(2.0);
    expect(budgetFor(2, 'write')).toBe(2.5);
    expect(budgetFor(10_000, 'read')).toBe(3.5);
    expect(budgetFor(10_000, 'write')).toBe(5.0);
    expect(budgetFor(100_000, 'read')).toBeUndefined();
  });

  it('a row over its ratio or over 150 MB at 10,000 versions misses', () => {
    expect(cliWithinBudget(row({}))).toBe(true);
    expect(cliWithinBudget(row({ ratio: 2.1 }))).toBe(false);
    expect(cliWithinBudget(row({ versions: 10_000, budget: 3.5, ratio: 3, peakMb: 151 }))).toBe(
      false,
    );
    expect(
      cliWithinBudget(row({ versions: 100_000, budget: undefined, ratio: 30, peakMb: 900 })),
    ).toBe(true);
  });

  it('misses are listed and marked in the table', () => {
    const bad = row({ ratio: 2.4 });
    expect(misses([bad], [], [])).toEqual(['list at 2 versions: 2.4× (budget 2), 60 MB']);
    expect(cliTable([bad])).toContain('| 2 | list | read | 80 | 45 | 2.4× | ≤ 2× | 60 | ✗ |');
  });
});
