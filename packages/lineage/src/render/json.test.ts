import { isRegistryError } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { catchError, familyRecords, makeRecords } from '../../test/support.js';
import { LineageGraph } from '../graph.js';

describe('toJson', () => {
  it('gives nodes and typed edges as plain data', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        m: {
          v1: {
            data: ['d1'],
            commit: 'abc',
            base: 'Base-1B',
            deployed: true,
            scores: { accuracy: 0.5 },
          },
          v2: { parent: 'v1', also: ['gone:v3'], createdAt: '2026-01-01T00:00:00.000Z' },
        },
      }),
    );
    const json = graph.toJson();
    expect(JSON.parse(JSON.stringify(json))).toEqual({
      nodes: [
        {
          id: 'gone:v3',
          modelName: 'gone',
          version: 'v3',
          missing: true,
          deployed: false,
          trainingDataSources: [],
          notes: '',
        },
        {
          id: 'm:v1',
          modelName: 'm',
          version: 'v1',
          missing: false,
          status: 'deployed',
          deployed: true,
          trainingDataSources: ['d1'],
          gitCommit: 'abc',
          baseModel: 'Base-1B',
          notes: '',
          mainMetric: { name: 'accuracy', value: 0.5 },
        },
        {
          id: 'm:v2',
          modelName: 'm',
          version: 'v2',
          missing: false,
          status: 'completed',
          deployed: false,
          createdAt: '2026-01-01T00:00:00.000Z',
          trainingDataSources: [],
          notes: '',
        },
      ],
      edges: [
        { from: 'gone:v3', to: 'm:v2', kind: 'additional-parent' },
        { from: 'm:v1', to: 'm:v2', kind: 'parent' },
      ],
    });
  });

  it('cannot be changed through its results', () => {
    const graph = LineageGraph.fromRecords(familyRecords());
    const [node] = graph.toJson({ ids: ['din:v1'] }).nodes;
    const sources = (node?.trainingDataSources ?? []) as string[];
    expect(sources).toEqual(['asm-qa']);
    expect(() => sources.push('changed')).toThrow(TypeError);
    (node as { notes: string }).notes = 'changed';
    expect(graph.toJson({ ids: ['din:v1'] }).nodes[0]).toMatchObject({
      trainingDataSources: ['asm-qa'],
      notes: '',
    });
  });
});

describe('render scopes', () => {
  const family = LineageGraph.fromRecords(familyRecords());

  it('renders exactly the versions listed', () => {
    const json = family.toJson({ ids: ['majora:v4', { modelName: 'majora', version: 'v2' }] });
    expect(json.nodes.map((n) => n.id)).toEqual(['majora:v2', 'majora:v4']);
    expect(json.edges).toEqual([{ from: 'majora:v2', to: 'majora:v4', kind: 'parent' }]);
  });

  it('renders everything by default, models in name order', () => {
    expect(family.toJson().nodes.map((n) => n.id)).toEqual([
      'din:v1',
      'din:v2',
      'majora:v1',
      'majora:v2',
      'majora:v3',
      'majora:v4',
      'nayru:v1',
      'nayru:v2',
    ]);
  });

  it('refuses two scopes at once and unknown versions', () => {
    expect(() => family.toMermaid({ model: 'majora', around: 'majora:v1' })).toThrow(
      /one of model, around or ids, not model and around/,
    );
    expect(
      isRegistryError(
        catchError(() => family.toDot({ around: 'majora:v9' })),
        'VERSION_NOT_FOUND',
      ),
    ).toBe(true);
    expect(
      isRegistryError(
        catchError(() => family.toDot({ model: 'zelda' })),
        'MODEL_NOT_FOUND',
      ),
    ).toBe(true);
  });
});
