import { readdir, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support.js';
import { writeFileAtomically } from './atomic-write.js';
import { createJsonStore } from './json-store.js';
import { acquireLock } from './lock/acquire.js';
import { lockPathFor } from './lock/paths.js';

const record = {
  metadata: { modelName: 'din', description: '', owner: '', tags: [], notes: '' },
  versions: {},
  deployments: [],
};

/** Paths (Linux) that this process has open inside `dir`, replaced ones included. */
async function openFilesUnder(dir: string): Promise<string[]> {
  const links = await Promise.all(
    (await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
  );
  return links.filter((link) => link.startsWith(`${dir}/`));
}

describe('publishing a commit', () => {
  it.skipIf(process.platform === 'win32')(
    'does not wait for the replaced file to be closed (freeing it happens after the commit)',
    async () => {
      const dir = await tempDir();
      const target = join(dir, 'registry.json');
      await writeFile(target, 'old');
      let closeCalled = false;
      const written = writeFileAtomically(target, 'new', {
        beforeRename: async () => ({
          close: () => {
            closeCalled = true;
            // A close that never finishes: the write must not wait for it.
            return new Promise<void>(() => undefined);
          },
        }),
      });
      await expect(written).resolves.toMatchObject({ size: 3n });
      // Started on the next turn of the event loop, after the caller's own steps.
      expect(closeCalled).toBe(false);
      await new Promise((resolve) => setImmediate(resolve));
      expect(closeCalled).toBe(true);
      expect(await readFile(target, 'utf8')).toBe('new');
    },
  );

  it.runIf(process.platform === 'linux')(
    'closes every replaced file soon after, also when a guard refuses the commit',
    async () => {
      const dir = await tempDir();
      const target = join(dir, 'registry.json');
      let refuse = false;
      const store = createJsonStore({
        path: dir,
        coordinator: {
          name: 'test',
          exclusive: (_file, critical) =>
            critical({
              assertHeld: async () => {
                if (refuse) throw new Error('lock lost');
              },
            }),
        },
      });
      for (let i = 0; i < 5; i++) {
        await store.transact((tx) =>
          tx.putModel({ ...record, metadata: { ...record.metadata, notes: `${i}` } }),
        );
      }
      refuse = true;
      await expect(
        store.transact((tx) =>
          tx.putModel({ ...record, metadata: { ...record.metadata, notes: 'x' } }),
        ),
      ).rejects.toThrow('lock lost');
      // The closes run in the background; give them a moment.
      let open: string[] = [];
      for (let i = 0; i < 50; i++) {
        open = await openFilesUnder(dir);
        if (open.length === 0) break;
        await sleep(10);
      }
      expect(open).toEqual([]);
      expect(await readFile(target, 'utf8')).toContain('"4"');
    },
  );

  it('writes and flushes the new file while waiting for the publish lock', async () => {
    const dir = await tempDir();
    const store = createJsonStore({ path: dir, publishTimeoutMs: 5_000 });
    await store.transact((tx) => tx.putModel(record));
    const target = join(dir, 'registry.json');
    const before = await readFile(target, 'utf8');
    // Another process's publish holds the lock.
    const other = await acquireLock(lockPathFor(target));
    const commit = store.transact((tx) =>
      tx.putModel({ ...record, metadata: { ...record.metadata, notes: 'second' } }),
    );
    let tempSeen = false;
    for (let i = 0; i < 200 && !tempSeen; i++) {
      const temps = (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
      for (const name of temps) {
        if ((await stat(join(dir, name)).catch(() => undefined))?.size) tempSeen = true;
      }
      if (!tempSeen) await sleep(10);
    }
    // The new content is ready before the lock is ours, but nothing is published yet.
    expect(tempSeen).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(before);
    await other.release();
    await commit;
    expect(await readFile(target, 'utf8')).toContain('"second"');
    await expect(stat(lockPathFor(target))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
