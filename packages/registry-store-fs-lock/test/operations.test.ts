import { join } from 'node:path';
import { ModelRegistry } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { createFsLockStore } from '../src/index.js';
import { startWorkers } from './harness.js';
import { readModels } from './registry-files.js';
import { tempDir } from './support.js';

describe('random operations from several processes', () => {
  it('6 processes × 50 operations leave at most one deployed version per model, matching the history', async () => {
    const file = join(await tempDir(), 'registry.json');
    const setup = new ModelRegistry({ store: createFsLockStore({ path: file }) });
    for (const modelName of ['alpha', 'beta', 'gamma']) {
      await setup.registerModel({ modelName });
      await setup.registerModel({ modelName });
    }
    const seed = Date.now();
    const workers = await startWorkers(6, 'operations.ts', (i) => [file, '50', String(seed + i)]);
    for (const worker of workers) worker.send('go');
    await Promise.all(workers.map((w) => w.finished()));
    const outcomes = workers.flatMap((w) => w.linesOf('op'));
    expect(outcomes).toHaveLength(300);

    const models = await readModels(file);
    expect([...models.keys()].sort()).toEqual(['alpha', 'beta', 'gamma']);
    for (const [name, record] of models) {
      const deployed = Object.values(record.versions).filter((v) => v.deployed);
      expect(deployed.length, `${name} (seed ${seed})`).toBeLessThanOrEqual(1);
      const last = record.deployments.at(-1);
      if (last === undefined || last.action === 'undeploy') {
        expect(deployed, `${name} (seed ${seed})`).toEqual([]);
      } else {
        expect(
          deployed.map((v) => v.version),
          `${name} (seed ${seed})`,
        ).toEqual([last.version]);
      }
      for (const event of record.deployments) {
        expect(Object.hasOwn(record.versions, event.version)).toBe(true);
      }
    }
  }, 90_000);
});
