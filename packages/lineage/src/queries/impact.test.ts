import { describe, expect, it } from 'vitest';
import { familyRecords } from '../../test/support.js';
import { LineageGraph } from '../graph.js';
import type { ImpactedVersion } from './impact.js';

const family = LineageGraph.fromRecords(familyRecords());
const rows = (list: readonly ImpactedVersion[]) =>
  list.map((v) => [v.id, v.direct, v.distance, v.via ?? null, v.deployed]);

describe('datasetImpact', () => {
  it('finds every version that learned from a source, directly or through an ancestor', () => {
    const report = family.datasetImpact('scraped-forum');
    expect(report.kind).toBe('dataset');
    expect(report.matched).toEqual(['scraped-forum']);
    expect(rows(report.versions)).toEqual([
      ['majora:v3', true, 0, null, false],
      ['majora:v4', false, 1, 'majora:v3', true],
      ['nayru:v1', false, 2, 'majora:v3', true],
      ['nayru:v2', false, 3, 'majora:v3', false],
    ]);
    expect(report.deployed.map((v) => v.id)).toEqual(['majora:v4', 'nayru:v1']);
  });

  it('follows every direct user, across unrelated roots, naming the nearest one as the way in', () => {
    expect(rows(family.datasetImpact('asm-qa').versions)).toEqual([
      ['din:v1', true, 0, null, false],
      ['majora:v2', true, 0, null, false],
      ['din:v2', false, 1, 'din:v1', false],
      ['majora:v4', false, 1, 'majora:v2', true],
      ['nayru:v1', false, 2, 'majora:v2', true],
      ['nayru:v2', false, 3, 'majora:v2', false],
    ]);
  });

  it('marks a version as direct even when an ancestor used the source too', () => {
    expect(rows(family.datasetImpact('distill-set').versions)).toEqual([
      ['nayru:v1', true, 0, null, true],
      ['nayru:v2', true, 0, null, false],
    ]);
  });

  it('accepts a test for matching several sources', () => {
    const report = family.datasetImpact((s) => s.startsWith('scraped') || s.startsWith('oracle'));
    expect(report.matched).toEqual(['oracle-docs', 'scraped-forum']);
    expect(rows(report.versions)).toEqual([
      ['majora:v1', true, 0, null, false],
      ['majora:v3', true, 0, null, false],
      ['majora:v2', false, 1, 'majora:v1', false],
      ['majora:v4', false, 1, 'majora:v3', true],
      ['nayru:v1', false, 2, 'majora:v3', true],
      ['nayru:v2', false, 3, 'majora:v3', false],
    ]);
  });

  it('reports nothing for a source no version names', () => {
    expect(family.datasetImpact('nope')).toEqual({
      kind: 'dataset',
      matched: [],
      versions: [],
      deployed: [],
    });
    expect(family.dataSources()).toEqual([
      'asm-qa',
      'chat-logs',
      'distill-set',
      'oracle-docs',
      'scraped-forum',
    ]);
  });
});

describe('baseModelImpact', () => {
  it('finds every version descending from a base model, even through a different base', () => {
    const report = family.baseModelImpact('Qwen2.5-Coder-7B');
    expect(report.kind).toBe('base-model');
    expect(rows(report.versions)).toEqual([
      ['majora:v1', true, 0, null, false],
      ['majora:v2', false, 1, 'majora:v1', false],
      ['majora:v3', false, 1, 'majora:v1', false],
      ['majora:v4', false, 2, 'majora:v1', true],
      ['nayru:v1', false, 3, 'majora:v1', true],
      ['nayru:v2', false, 4, 'majora:v1', false],
    ]);
  });

  it('starts at the versions that name the base model themselves', () => {
    expect(family.baseModelImpact('Qwen2.5-1.5B').versions.map((v) => v.id)).toEqual([
      'nayru:v1',
      'nayru:v2',
    ]);
    expect(family.baseModels()).toEqual(['Qwen2.5-1.5B', 'Qwen2.5-3B', 'Qwen2.5-Coder-7B']);
  });
});
