import { lstat, open, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRegistryError, type ModelRecord } from '@afs/registry-core';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test/support.js';
import { fileHolds } from './file-compare.js';
import { type FileIdentity, provablyUnchanged } from './file-identity.js';
import { createJsonStore } from './json-store.js';

vi.mock('./file-compare.js', async (original) => {
  const actual = await original<typeof import('./file-compare.js')>();
  return { fileHolds: vi.fn(actual.fileHolds) };
});

function model(name: string, notes = ''): ModelRecord {
  return {
    metadata: { modelName: name, description: '', owner: '', tags: [], notes },
    versions: {},
    deployments: [],
  };
}

/** Let the file system's clock move on, and stamp the folder with it. */
async function tickFolder(dir: string, file: string): Promise<boolean> {
  await sleep(30);
  const marker = join(dir, 'marker');
  await writeFile(marker, '');
  await rm(marker);
  const folder = await lstat(dir, { bigint: true });
  return folder.ctimeNs > (await lstat(file, { bigint: true })).ctimeNs;
}

const identity = (ctimeNs: bigint, mtimeNs = 5n): FileIdentity => ({
  dev: 1n,
  ino: 2n,
  size: 3n,
  mtimeNs,
  ctimeNs,
});

describe('the conflict check', () => {
  it('trusts the file only when its ctime is older than a stamp taken before it was read', () => {
    expect(provablyUnchanged(identity(10n), identity(10n), 11n)).toBe(true);
    // A clock that has not ticked since the write proves nothing.
    expect(provablyUnchanged(identity(10n), identity(10n), 10n)).toBe(false);
    expect(provablyUnchanged(identity(10n), identity(10n), undefined)).toBe(false);
    // Changed since (a rewrite that set the mtime back still moves the ctime).
    expect(provablyUnchanged(identity(10n), identity(12n), 11n)).toBe(false);
    expect(provablyUnchanged(identity(10n), identity(10n, 6n), 11n)).toBe(false);
  });

  it('does not read the file again when the stamp proves it untouched since the transaction read it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const store = createJsonStore({ path: dir });
    await store.transact((tx) => tx.putModel(model('aaa')));
    const settled = await tickFolder(dir, file);
    if (!settled) return; // A file system whose clock did not move: the bytes are compared.
    vi.mocked(fileHolds).mockClear();
    await store.transact((tx) => tx.putModel(model('aaa', 'second')));
    // Once, when the transaction checked its cached state; not again to publish.
    expect(vi.mocked(fileHolds)).toHaveBeenCalledTimes(1);
    expect(await readFile(file, 'utf8')).toContain('"second"');
  });

  it('still catches an in-place rewrite that keeps the size and sets the mtime back', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const store = createJsonStore({ path: dir });
    await store.transact((tx) => tx.putModel(model('aaa', 'xxxx')));
    await tickFolder(dir, file);
    const before = await stat(file);
    await expect(
      store.transact(async (tx) => {
        const handle = await open(file, 'r+');
        const text = await readFile(file, 'utf8');
        await handle.write(text.replace('xxxx', 'yyyy'), 0);
        await handle.close();
        await utimes(file, before.atime, before.mtime);
        tx.putModel(model('bbb'));
      }),
    ).rejects.toSatisfy((error) => isRegistryError(error, 'CONFLICT'));
    expect(await readFile(file, 'utf8')).toContain('yyyy');
  });

  it('compares the bytes when the stamp is not later than the file (coarse clock)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const store = createJsonStore({ path: dir });
    await store.transact((tx) => tx.putModel(model('aaa')));
    await tickFolder(dir, file);
    // A change to the file after the folder's last change: its ctime is the newer one.
    const text = await readFile(file);
    await writeFile(file, text);
    vi.mocked(fileHolds).mockClear();
    await store.transact((tx) => tx.putModel(model('aaa', 'second')));
    // The read took the rewritten file anew (no comparison); the publish,
    // with no proof from the stamp, compared its bytes.
    expect(vi.mocked(fileHolds)).toHaveBeenCalledTimes(1);
  });
});
