import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  readdir,
  readlink,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { isRegistryError } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_REGISTRY, readJson, sha256, tempDir } from '../test/support.js';
import { createJsonStore } from './json-store.js';

const record = {
  metadata: { modelName: 'din', description: '', owner: '', tags: [], notes: '' },
  versions: {},
  deployments: [],
};

const isSymlinkRefusal = (error: unknown) =>
  isRegistryError(error, 'STORE_ERROR') &&
  /is a symbolic link/.test(error.message) &&
  /allowSymlink: true/.test(error.message);

describe('a symlink at the registry path', () => {
  it('is refused for read and transact, and the target is untouched', async () => {
    const dir = await tempDir();
    const target = join(dir, 'real.json');
    await copyFile(FIXTURE_REGISTRY, target);
    const hash = await sha256(target);
    const link = join(dir, 'registry.json');
    await symlink(target, link);
    const store = createJsonStore({ path: link });
    await expect(store.read()).rejects.toSatisfy(isSymlinkRefusal);
    let ran = false;
    await expect(
      store.transact((tx) => {
        ran = true;
        tx.putModel(record);
      }),
    ).rejects.toSatisfy(isSymlinkRefusal);
    expect(ran).toBe(false);
    expect(await sha256(target)).toBe(hash);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['real.json', 'registry.json']);
  });

  it('is refused when given as the folder form too', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'elsewhere.json'), '{}');
    await symlink(join(dir, 'elsewhere.json'), join(dir, 'registry.json'));
    await expect(createJsonStore({ path: dir }).read()).rejects.toSatisfy(isSymlinkRefusal);
  });

  it('is followed with allowSymlink: the link stays and the file it points to is replaced', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'data'));
    const target = join(dir, 'data', 'registry.json');
    await copyFile(FIXTURE_REGISTRY, target);
    const link = join(dir, 'registry.json');
    await symlink(target, link);
    const store = createJsonStore({ path: link, allowSymlink: true, onNotice: () => undefined });
    expect((await store.read()).modelNames().sort()).toEqual(['din', 'farore']);
    await store.transact((tx) => tx.deleteModel('farore'));
    expect(await readlink(link)).toBe(target);
    expect(Object.keys((await readJson(target)).models as object)).toEqual(['din']);
    // Backup and temp files live beside the real file.
    expect((await readdir(join(dir, 'data'))).sort()).toEqual([
      'registry.json',
      'registry.json.v1.bak',
    ]);
  });

  it('pointing nowhere is a clear error even when allowed', async () => {
    const dir = await tempDir();
    await symlink(join(dir, 'missing.json'), join(dir, 'registry.json'));
    await expect(createJsonStore({ path: dir, allowSymlink: true }).read()).rejects.toThrow(
      /symbolic link to a file that does not exist/,
    );
  });
});

describe('creating and replacing the file', () => {
  it('creates missing folders (0700) and the file (0600) on the first write', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a', 'b');
    const store = createJsonStore({ path: `${path}/` });
    expect((await store.read()).modelNames()).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
    await store.transact((tx) => tx.putModel(record));
    expect(store.file).toBe(join(path, 'registry.json'));
    expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o700);
    expect((await stat(path)).mode & 0o777).toBe(0o700);
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
  });

  it('keeps the permission bits of an existing file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await copyFile(FIXTURE_REGISTRY, file);
    await chmod(file, 0o640);
    await createJsonStore({ path: file, onNotice: () => undefined }).transact((tx) =>
      tx.deleteModel('farore'),
    );
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect((await stat(`${file}.v1.bak`)).mode & 0o777).toBe(0o640);
  });

  it('replaces the file with a new inode (rename), never rewriting it in place', async () => {
    const dir = await tempDir();
    const store = createJsonStore({ path: dir });
    await store.transact((tx) => tx.putModel(record));
    const before = await stat(store.file);
    await store.transact((tx) => tx.deleteModel('din'));
    expect((await stat(store.file)).ino).not.toBe(before.ino);
  });

  it('a reader during many commits always sees a complete file', async () => {
    const dir = await tempDir();
    const writer = createJsonStore({ path: dir });
    const reader = createJsonStore({ path: dir });
    await writer.transact((tx) => tx.putModel(record));
    let reading = true;
    const reads = (async () => {
      let count = 0;
      while (reading) {
        const names = (await reader.read()).modelNames();
        expect(names.length).toBeGreaterThan(0);
        count += 1;
      }
      return count;
    })();
    for (let i = 0; i < 40; i += 1) {
      await writer.transact((tx) =>
        tx.putModel({ ...record, metadata: { ...record.metadata, notes: `n${i}`.repeat(50) } }),
      );
    }
    reading = false;
    expect(await reads).toBeGreaterThan(0);
  });
});
