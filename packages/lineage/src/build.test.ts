import { createMemoryStore, isRegistryError } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { catchError, familyRecords, makeRecords } from '../test/support.js';
import { LineageGraph } from './graph.js';

describe('LineageGraph construction', () => {
  it('holds every version of every model as a node', () => {
    const graph = LineageGraph.fromRecords(familyRecords());
    expect(graph.size).toBe(8);
    expect(graph.modelNames()).toEqual(['din', 'majora', 'nayru']);
    expect(graph.versions('majora').map((v) => v.id)).toEqual([
      'majora:v1',
      'majora:v2',
      'majora:v3',
      'majora:v4',
    ]);
    expect(graph.has('nayru', 'v1')).toBe(true);
    expect(graph.has('nayru', 'v9')).toBe(false);
    expect(graph.hasModel('din')).toBe(true);
  });

  it('reads a store snapshot the same as the records', async () => {
    const store = createMemoryStore({ initial: familyRecords() });
    const fromReader = LineageGraph.fromReader(await store.read());
    const fromRecords = LineageGraph.fromRecords(familyRecords());
    expect(fromReader.toJson()).toEqual(fromRecords.toJson());
  });

  it('resolves same-model and cross-model parent references, primary first', () => {
    const graph = LineageGraph.fromRecords(familyRecords());
    expect(graph.lineage('majora', 'v4')).toMatchObject({
      parents: ['majora:v2', 'majora:v3'],
      primaryParent: 'majora:v2',
      children: ['nayru:v1'],
    });
    expect(graph.lineage('nayru', 'v1').parents).toEqual(['majora:v4']);
  });

  it('counts a parent named twice (v1 and model:v1) once', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({ m: { v1: {}, v2: { parent: 'v1', also: ['m:v1'] } } }),
    );
    expect(graph.lineage('m', 'v2').parents).toEqual(['m:v1']);
    expect(graph.lineage('m', 'v1').children).toEqual(['m:v2']);
  });

  it('keeps a dangling parent as a missing node instead of failing', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({ m: { v2: { parent: 'v1' }, v3: { parent: 'v2', also: ['gone:v7'] } } }),
    );
    expect(graph.size).toBe(2);
    expect(graph.missingVersions().map((v) => v.id)).toEqual(['m:v1', 'gone:v7']);
    expect(graph.node('m:v1')).toMatchObject({ missing: true, deployed: false });
    expect(graph.has('m', 'v1')).toBe(false);
    expect(graph.lineage('m', 'v3').missingParents).toEqual(['gone:v7']);
    expect(graph.ancestors('m', 'v3').map((v) => [v.id, v.missing])).toEqual([
      ['m:v2', false],
      ['gone:v7', true],
      ['m:v1', true],
    ]);
  });

  it('keeps a parent without parentVersion as an additional parent, not a primary one', () => {
    const graph = LineageGraph.fromRecords(makeRecords({ m: { v1: {}, v2: { also: ['v1'] } } }));
    expect(graph.lineage('m', 'v2')).toMatchObject({ parents: ['m:v1'], primaryParent: undefined });
  });

  it('hands out nodes that cannot be changed', () => {
    const graph = LineageGraph.fromRecords(familyRecords());
    const node = graph.node('majora:v1');
    expect(node?.notes).toBe('');
    expect(() => {
      (node as { notes: string }).notes = 'changed';
    }).toThrow(TypeError);
    const sources = (graph.versions('din')[0]?.trainingDataSources ?? []) as string[];
    expect(sources).toEqual(['asm-qa']);
    expect(() => sources.push('x')).toThrow(TypeError);
  });

  it('refuses the same model twice', () => {
    const records = [...makeRecords({ m: { v1: {} } }), ...makeRecords({ m: { v2: {} } })];
    expect(() => LineageGraph.fromRecords(records)).toThrow(/appears twice/);
  });

  it('names the known models and versions when asked about unknown ones', () => {
    const graph = LineageGraph.fromRecords(familyRecords());
    const modelError = catchError(() => graph.ancestors('zelda', 'v1'));
    expect(isRegistryError(modelError, 'MODEL_NOT_FOUND')).toBe(true);
    expect((modelError as Error).message).toContain('Known models: din, majora, nayru.');
    const versionError = catchError(() => graph.descendants('majora', 'v9'));
    expect(isRegistryError(versionError, 'VERSION_NOT_FOUND')).toBe(true);
    expect((versionError as Error).message).toContain('Known versions: v1, v2, v3, v4.');
  });

  it('treats a missing node as not found when asked about directly', () => {
    const graph = LineageGraph.fromRecords(makeRecords({ m: { v2: { parent: 'v1' } } }));
    expect(
      isRegistryError(
        catchError(() => graph.lineage('m', 'v1')),
        'VERSION_NOT_FOUND',
      ),
    ).toBe(true);
  });

  it('refuses a selector without a model name', () => {
    const graph = LineageGraph.fromRecords(familyRecords());
    expect(() => graph.path('v1', 'majora:v2')).toThrow(/Write it as "<model>:<version>"/);
  });

  it('terminates on a registry that already holds a cycle (hand-edited file)', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({ m: { v1: { parent: 'v3' }, v2: { parent: 'v1' }, v3: { parent: 'v2' } } }),
    );
    expect(graph.ancestors('m', 'v1').map((v) => v.id)).toEqual(['m:v3', 'm:v2']);
    expect(graph.descendants('m', 'v1').map((v) => v.id)).toEqual(['m:v2', 'm:v3']);
    expect(graph.summary('m')).toMatchObject({ versions: 3, roots: 0, maxDepth: 0 });
    expect(graph.buildTree('m').split('\n')).toHaveLength(4);
  });
});
