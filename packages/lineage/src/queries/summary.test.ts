import { describe, expect, it } from 'vitest';
import { familyRecords, makeRecords } from '../../test/support.js';
import { LineageGraph } from '../graph.js';

const family = LineageGraph.fromRecords(familyRecords());

describe('summary', () => {
  it('counts the whole registry', () => {
    expect(family.summary()).toEqual({
      modelName: undefined,
      models: 3,
      versions: 8,
      roots: 2,
      leaves: 2,
      maxDepth: 4,
      dataSources: 5,
      baseModels: 3,
      deployed: 2,
      missingParents: 0,
    });
  });

  it('counts one model, looking only at edges inside it', () => {
    expect(family.summary('majora')).toEqual({
      modelName: 'majora',
      models: 1,
      versions: 4,
      roots: 1,
      leaves: 1,
      maxDepth: 2,
      dataSources: 3,
      baseModels: 1,
      deployed: 1,
      missingParents: 0,
    });
    // nayru:v1 is distilled from majora, but it is where nayru starts.
    expect(family.summary('nayru')).toMatchObject({ roots: 1, leaves: 1, maxDepth: 1 });
  });

  it('takes the longest chain through a merge', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({
        m: {
          v1: {},
          v2: { parent: 'v1' },
          v3: { parent: 'v2' },
          v4: { parent: 'v1', also: ['v3'] },
        },
      }),
    );
    expect(graph.summary('m')).toMatchObject({ roots: 1, leaves: 1, maxDepth: 3 });
  });

  it('counts dangling parent references and an empty model', () => {
    const graph = LineageGraph.fromRecords(
      makeRecords({ m: { v2: { parent: 'v1', also: ['x:v1'] }, v3: { parent: 'v1' } }, empty: {} }),
    );
    expect(graph.summary('m')).toMatchObject({ versions: 2, roots: 2, missingParents: 2 });
    expect(graph.summary('empty')).toMatchObject({ versions: 0, roots: 0, leaves: 0, maxDepth: 0 });
  });
});
