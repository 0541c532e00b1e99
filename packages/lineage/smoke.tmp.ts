import { createMemoryStore, ModelRegistry } from '@afs/registry-core';
import { LineageTracker } from './src/index.js';

let t = Date.UTC(2026, 0, 14, 12);
const clock = () => new Date((t += 60_000));
const store = createMemoryStore();
const registry = new ModelRegistry({ store, clock });
const tracker = new LineageTracker({ store, clock });
await registry.registerModel({
  modelName: 'majora',
  version: 'v1',
  baseModel: 'Qwen2.5-Coder-7B',
  trainingData: ['oracle-docs'],
  evaluationScores: { accuracy: 0.85 },
  gitCommit: 'abc123',
});
await registry.registerModel({
  modelName: 'majora',
  version: 'v2',
  parentVersion: 'v1',
  trainingData: ['asm-qa'],
  evaluationScores: { accuracy: 0.87 },
});
await registry.registerModel({
  modelName: 'majora',
  version: 'v2b',
  parentVersion: 'v1',
  trainingData: ['scraped-forum'],
  evaluationScores: { accuracy: 0.86 },
});
await registry.registerModel({
  modelName: 'majora',
  version: 'v3',
  parentVersion: 'v2',
  additionalParents: ['v2b'],
  evaluationScores: { accuracy: 0.9 },
});
await registry.setDeployed('majora', 'v3');
await tracker.addVersion({
  modelName: 'nayru',
  version: 'v1',
  parentVersion: 'majora:v3',
  baseModel: 'Qwen2.5-1.5B',
  trainingData: ['distill-set'],
  gitCommit: 'def456',
  notes: 'distilled from majora v3',
});
await registry.updateEvaluationScores('nayru', 'v1', { perplexity: 5.2 });
await registry.setDeployed('nayru', 'v1');
console.log(await tracker.buildTree('majora'));
console.log(await tracker.buildTree('nayru'));
console.log(await tracker.toMermaid());
console.log(await tracker.toDot({ model: 'nayru' }));
console.log(JSON.stringify(await tracker.datasetImpact('scraped-forum'), null, 1).slice(0, 1500));
console.log(await tracker.summary(), await tracker.summary('majora'));
console.log(
  await tracker.getAncestors('nayru', 'v1').then((a) => a.map((x) => `${x.id}@${x.distance}`)),
);
console.log(await tracker.commonAncestors('majora:v2', 'majora:v2b'));
console.log(await tracker.findPath('nayru:v1', 'majora:v1'));
