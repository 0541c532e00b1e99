import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createSerialQueue } from '@afs/registry-core';
import { describeStoreConformance } from '@afs/registry-store-testkit';
import type { WriteCoordinator } from './coordinator.js';
import { createJsonStore, type JsonStore } from './json-store.js';

async function freshStore(coordinator?: WriteCoordinator): Promise<JsonStore> {
  const dir = await mkdtemp(join(tmpdir(), 'afs-json-conformance-'));
  return createJsonStore({ path: dir, coordinator });
}

const removeFolder = (store: JsonStore) =>
  rm(dirname(store.file), { recursive: true, force: true });

describeStoreConformance('json', () => freshStore(), {
  reopen: (store) => createJsonStore({ path: store.file }),
  cleanup: removeFolder,
});

/**
 * An in-process stand-in for a cross-process lock: one queue per file shared
 * by every store instance, so the kit's multi-instance tests exercise the
 * coordinator hook end to end.
 */
const queues = new Map<string, ReturnType<typeof createSerialQueue>>();
const inProcessLock: WriteCoordinator = {
  name: 'in-process-lock',
  exclusive(file, critical) {
    let queue = queues.get(file);
    if (queue === undefined) {
      queue = createSerialQueue();
      queues.set(file, queue);
    }
    return queue(() => critical({ assertHeld: async () => undefined }));
  },
};

describeStoreConformance('json with a coordinator', () => freshStore(inProcessLock), {
  reopen: (store) => createJsonStore({ path: store.file, coordinator: inProcessLock }),
  cleanup: removeFolder,
});
