import { copyFile, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegistryError, type ModelRecord, ModelRegistry } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_REGISTRY, readJson, sha256, tempDir } from '../test/support.js';
import { createJsonStore } from './json-store.js';

function model(name: string, notes = ''): ModelRecord {
  return {
    metadata: { modelName: name, description: '', owner: '', tags: [], notes },
    versions: {},
    deployments: [],
  };
}

const isConflict = (error: unknown) =>
  isRegistryError(error, 'CONFLICT') &&
  /Another writer changed .*registry\.json/.test(error.message) &&
  /Retry/.test(error.message) &&
  /registry-store-fs-lock/.test(error.message);

describe('conflict detection between store instances', () => {
  it('fails the second commit with CONFLICT and keeps the first writer data', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await copyFile(FIXTURE_REGISTRY, file);
    const first = createJsonStore({ path: file, onNotice: () => undefined });
    const second = createJsonStore({ path: file, onNotice: () => undefined });

    const outcome = second.transact(async (tx) => {
      tx.putModel(model('from-second'));
      // While this transaction is open, another process commits.
      await new ModelRegistry({ store: first }).registerModel({ modelName: 'from-first' });
      return 'done';
    });
    await expect(outcome).rejects.toSatisfy(isConflict);

    const reader = await createJsonStore({ path: file }).read();
    expect(reader.modelNames().sort()).toEqual(['din', 'farore', 'from-first']);
    expect((await readdir(dir)).sort()).toEqual(['registry.json', 'registry.json.v1.bak']);
  });

  it('notices a file created while the transaction ran', async () => {
    const dir = await tempDir();
    const a = createJsonStore({ path: dir });
    const b = createJsonStore({ path: dir });
    await expect(
      a.transact(async (tx) => {
        await b.transact((inner) => inner.putModel(model('b')));
        tx.putModel(model('a'));
      }),
    ).rejects.toSatisfy(isConflict);
    expect((await a.read()).modelNames()).toEqual(['b']);
  });

  it('notices a file deleted while the transaction ran', async () => {
    const dir = await tempDir();
    const store = createJsonStore({ path: dir });
    await store.transact((tx) => tx.putModel(model('a')));
    await expect(
      store.transact(async (tx) => {
        await import('node:fs/promises').then((fs) => fs.rm(join(dir, 'registry.json')));
        tx.putModel(model('b'));
      }),
    ).rejects.toSatisfy(isConflict);
    expect(await readdir(dir)).toEqual([]);
  });

  it('notices an in-place rewrite that keeps size and modification time', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const store = createJsonStore({ path: file });
    await store.transact((tx) => tx.putModel(model('aaa', 'xxxx')));
    const before = await stat(file);
    await expect(
      store.transact(async (tx) => {
        const text = await readFile(file, 'utf8');
        await writeFile(file, text.replace('xxxx', 'yyyy'));
        await utimes(file, before.atime, before.mtime);
        tx.putModel(model('bbb'));
      }),
    ).rejects.toSatisfy(isConflict);
    const written = (await readJson(file)).models as Record<
      string,
      { metadata: { notes: string } }
    >;
    expect(written.aaa?.metadata.notes).toBe('yyyy');
    expect(written.bbb).toBeUndefined();
  });

  it('lets the loser retry and succeed on top of the winner', async () => {
    const dir = await tempDir();
    const a = new ModelRegistry({ store: createJsonStore({ path: dir }) });
    const bStore = createJsonStore({ path: dir });
    await a.registerModel({ modelName: 'din' });
    let attempts = 0;
    const bump = () =>
      bStore.transact(async (tx) => {
        attempts += 1;
        const din = tx.getModel('din');
        if (attempts === 1) await a.registerModel({ modelName: 'din' });
        if (din) tx.putModel({ ...din, metadata: { ...din.metadata, notes: 'b was here' } });
      });
    await expect(bump()).rejects.toSatisfy(isConflict);
    await bump();
    const din = await a.getModel('din');
    expect(Object.keys(din?.versions ?? {}).sort()).toEqual(['v1', 'v2']);
    expect(din?.metadata.notes).toBe('b was here');
  });

  it('does not report a conflict for a read-only transaction', async () => {
    const dir = await tempDir();
    const a = createJsonStore({ path: dir });
    const b = createJsonStore({ path: dir });
    const names = await a.transact(async (tx) => {
      await b.transact((inner) => inner.putModel(model('b')));
      return tx.modelNames();
    });
    expect(names).toEqual([]);
  });
});

describe('one store instance', () => {
  it('serialises its own transactions: 50 concurrent increments are all kept', async () => {
    const dir = await tempDir();
    const store = createJsonStore({ path: dir });
    await store.transact((tx) => tx.putModel(model('counter', '0')));
    let active = 0;
    let maxActive = 0;
    await Promise.all(
      Array.from({ length: 50 }, () =>
        store.transact(async (tx) => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          const counter = tx.getModel('counter');
          await new Promise((resolve) => setImmediate(resolve));
          if (counter) {
            const next = String(Number(counter.metadata.notes) + 1);
            tx.putModel({ ...counter, metadata: { ...counter.metadata, notes: next } });
          }
          active -= 1;
        }),
      ),
    );
    expect(maxActive).toBe(1);
    expect((await store.read()).getModel('counter')?.metadata.notes).toBe('50');
    expect(await readdir(dir)).toEqual(['registry.json']);
  });

  it('writes nothing when the work throws, and rethrows the same error', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await copyFile(FIXTURE_REGISTRY, file);
    const hash = await sha256(file);
    const store = createJsonStore({ path: file });
    const failure = new Error('work failed');
    await expect(
      store.transact((tx) => {
        tx.deleteModel('din');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await sha256(file)).toBe(hash);
  });

  it('refuses an invalid record with INVALID_INPUT and writes nothing', async () => {
    const dir = await tempDir();
    const store = createJsonStore({ path: dir });
    await expect(
      store.transact((tx) =>
        tx.putModel({ ...model('din'), versions: { v1: { version: 'v1' } } } as never),
      ),
    ).rejects.toSatisfy((error) => isRegistryError(error, 'INVALID_INPUT'));
    expect(await readdir(dir)).toEqual([]);
  });
});
