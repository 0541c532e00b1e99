// Runs inside the scratch project made by pack-smoke.mjs, against the
// installed tarballs only (no workspace, no sources).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineageTracker } from '@afs/lineage';
import { createMemoryStore, ModelRegistry, nextVersion } from '@afs/registry-core';
import { createFsLockStore } from '@afs/registry-store-fs-lock';
import { createJsonStore } from '@afs/registry-store-json';

const dir = mkdtempSync(join(tmpdir(), 'afs-smoke-use-'));
try {
  const memory = new ModelRegistry({ store: createMemoryStore() });
  assert.equal((await memory.registerModel({ modelName: 'majora' })).version, 'v1');
  assert.equal(nextVersion(['v1.0.0'], 'patch'), 'v1.0.1');

  for (const [name, store] of [
    ['json', createJsonStore({ path: join(dir, 'json', 'registry.json') })],
    ['fs-lock', createFsLockStore({ path: join(dir, 'fs-lock', 'registry.json') })],
  ]) {
    const registry = new ModelRegistry({ store });
    await registry.registerModel({
      modelName: 'majora',
      baseModel: 'Qwen2.5-Coder-7B',
      trainingData: ['code-v1'],
      evaluationScores: { accuracy: 0.85 },
    });
    await registry.registerModel({
      modelName: 'majora',
      parentVersion: 'v1',
      evaluationScores: { accuracy: 0.87 },
    });
    await registry.setDeployed('majora', 'v2');
    const file = JSON.parse(readFileSync(join(dir, name, 'registry.json'), 'utf8'));
    assert.equal(file.models.majora.versions.v2.deployed, true, `${name} store wrote the file`);
    const impact = await new LineageTracker({ store }).datasetImpact('code-v1');
    assert.deepEqual(
      impact.versions.map((v) => v.id),
      ['majora:v1', 'majora:v2'],
    );
    await store.close?.();
  }

  const afs = join('node_modules', '.bin', 'afs');
  const version = execFileSync(afs, ['--version'], { encoding: 'utf8' }).trim();
  assert.equal(
    version,
    JSON.parse(readFileSync('node_modules/@afs/cli/package.json', 'utf8')).version,
  );
  const registry = join(dir, 'cli');
  execFileSync(afs, ['--registry', registry, 'registry', 'add', 'majora', '--accuracy', '0.9'], {
    encoding: 'utf8',
  });
  const list = JSON.parse(
    execFileSync(afs, ['--registry', registry, 'registry', 'list', '--json'], { encoding: 'utf8' }),
  );
  assert.equal(list[0].latestVersion, 'v1');
  console.log('core, both stores, lineage and the afs binary work from the tarballs');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
