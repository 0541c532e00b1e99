// Runs inside the scratch project made by pack-smoke.mjs, against the
// installed tarballs only (no workspace, no sources).
import assert from 'node:assert/strict';
import { createMemoryStore, ModelRegistry, nextVersion } from '@afs/registry-core';

const registry = new ModelRegistry({ store: createMemoryStore() });
const v1 = await registry.registerModel({
  modelName: 'majora',
  baseModel: 'Qwen2.5-Coder-7B',
  evaluationScores: { accuracy: 0.85 },
});
const v2 = await registry.registerModel({
  modelName: 'majora',
  parentVersion: 'v1',
  evaluationScores: { accuracy: 0.87 },
});
assert.equal(v1.version, 'v1');
assert.equal(v2.version, 'v2');
assert.equal(nextVersion(['v1.0.0'], 'patch'), 'v1.0.1');
await registry.setDeployed('majora', 'v2');
assert.equal((await registry.getDeployed('majora'))?.version, 'v2');
console.log('core API works from the tarball');
