import { describe, expect, it } from 'vitest';
import { familyRecords, makeRecords } from '../../test/support.js';
import { LineageGraph } from '../graph.js';

const family = LineageGraph.fromRecords(familyRecords());

describe('path', () => {
  it('gives the shortest chain from the ancestor down, whichever is named first', () => {
    const expected = {
      from: 'majora:v1',
      to: 'nayru:v2',
      ids: ['majora:v1', 'majora:v2', 'majora:v4', 'nayru:v1', 'nayru:v2'],
      length: 4,
    };
    expect(family.path('majora:v1', 'nayru:v2')).toEqual(expected);
    expect(family.path({ modelName: 'nayru', version: 'v2' }, 'majora:v1')).toEqual(expected);
  });

  it('is a single node from a version to itself', () => {
    expect(family.path('din:v1', 'din:v1')).toEqual({
      from: 'din:v1',
      to: 'din:v1',
      ids: ['din:v1'],
      length: 0,
    });
  });

  it('is undefined between versions where neither descends from the other', () => {
    expect(family.path('majora:v2', 'majora:v3')).toBeUndefined();
    expect(family.path('din:v1', 'majora:v1')).toBeUndefined();
  });
});

describe('commonAncestors', () => {
  it('finds the fork point of two branches', () => {
    expect(
      family
        .commonAncestors('majora:v2', 'majora:v3')
        .map((v) => [v.id, v.distanceFromA, v.distanceFromB]),
    ).toEqual([['majora:v1', 1, 1]]);
  });

  it('is the ancestor itself when one version descends from the other', () => {
    expect(
      family
        .commonAncestors('nayru:v2', 'majora:v3')
        .map((v) => [v.id, v.distanceFromA, v.distanceFromB]),
    ).toEqual([['majora:v3', 3, 0]]);
  });

  it('keeps only the nearest, dropping their own ancestors', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        m: {
          v1: {},
          v2: { parent: 'v1' },
          v3: { parent: 'v2' },
          v4: { parent: 'v2' },
        },
      }),
    );
    expect(graph.commonAncestors('m:v3', 'm:v4').map((v) => v.id)).toEqual(['m:v2']);
  });

  it('returns every nearest one in a criss-cross merge', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        a: { v1: {} },
        b: { v1: {} },
        c: { v1: { parent: 'a:v1', also: ['b:v1'] } },
        d: { v1: { parent: 'b:v1', also: ['a:v1'] } },
      }),
    );
    expect(graph.commonAncestors('c:v1', 'd:v1').map((v) => v.id)).toEqual(['a:v1', 'b:v1']);
  });

  it('is empty for unrelated versions', () => {
    expect(family.commonAncestors('din:v2', 'nayru:v1')).toEqual([]);
  });
});
