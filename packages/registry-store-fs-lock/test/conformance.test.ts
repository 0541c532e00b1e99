import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { JsonStore } from '@afs/registry-store-json';
import { describeStoreConformance } from '@afs/registry-store-testkit';
import { createFsLockStore } from '../src/index.js';

describeStoreConformance(
  'fs-lock',
  async () =>
    createFsLockStore({ path: await mkdtemp(join(tmpdir(), 'afs-fs-lock-conformance-')) }),
  {
    reopen: (store: JsonStore) => createFsLockStore({ path: store.file }),
    cleanup: (store: JsonStore) => rm(dirname(store.file), { recursive: true, force: true }),
  },
);
