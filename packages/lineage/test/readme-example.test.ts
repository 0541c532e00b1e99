import { createMemoryStore, ModelRegistry } from '@afs/registry-core';
import { expect, it } from 'vitest';
import { LineageTracker } from '../src/index.js';

// The worked example of README.md, kept here so that the outputs shown there
// are the renderer's real outputs. Change both together.
it('produces the outputs the README shows', async () => {
  const store = createMemoryStore();
  const registry = new ModelRegistry({ store });
  const lineage = new LineageTracker({ store });

  // A LoRA on a base model, two fine-tunes of it, and a merge of the two.
  await registry.registerModel({
    modelName: 'majora',
    version: 'v1',
    status: 'completed',
    baseModel: 'Qwen2.5-Coder-7B',
    trainingData: ['oracle-docs'],
    evaluationScores: { accuracy: 0.85 },
  });
  await registry.registerModel({
    modelName: 'majora',
    version: 'v2',
    status: 'completed',
    parentVersion: 'v1',
    trainingData: ['asm-qa'],
    evaluationScores: { accuracy: 0.87 },
  });
  await registry.registerModel({
    modelName: 'majora',
    version: 'v3',
    status: 'completed',
    parentVersion: 'v1',
    trainingData: ['scraped-forum'],
    evaluationScores: { accuracy: 0.86 },
  });
  await registry.registerModel({
    modelName: 'majora',
    version: 'v4',
    status: 'completed',
    parentVersion: 'v2',
    additionalParents: ['v3'],
    evaluationScores: { accuracy: 0.9 },
  });
  await registry.setDeployed('majora', 'v4');

  // A small model distilled from the merge. The tracker records its lineage,
  // creating the version (as a draft) because the registry has not seen it yet.
  await lineage.addVersion({
    modelName: 'nayru',
    version: 'v1',
    parentVersion: 'majora:v4',
    baseModel: 'Qwen2.5-1.5B',
    trainingData: ['distill-set'],
    gitCommit: '9f3c2e1',
  });
  await registry.updateEvaluationScores('nayru', 'v1', { f1Score: 0.81 });
  await registry.setDeployed('nayru', 'v1');

  expect(await lineage.buildTree('majora')).toBe(`majora
└── v1 [completed] accuracy=0.85
    ├── v2 [completed] accuracy=0.87
    │   └── v4 [deployed ★] accuracy=0.9 (merge; also from v3; parent of nayru:v1)
    └── v3 [completed] accuracy=0.86`);
  expect(await lineage.buildTree('nayru')).toBe(`nayru
└── v1 [deployed ★] f1Score=0.81 (from majora:v4)`);

  expect(await lineage.toMermaid()).toBe(`graph TD
  n_majora_3av1["majora:v1<br/>completed<br/>accuracy=0.85"]
  n_majora_3av2["majora:v2<br/>completed<br/>accuracy=0.87"]
  n_majora_3av3["majora:v3<br/>completed<br/>accuracy=0.86"]
  n_majora_3av4["majora:v4<br/>deployed ★<br/>accuracy=0.9"]
  n_nayru_3av1["nayru:v1<br/>deployed ★<br/>f1Score=0.81"]
  n_majora_3av1 --> n_majora_3av2
  n_majora_3av1 --> n_majora_3av3
  n_majora_3av2 --> n_majora_3av4
  n_majora_3av3 -.-> n_majora_3av4
  n_majora_3av4 --> n_nayru_3av1
  classDef deployed stroke-width:3px
  class n_majora_3av4,n_nayru_3av1 deployed`);

  // The forum scrape turns out to be contaminated: what learned from it?
  const impact = await lineage.datasetImpact('scraped-forum');
  const lines = impact.versions.map(
    (v) =>
      `${v.id}  ${v.direct ? 'direct' : `via ${v.via}, ${v.distance} step(s) down`}${v.deployed ? '  DEPLOYED' : ''}`,
  );
  expect(lines.join('\n')).toBe(`majora:v3  direct
majora:v4  via majora:v3, 1 step(s) down  DEPLOYED
nayru:v1  via majora:v3, 2 step(s) down  DEPLOYED`);
  expect(impact.deployed.map((v) => v.id)).toEqual(['majora:v4', 'nayru:v1']);

  expect((await lineage.getAncestors('nayru', 'v1')).map((v) => v.id)).toEqual([
    'majora:v4',
    'majora:v2',
    'majora:v3',
    'majora:v1',
  ]);
  expect(await lineage.summary()).toEqual({
    modelName: undefined,
    models: 2,
    versions: 5,
    roots: 1,
    leaves: 1,
    maxDepth: 3,
    dataSources: 4,
    baseModels: 2,
    deployed: 2,
    missingParents: 0,
  });
});
