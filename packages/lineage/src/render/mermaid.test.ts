import { describe, expect, it } from 'vitest';
import { familyRecords, makeRecords } from '../../test/support.js';
import { LineageGraph } from '../graph.js';
import { mermaidId } from './mermaid.js';

const family = LineageGraph.fromRecords(familyRecords());

describe('toMermaid', () => {
  it('renders a model with its cross-model neighbours, merges dotted', () => {
    expect(family.toMermaid({ model: 'majora' })).toBe(
      [
        'graph TD',
        '  n_majora_3av1["majora:v1<br/>deprecated<br/>accuracy=0.85"]',
        '  n_majora_3av2["majora:v2<br/>completed<br/>accuracy=0.87"]',
        '  n_majora_3av3["majora:v3<br/>completed<br/>f1Score=0.8"]',
        '  n_majora_3av4["majora:v4<br/>deployed ★<br/>accuracy=0.9"]',
        '  n_nayru_3av1["nayru:v1<br/>deployed ★<br/>tool_use=0.7"]',
        '  n_majora_3av1 --> n_majora_3av2',
        '  n_majora_3av1 --> n_majora_3av3',
        '  n_majora_3av2 --> n_majora_3av4',
        '  n_majora_3av3 -.-> n_majora_3av4',
        '  n_majora_3av4 --> n_nayru_3av1',
        '  classDef deployed stroke-width:3px',
        '  class n_majora_3av4,n_nayru_3av1 deployed',
      ].join('\n'),
    );
  });

  it('marks missing nodes and escapes label text', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        'a.b_c-d': {
          'v1.0': { parent: 'v0.9', scores: { customMetrics: { 'say "hi" <#1>': 1 } } },
        },
      }),
    );
    expect(graph.toMermaid()).toBe(
      [
        'graph TD',
        '  n_a_2eb_5fc_2dd_3av0_2e9["a.b_c-d:v0.9<br/>missing"]',
        '  n_a_2eb_5fc_2dd_3av1_2e0["a.b_c-d:v1.0<br/>completed<br/>say #34;hi#34; #60;#35;1#62;=1"]',
        '  n_a_2eb_5fc_2dd_3av0_2e9 --> n_a_2eb_5fc_2dd_3av1_2e0',
        '  classDef missing stroke-dasharray:5 5',
        '  class n_a_2eb_5fc_2dd_3av0_2e9 missing',
      ].join('\n'),
    );
  });

  it('makes ids that cannot collide or start like an edge', () => {
    expect(mermaidId('a.b:v1')).not.toBe(mermaidId('a_b:v1'));
    expect(mermaidId('a_2eb:v1')).not.toBe(mermaidId('a.b:v1'));
    expect(mermaidId('end:v1')).toBe('n_end_3av1');
    expect(mermaidId('o:x')).toMatch(/^n_[A-Za-z0-9_]+$/);
  });
});
