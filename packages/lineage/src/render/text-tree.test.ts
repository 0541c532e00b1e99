import { describe, expect, it } from 'vitest';
import { familyRecords, makeRecords } from '../../test/support.js';
import { LineageGraph } from '../graph.js';

const family = LineageGraph.fromRecords(familyRecords());

describe('buildTree', () => {
  it('draws a merge once, under its first parent, naming the other', () => {
    expect(family.buildTree('majora')).toBe(
      [
        'majora',
        '└── v1 [deprecated] accuracy=0.85',
        '    ├── v2 [completed] accuracy=0.87',
        '    │   └── v4 [deployed ★] accuracy=0.9 (merge; also from v3; parent of nayru:v1)',
        '    └── v3 [completed] f1Score=0.8',
      ].join('\n'),
    );
  });

  it('starts a model distilled from another at its cross-model parent', () => {
    expect(family.buildTree('nayru')).toBe(
      ['nayru', '└── v1 [deployed ★] tool_use=0.7 (from majora:v4)', '    └── v2 [draft]'].join(
        '\n',
      ),
    );
  });

  it('draws several roots, missing parents and merges of other models', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        'fam.x_y-z': {
          v1: { scores: { perplexity: 4.56789 } },
          v2: { parent: 'v0' },
          v3: { parent: 'v1', status: 'training' },
          v4: { parent: 'other:v1', also: ['v3'] },
          v5: { parent: 'gone:v2', also: ['other:v1'] },
        },
        other: { v1: {} },
      }),
    );
    expect(graph.buildTree('fam.x_y-z')).toBe(
      [
        'fam.x_y-z',
        '├── v0 [missing]',
        '│   └── v2 [completed]',
        '├── v1 [completed] perplexity=4.5679',
        '│   └── v3 [training]',
        '│       └── v4 [completed] (merge; also from other:v1)',
        '└── v5 [completed] (merge of gone:v2 [missing], other:v1)',
      ].join('\n'),
    );
    expect(graph.buildTree('other')).toBe(
      ['other', '└── v1 [completed] (parent of fam.x_y-z:v4, fam.x_y-z:v5)'].join('\n'),
    );
  });

  it('keeps the continuation bars of earlier siblings on deep lines', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        m: {
          v1: {},
          v2: { parent: 'v1' },
          v3: { parent: 'v2' },
          v4: { parent: 'v2' },
          v5: { parent: 'v1' },
          v6: {},
        },
      }),
    );
    expect(graph.buildTree('m')).toBe(
      [
        'm',
        '├── v1 [completed]',
        '│   ├── v2 [completed]',
        '│   │   ├── v3 [completed]',
        '│   │   └── v4 [completed]',
        '│   └── v5 [completed]',
        '└── v6 [completed]',
      ].join('\n'),
    );
  });

  it('says so for a model without versions', () => {
    expect(LineageGraph.fromRecords(makeRecords({ empty: {} })).buildTree('empty')).toBe(
      'empty (no versions)',
    );
  });
});
