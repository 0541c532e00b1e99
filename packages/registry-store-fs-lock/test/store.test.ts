import { lstat, mkdir, readdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegistryError, ModelRegistry } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { createFsLockStore, createLockCoordinator, lockPathFor, recordPath } from '../src/index.js';
import { plantLock, sha256, tempDir } from './support.js';

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('createFsLockStore', () => {
  it('is the JSON store under the lock: name, capabilities, and no lock left behind', async () => {
    const dir = await tempDir();
    const store = createFsLockStore({ path: join(dir, 'nested', 'registry.json') });
    expect(store.name).toBe('fs-lock');
    expect(store.capabilities).toEqual({
      persistent: true,
      crossProcess: true,
      detectsConflicts: true,
    });
    const registry = new ModelRegistry({ store });
    await registry.registerModel({ modelName: 'llama-ft' });
    expect(await readdir(join(dir, 'nested'))).toEqual(['registry.json']);
    expect((await registry.getLatest('llama-ft'))?.version).toBe('v1');
    await store.close?.();
  });

  it('names the lock and the way out when the registry folder cannot be created', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'not-a-folder'), 'x');
    const file = join(dir, 'not-a-folder', 'registry.json');
    const registry = new ModelRegistry({ store: createFsLockStore({ path: file }) });
    const error = await errorOf(registry.registerModel({ modelName: 'm' }));
    expect(isRegistryError(error, 'STORE_ERROR')).toBe(true);
    expect((error as Error).message).toContain(lockPathFor(file));
    expect(await readFile(join(dir, 'not-a-folder'), 'utf8')).toBe('x');
  });

  it('refuses bad lock options when the store is made', () => {
    expect(() => createFsLockStore({ path: '/tmp/x.json', staleMs: 0 })).toThrow(/staleMs/);
    expect(() => createLockCoordinator({ timeoutMs: -5 })).toThrow(/timeoutMs/);
  });

  it('waits for a lock held elsewhere and reports LOCK_TIMEOUT without writing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const registry = new ModelRegistry({ store: createFsLockStore({ path: file, timeoutMs: 50 }) });
    await registry.registerModel({ modelName: 'm' });
    const before = await sha256(file);
    // A live process other than this one (our parent) holds it.
    const holder = await plantLock(lockPathFor(file), { pid: process.ppid });
    const error = await errorOf(registry.registerModel({ modelName: 'm' }));
    expect(isRegistryError(error, 'LOCK_TIMEOUT')).toBe(true);
    expect((error as Error).message).toContain(`pid ${holder.pid}`);
    expect(await sha256(file)).toBe(before);
  });

  it('aborts with LOCK_LOST and writes nothing when the lock was taken away mid-transaction', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const lockPath = lockPathFor(file);
    const store = createFsLockStore({ path: file });
    const registry = new ModelRegistry({ store });
    await registry.registerModel({ modelName: 'm' });
    const before = await sha256(file);
    let intruder: string | undefined;
    const error = await errorOf(
      store.transact(async (tx) => {
        const record = tx.getModel('m');
        if (record === undefined) throw new Error('missing');
        record.metadata.description = 'changed';
        tx.putModel(record);
        // Another process takes the lock over while this one works.
        const [ours] = await readdir(lockPath);
        await unlink(join(lockPath, ours ?? ''));
        intruder = (await plantLock(join(dir, 'elsewhere.lock'))).token;
        await writeFile(recordPath(lockPath, intruder), '{}');
      }),
    );
    expect(isRegistryError(error, 'LOCK_LOST')).toBe(true);
    expect(await sha256(file)).toBe(before);
    // Release left the other holder's lock alone.
    expect(await readdir(lockPath)).toEqual([`${intruder}.json`]);
    expect(await readdir(dir)).toEqual(['elsewhere.lock', 'registry.json', 'registry.json.lock']);
  });

  it('refuses a corrupt file, leaves it byte-for-byte unchanged, and releases the lock', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await writeFile(file, '{"version": "2.0", "models": {"m": {"versions": ');
    const before = await sha256(file);
    const registry = new ModelRegistry({ store: createFsLockStore({ path: file }) });
    const error = await errorOf(registry.registerModel({ modelName: 'm' }));
    expect(isRegistryError(error, 'CORRUPT_REGISTRY')).toBe(true);
    expect(await sha256(file)).toBe(before);
    expect(await readdir(dir)).toEqual(['registry.json']);
  });
});

describe('symbolic links', () => {
  it('refuses a symlink at the registry file and leaves its target untouched', async () => {
    const dir = await tempDir();
    const target = join(dir, 'target.json');
    await writeFile(target, '{"keep": true}');
    const before = await sha256(target);
    const file = join(dir, 'registry.json');
    await symlink(target, file);
    const registry = new ModelRegistry({ store: createFsLockStore({ path: file }) });
    const error = await errorOf(registry.registerModel({ modelName: 'm' }));
    expect(isRegistryError(error)).toBe(true);
    expect((error as Error).message).toMatch(/symbolic link/);
    expect(await sha256(target)).toBe(before);
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['registry.json', 'target.json']);
  });

  it('refuses a symlink at the lock and leaves its target and the registry untouched', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const registry = new ModelRegistry({ store: createFsLockStore({ path: file }) });
    await registry.registerModel({ modelName: 'm' });
    const before = await sha256(file);
    const target = join(dir, 'victim');
    await mkdir(target);
    await writeFile(join(target, 'data.txt'), 'data');
    await symlink(target, lockPathFor(file));
    const error = await errorOf(registry.registerModel({ modelName: 'm' }));
    expect(isRegistryError(error, 'STORE_ERROR')).toBe(true);
    expect((error as Error).message).toContain('symbolic link');
    expect(await readdir(target)).toEqual(['data.txt']);
    expect(await readFile(join(target, 'data.txt'), 'utf8')).toBe('data');
    expect(await sha256(file)).toBe(before);
    // A symlink to a file, and a dangling one, are refused the same way.
    await unlink(lockPathFor(file));
    await symlink(join(target, 'data.txt'), lockPathFor(file));
    expect(
      isRegistryError(await errorOf(registry.registerModel({ modelName: 'm' })), 'STORE_ERROR'),
    ).toBe(true);
    await unlink(lockPathFor(file));
    await symlink(join(dir, 'missing'), lockPathFor(file));
    expect(
      isRegistryError(await errorOf(registry.registerModel({ modelName: 'm' })), 'STORE_ERROR'),
    ).toBe(true);
    await expect(lstat(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(join(target, 'data.txt'), 'utf8')).toBe('data');
    expect(await sha256(file)).toBe(before);
  });
});
