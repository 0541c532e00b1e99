import { describe, expect, it } from 'vitest';
import { LineageGraph } from '../src/graph.js';
import type { RelatedVersion } from '../src/index.js';
import { fixtureDataSource, generateLineageFixture } from './generate.js';

// 1,000 models × 100 versions. Speed is measured by the benchmark; this
// checks that the answers at that size are right, against an independent
// (naive) reading of the same records.
const fixture = generateLineageFixture();
const { records, modelNames } = fixture;
const k = fixture.options.versionsPerModel;
const graph = LineageGraph.fromRecords(records);

const parentsOf = new Map<string, string[]>();
const childrenOf = new Map<string, string[]>();
const deployed = new Set<string>();
const sourcesOf = new Map<string, string[]>();
for (const record of records) {
  for (const v of Object.values(record.versions)) {
    const id = `${v.modelName}:${v.version}`;
    const refs = [...(v.parentVersion ? [v.parentVersion] : []), ...v.additionalParents];
    const parents = refs.map((ref) => (ref.includes(':') ? ref : `${v.modelName}:${ref}`));
    parentsOf.set(id, parents);
    for (const parent of parents) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), id]);
    if (v.deployed) deployed.add(id);
    sourcesOf.set(id, v.trainingDataSources);
  }
}

function reachable(starts: string[], next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const other of next.get(id) ?? []) {
      if (!seen.has(other)) {
        seen.add(other);
        stack.push(other);
      }
    }
  }
  return seen;
}

/** Each node once; each distance is one more than the nearest neighbour toward the start. */
function expectBreadthFirst(start: string, result: RelatedVersion[], back: Map<string, string[]>) {
  const distance = new Map<string, number>([[start, 0]]);
  for (const v of result) distance.set(v.id, v.distance);
  expect(distance.size).toBe(result.length + 1);
  let previous = 0;
  for (const v of result) {
    expect(v.distance).toBeGreaterThanOrEqual(previous);
    previous = v.distance;
    const nearer = (back.get(v.id) ?? []).map((id) => distance.get(id) ?? Number.POSITIVE_INFINITY);
    expect(Math.min(...nearer)).toBe(v.distance - 1);
  }
}

describe(`a generated graph of ${fixture.versionCount} versions`, () => {
  it('holds every version and edge', () => {
    expect(graph.size).toBe(100_000);
    expect(graph.modelNames()).toHaveLength(1000);
    const json = graph.toJson({ model: modelNames[1] as string });
    expect(json.nodes.length).toBeGreaterThan(k);
    expect(fixture.edgeCount).toBe(1000 * (k - 1) + 900 * (1 + k / 10));
  });

  it('finds ancestors, matching a naive walk and the closed form', () => {
    for (const index of [0, 1, 5, 9, 503, 999]) {
      const modelName = modelNames[index] as string;
      for (const version of ['v1', 'v37', `v${k}`]) {
        const start = `${modelName}:${version}`;
        const result = graph.ancestors(modelName, version);
        expect(new Set(result.map((v) => v.id))).toEqual(reachable([start], parentsOf));
        expectBreadthFirst(start, result, childrenOf);
      }
      // The last version merges the whole previous model, which merges the one before…
      expect(graph.ancestors(modelName, `v${k}`)).toHaveLength(k - 1 + (index % 10) * k);
    }
  });

  it('finds descendants, matching a naive walk and the closed form', () => {
    for (const index of [0, 4, 9, 990]) {
      const modelName = modelNames[index] as string;
      for (const version of ['v1', 'v50', 'v51', `v${k}`]) {
        const start = `${modelName}:${version}`;
        const result = graph.descendants(modelName, version);
        expect(new Set(result.map((v) => v.id))).toEqual(reachable([start], childrenOf));
        expectBreadthFirst(start, result, parentsOf);
      }
    }
    // A family's root reaches its whole family and nothing else.
    expect(graph.descendants(modelNames[0] as string, 'v1')).toHaveLength(10 * k - 1);
    expect(graph.descendants(modelNames[9] as string, `v${k}`)).toHaveLength(0);
  });

  it('finds every version a data source reached, and the deployed ones', () => {
    const source = fixtureDataSource(42, 3, fixture.options.batches);
    const direct = [...sourcesOf]
      .filter(([, sources]) => sources.includes(source))
      .map(([id]) => id);
    const expected = new Set([...direct, ...reachable(direct, childrenOf)]);
    const report = graph.datasetImpact(source);
    expect(report.matched).toEqual([source]);
    expect(new Set(report.versions.map((v) => v.id))).toEqual(expected);
    expect(report.versions).toHaveLength(expected.size);
    expect(
      report.versions
        .filter((v) => v.direct)
        .map((v) => v.id)
        .sort(),
    ).toEqual(direct.sort());
    expect(report.deployed.map((v) => v.id).sort()).toEqual(
      [...expected].filter((id) => deployed.has(id)).sort(),
    );
    expect(report.deployed.length).toBeGreaterThan(0);
    for (const v of report.versions.filter((_, i) => i % 25 === 0)) {
      if (v.direct) continue;
      expect(direct).toContain(v.via);
      expect(graph.path(v.via as string, v.id)?.length).toBe(v.distance);
    }
  });

  it('finds every version built on a base model', () => {
    const report = graph.baseModelImpact('base-2');
    // Families 2, 7, 12, … (every fifth of 100) start from base-2.
    expect(report.versions).toHaveLength(20 * 10 * k);
    expect(report.versions.filter((v) => v.direct)).toHaveLength(20);
  });

  it('answers paths, common ancestors and the summary', () => {
    const root = `${modelNames[500]}:v1`;
    const leaf = `${modelNames[509]}:v${k}`;
    expect(graph.path(leaf, root)?.from).toBe(root);
    expect(graph.path(root, `${modelNames[510]}:v1`)).toBeUndefined();
    expect(
      graph.commonAncestors(`${modelNames[503]}:v5`, `${modelNames[503]}:v9`).map((v) => v.id),
    ).toEqual([`${modelNames[503]}:v5`]);
    expect(graph.summary()).toMatchObject({
      models: 1000,
      versions: 100_000,
      roots: 100,
      leaves: 100,
      // Down each model to its middle, across to the next model's v1, and so on; then to the end.
      maxDepth: 9 * Math.ceil(k / 2) + k - 1,
      dataSources: 100 * 10,
      baseModels: 5,
      deployed: 334,
      missingParents: 0,
    });
  });
});
