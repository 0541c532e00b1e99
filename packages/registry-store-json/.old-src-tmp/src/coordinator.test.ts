import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegistryError, RegistryError } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support.js';
import type { CommitGuard, WriteCoordinator } from './coordinator.js';
import { createJsonStore } from './json-store.js';

const record = {
  metadata: { modelName: 'din', description: '', owner: '', tags: [], notes: '' },
  versions: {},
  deployments: [],
};

/** A coordinator that records what the store asks of it. */
function recordingCoordinator(options: { lose?: boolean } = {}) {
  const events: string[] = [];
  let holding = false;
  const coordinator: WriteCoordinator = {
    name: 'test-lock',
    async exclusive<T>(file: string, critical: (guard: CommitGuard) => Promise<T>): Promise<T> {
      events.push(`enter ${file}`);
      holding = true;
      try {
        return await critical({
          async assertHeld() {
            events.push('assertHeld');
            if (options.lose) throw new RegistryError('LOCK_LOST', 'lock was stolen');
          },
        });
      } finally {
        holding = false;
        events.push('exit');
      }
    },
    async close() {
      events.push('close');
    },
  };
  return { coordinator, events, isHolding: () => holding };
}

describe('a store with a WriteCoordinator', () => {
  it('reports the coordinator name and cross-process capability', () => {
    const { coordinator } = recordingCoordinator();
    const store = createJsonStore({ path: '/tmp/afs-unused/registry.json', coordinator });
    expect(store.name).toBe('test-lock');
    expect(store.capabilities).toEqual({
      persistent: true,
      crossProcess: true,
      detectsConflicts: true,
    });
    expect(createJsonStore({ path: '/tmp/afs-unused/registry.json' }).name).toBe('json');
  });

  it('runs the whole transaction inside exclusive() and asserts the lock just before publishing', async () => {
    const dir = await tempDir();
    const { coordinator, events, isHolding } = recordingCoordinator();
    const store = createJsonStore({ path: dir, coordinator });
    await store.transact((tx) => {
      expect(isHolding()).toBe(true);
      events.push('work');
      tx.putModel(record);
    });
    expect(events).toEqual([`enter ${join(dir, 'registry.json')}`, 'work', 'assertHeld', 'exit']);
    expect((await store.read()).modelNames()).toEqual(['din']);
  });

  it('does not assert or write for a transaction that changes nothing', async () => {
    const dir = await tempDir();
    const { coordinator, events } = recordingCoordinator();
    await createJsonStore({ path: dir, coordinator }).transact((tx) => tx.modelNames());
    expect(events).toEqual([`enter ${join(dir, 'registry.json')}`, 'exit']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('publishes nothing when the lock was lost, and passes the error on', async () => {
    const dir = await tempDir();
    const { coordinator } = recordingCoordinator({ lose: true });
    const store = createJsonStore({ path: dir, coordinator });
    await expect(store.transact((tx) => tx.putModel(record))).rejects.toSatisfy((error) =>
      isRegistryError(error, 'LOCK_LOST'),
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('never takes the lock to read, and closes the coordinator on close()', async () => {
    const dir = await tempDir();
    const { coordinator, events } = recordingCoordinator();
    const store = createJsonStore({ path: dir, coordinator });
    await store.read();
    expect(events).toEqual([]);
    await store.close?.();
    expect(events).toEqual(['close']);
  });

  it('keeps conflict detection as a second line of defence', async () => {
    const dir = await tempDir();
    // A broken coordinator that excludes nothing.
    const coordinator: WriteCoordinator = {
      name: 'no-op',
      exclusive: (_file, critical) => critical({ assertHeld: async () => undefined }),
    };
    const a = createJsonStore({ path: dir, coordinator });
    const b = createJsonStore({ path: dir, coordinator });
    await expect(
      a.transact(async (tx) => {
        await b.transact((inner) => inner.putModel(record));
        tx.putModel({ ...record, metadata: { ...record.metadata, modelName: 'other' } });
      }),
    ).rejects.toSatisfy((error) => isRegistryError(error, 'CONFLICT'));
  });
});
