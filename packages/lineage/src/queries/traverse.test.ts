import { describe, expect, it } from 'vitest';
import { familyRecords, makeRecords } from '../../test/support.js';
import { LineageGraph } from '../graph.js';

const family = LineageGraph.fromRecords(familyRecords());
const steps = (list: { id: string; distance: number }[]) =>
  list.map((v) => `${v.id}@${v.distance}`);

describe('ancestors', () => {
  it('walks a chain nearest first', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({ m: { v1: {}, v2: { parent: 'v1' }, v3: { parent: 'v2' } } }),
    );
    expect(steps(graph.ancestors('m', 'v3'))).toEqual(['m:v2@1', 'm:v1@2']);
    expect(graph.ancestors('m', 'v1')).toEqual([]);
  });

  it('lists every ancestor of a merge once, breadth-first, primary parent first', () => {
    expect(steps(family.ancestors('majora', 'v4'))).toEqual([
      'majora:v2@1',
      'majora:v3@1',
      'majora:v1@2',
    ]);
  });

  it('crosses models', () => {
    expect(steps(family.ancestors('nayru', 'v2'))).toEqual([
      'nayru:v1@1',
      'majora:v4@2',
      'majora:v2@3',
      'majora:v3@3',
      'majora:v1@4',
    ]);
  });

  it('reaches both roots of a merge of two roots', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({ a: { v1: {} }, b: { v1: {} }, c: { v1: { parent: 'a:v1', also: ['b:v1'] } } }),
    );
    expect(steps(graph.ancestors('c', 'v1'))).toEqual(['a:v1@1', 'b:v1@1']);
  });

  it('returns whole version nodes', () => {
    expect(family.ancestors('nayru', 'v1')[0]).toMatchObject({
      id: 'majora:v4',
      modelName: 'majora',
      version: 'v4',
      deployed: true,
      status: 'deployed',
      mainMetric: { name: 'accuracy', value: 0.9 },
      distance: 1,
    });
  });
});

describe('descendants', () => {
  it('lists each descendant once, nearest first, across models', () => {
    expect(steps(family.descendants('majora', 'v1'))).toEqual([
      'majora:v2@1',
      'majora:v3@1',
      'majora:v4@2',
      'nayru:v1@3',
      'nayru:v2@4',
    ]);
  });

  it('keeps separate roots apart', () => {
    expect(steps(family.descendants('din', 'v1'))).toEqual(['din:v2@1']);
    expect(family.descendants('din', 'v2')).toEqual([]);
  });

  it('orders siblings by version, not by registration order', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        m: { v1: {}, v10: { parent: 'v1' }, v9: { parent: 'v1' }, 'v2.1': { parent: 'v1' } },
      }),
    );
    expect(graph.descendants('m', 'v1').map((v) => v.version)).toEqual(['v2.1', 'v9', 'v10']);
  });

  it('handles chains far deeper than the call stack', () => {
    const versions: Record<string, { parent?: string }> = { v1: {} };
    for (let i = 2; i <= 12_000; i++) versions[`v${i}`] = { parent: `v${i - 1}` };
    const graph = LineageGraph.fromRecords(makeRecords({ deep: versions }));
    const down = graph.descendants('deep', 'v1');
    expect(down).toHaveLength(11_999);
    expect(down.at(-1)).toMatchObject({ version: 'v12000', distance: 11_999 });
    expect(graph.ancestors('deep', 'v12000')).toHaveLength(11_999);
  });
});
