import { describe, expect, it } from 'vitest';
import { familyRecords, makeRecords } from '../../test/support.js';
import { LineageGraph } from '../graph.js';

const family = LineageGraph.fromRecords(familyRecords());

describe('lineage records', () => {
  it('gives a version its parents, children, data, commit and base model', () => {
    expect(family.lineage('majora', 'v1')).toEqual({
      id: 'majora:v1',
      modelName: 'majora',
      version: 'v1',
      missing: false,
      status: 'deprecated',
      deployed: false,
      createdAt: '2026-01-01T10:00:00.000Z',
      trainingDataSources: ['oracle-docs'],
      gitCommit: 'c1',
      baseModel: 'Qwen2.5-Coder-7B',
      notes: '',
      mainMetric: { name: 'accuracy', value: 0.85 },
      parents: [],
      primaryParent: undefined,
      missingParents: [],
      children: ['majora:v2', 'majora:v3'],
    });
  });

  it('gives every version of a model in version order', () => {
    const lineage = family.modelLineage('nayru');
    expect(lineage.modelName).toBe('nayru');
    expect(lineage.versions.map((v) => [v.version, v.parents, v.children])).toEqual([
      ['v1', ['majora:v4'], ['nayru:v2']],
      ['v2', ['nayru:v1'], []],
    ]);
  });
});

describe('trainingHistory', () => {
  it('is chronological, with equal times in version order', () => {
    expect(family.trainingHistory('majora').map((v) => v.version)).toEqual([
      'v1',
      'v2',
      'v3',
      'v4',
    ]);
  });

  it('puts versions without a date last', () => {
    expect(family.trainingHistory('nayru').map((v) => v.version)).toEqual(['v1', 'v2']);
  });

  it('compares instants, not strings, across time zone notations', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        m: {
          // 23:30 UTC on the 1st sorts after 23:00 UTC written as midnight +01:00 on the 2nd.
          v1: { createdAt: '2026-01-01T23:30:00.000Z' },
          v2: { createdAt: '2026-01-02T00:00:00.000001+01:00' },
        },
      }),
    );
    expect(graph.trainingHistory('m').map((v) => v.version)).toEqual(['v2', 'v1']);
  });
});

describe('dataLineage', () => {
  it('maps the version and each ancestor, nearest first, to its own sources', () => {
    const lineage = family.dataLineage('nayru', 'v2');
    expect(lineage.id).toBe('nayru:v2');
    expect(lineage.entries.map((e) => [e.id, e.distance, e.trainingDataSources])).toEqual([
      ['nayru:v2', 0, ['distill-set', 'chat-logs']],
      ['nayru:v1', 1, ['distill-set']],
      ['majora:v4', 2, []],
      ['majora:v2', 3, ['asm-qa']],
      ['majora:v3', 3, ['scraped-forum']],
      ['majora:v1', 4, ['oracle-docs']],
    ]);
    expect(lineage.sources).toEqual([
      'distill-set',
      'chat-logs',
      'asm-qa',
      'scraped-forum',
      'oracle-docs',
    ]);
  });

  it('shows a missing ancestor with no data rather than failing', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({ m: { v2: { parent: 'v1', data: ['d'] } } }),
    );
    expect(graph.dataLineage('m', 'v2').entries.map((e) => [e.id, e.missing])).toEqual([
      ['m:v2', false],
      ['m:v1', true],
    ]);
  });
});

describe('codeVersions', () => {
  it('maps each version, in version order, to its commit', () => {
    expect(family.codeVersions('majora')).toEqual([
      { version: 'v1', gitCommit: 'c1' },
      { version: 'v2', gitCommit: 'c2' },
      { version: 'v3', gitCommit: undefined },
      { version: 'v4', gitCommit: 'c4' },
    ]);
  });
});

describe('provenance', () => {
  it('collects base models, data and commits through the whole ancestry, nearest first', () => {
    const result = family.provenance('nayru', 'v2');
    const items = (list: typeof result.baseModels) =>
      list.map((i) => `${i.value}<${i.from}@${i.distance}`);
    expect(result.id).toBe('nayru:v2');
    expect(items(result.baseModels)).toEqual([
      'Qwen2.5-1.5B<nayru:v1@1',
      'Qwen2.5-Coder-7B<majora:v1@4',
    ]);
    expect(items(result.dataSources)).toEqual([
      'distill-set<nayru:v2@0',
      'chat-logs<nayru:v2@0',
      'asm-qa<majora:v2@3',
      'scraped-forum<majora:v3@3',
      'oracle-docs<majora:v1@4',
    ]);
    expect(items(result.gitCommits)).toEqual([
      'c4<majora:v4@2',
      'c2<majora:v2@3',
      'c1<majora:v1@4',
    ]);
    expect(result.missingAncestors).toEqual([]);
  });

  it('names the ancestors it could not see', () => {
    const graph = LineageGraph.fromRecords(makeRecords({ m: { v2: { parent: 'v1', base: 'B' } } }));
    expect(graph.provenance('m', 'v2')).toMatchObject({
      baseModels: [{ value: 'B', from: 'm:v2', distance: 0 }],
      missingAncestors: ['m:v1'],
    });
  });
});
