// Runs with vitest inside the scratch project made by pack-smoke.mjs: the
// published conformance kit against the published JSON store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsonStore } from '@afs/registry-store-json';
import { describeStoreConformance } from '@afs/registry-store-testkit';

describeStoreConformance(
  'json store from its tarball',
  () =>
    createJsonStore({ path: join(mkdtempSync(join(tmpdir(), 'afs-smoke-kit-')), 'registry.json') }),
  { reopen: (store) => createJsonStore({ path: store.file }) },
);
