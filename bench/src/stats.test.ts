import { describe, expect, it } from 'vitest';
import { median, ratio, round } from './stats.js';
import { markdownTable, replaceBetween } from './table.js';

describe('stats', () => {
  it('median of odd and even samples, regardless of order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses empty or non-finite samples instead of reporting a number', () => {
    expect(() => median([])).toThrow(/no samples/);
    expect(() => median([1, Number.NaN])).toThrow(/non-finite/);
  });

  it('ratio refuses a zero or negative baseline', () => {
    expect(ratio(90, 45)).toBe(2);
    expect(() => ratio(90, 0)).toThrow(/baseline/);
  });

  it('rounds to the given digits', () => {
    expect(round(1.23456, 2)).toBe(1.23);
  });
});

describe('tables', () => {
  it('renders a Markdown table and escapes pipes', () => {
    expect(markdownTable(['a', 'b'], [[1, 'x|y']])).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });

  it('refuses a row with the wrong number of cells', () => {
    expect(() => markdownTable(['a', 'b'], [[1]])).toThrow(/1 cells for 2 columns/);
  });

  it('replaces only between markers, and refuses a document without them', () => {
    const doc = 'intro\n<!-- s -->\nold\n<!-- e -->\noutro';
    expect(replaceBetween(doc, '<!-- s -->', '<!-- e -->', 'new')).toBe(
      'intro\n<!-- s -->\nnew\n<!-- e -->\noutro',
    );
    expect(() => replaceBetween('no markers', '<!-- s -->', '<!-- e -->', 'x')).toThrow(/refusing/);
  });
});
