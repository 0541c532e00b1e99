import { describe, expect, it } from 'vitest';
import { familyRecords, makeRecords } from '../../test/support.js';
import { LineageGraph } from '../graph.js';

const family = LineageGraph.fromRecords(familyRecords());

describe('toDot', () => {
  it('renders a version with everything above and below it', () => {
    expect(family.toDot({ around: 'majora:v3' })).toBe(
      [
        'digraph lineage {',
        '  node [shape=box];',
        '  "majora:v1" [label="majora:v1\\ndeprecated\\naccuracy=0.85"];',
        '  "majora:v3" [label="majora:v3\\ncompleted\\nf1Score=0.8"];',
        '  "majora:v4" [label="majora:v4\\ndeployed ★\\naccuracy=0.9", style=bold];',
        '  "nayru:v1" [label="nayru:v1\\ndeployed ★\\ntool_use=0.7", style=bold];',
        '  "nayru:v2" [label="nayru:v2\\ndraft"];',
        '  "majora:v1" -> "majora:v3";',
        '  "majora:v3" -> "majora:v4" [style=dashed];',
        '  "majora:v4" -> "nayru:v1";',
        '  "nayru:v1" -> "nayru:v2";',
        '}',
      ].join('\n'),
    );
  });

  it('quotes ids and escapes quotes, backslashes and newlines in labels', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        'm.x-y_z': { v1: { parent: 'v0', scores: { customMetrics: { 'a "b"\\c\nd': 2 } } } },
      }),
    );
    expect(graph.toDot()).toBe(
      [
        'digraph lineage {',
        '  node [shape=box];',
        '  "m.x-y_z:v0" [label="m.x-y_z:v0\\nmissing", style=dashed];',
        '  "m.x-y_z:v1" [label="m.x-y_z:v1\\ncompleted\\na \\"b\\"\\\\c\\nd=2"];',
        '  "m.x-y_z:v0" -> "m.x-y_z:v1";',
        '}',
      ].join('\n'),
    );
  });
});
