import { lstat, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegistryError } from '@afs/registry-core';
import { describe, expect, it, vi } from 'vitest';
import { sha256, tempDir } from '../test/support.js';
import { createJsonStore } from './json-store.js';
import { removeStaleTempFiles, tempFileName, tempFileOwner } from './temp-files.js';

// A predictable temp name lets a test plant something there first, as an attacker would.
const FIXED_RANDOM = 'abcdef012345';
vi.mock('./random-names.js', async (original) => ({
  ...(await original<typeof import('./random-names.js')>()),
  randomHex: (size: number) => FIXED_RANDOM.slice(0, size * 2),
}));

const plantedName = `.registry.json.${process.pid}.${FIXED_RANDOM}.tmp`;
const record = {
  metadata: { modelName: 'din', description: '', owner: '', tags: [], notes: '' },
  versions: {},
  deployments: [],
};

describe('the temp file', () => {
  it('is named after the target, the pid and a random part', () => {
    expect(tempFileName('registry.json')).toBe(plantedName);
    expect(tempFileOwner(plantedName, 'registry.json')).toBe(process.pid);
    expect(tempFileOwner(plantedName, 'other.json')).toBeUndefined();
    expect(tempFileOwner('.registry.json.12.tmp', 'registry.json')).toBeUndefined();
  });

  it('cannot be redirected by a symlink planted at its name', async () => {
    const dir = await tempDir();
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    await symlink(victim, join(dir, plantedName));
    const store = createJsonStore({ path: dir });
    await expect(store.transact((tx) => tx.putModel(record))).rejects.toSatisfy(
      (error) =>
        isRegistryError(error, 'STORE_ERROR') && /already exists at that name/.test(error.message),
    );
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect((await lstat(join(dir, plantedName))).isSymbolicLink()).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([plantedName, 'victim.txt'].sort());
  });

  it('cannot be redirected by a dangling symlink either', async () => {
    const dir = await tempDir();
    const wouldBeCreated = join(dir, 'created-by-attacker-link');
    await symlink(wouldBeCreated, join(dir, plantedName));
    const store = createJsonStore({ path: dir });
    await expect(store.transact((tx) => tx.putModel(record))).rejects.toSatisfy((error) =>
      isRegistryError(error, 'STORE_ERROR'),
    );
    await expect(lstat(wouldBeCreated)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is removed when the commit does not happen', async () => {
    const dir = await tempDir();
    const store = createJsonStore({
      path: dir,
      coordinator: {
        name: 'test-lock',
        exclusive: (_file, critical) =>
          critical({
            assertHeld: async () => {
              expect(await readdir(dir)).toEqual([plantedName]);
              throw new Error('lock lost');
            },
          }),
      },
    });
    await expect(store.transact((tx) => tx.putModel(record))).rejects.toThrow('lock lost');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('temp files left by crashed writers', () => {
  it('are removed at the next write when their pid is dead or they are old', async () => {
    const dir = await tempDir();
    const deadPid = 2_147_483_646;
    const names = {
      dead: `.registry.json.${deadPid}.aaaaaaaaaaaa.tmp`,
      oldOurs: `.registry.json.${process.pid}.bbbbbbbbbbbb.tmp`,
      freshOurs: `.registry.json.${process.pid}.cccccccccccc.tmp`,
      freshLive: `.registry.json.${process.ppid}.dddddddddddd.tmp`,
      otherTarget: `.other.json.${deadPid}.eeeeeeeeeeee.tmp`,
      unrelated: 'notes.txt',
    };
    for (const name of Object.values(names)) await writeFile(join(dir, name), 'partial');
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60 * 1000);
    await utimes(join(dir, names.oldOurs), elevenMinutesAgo, elevenMinutesAgo);

    await createJsonStore({ path: dir }).transact((tx) => tx.putModel(record));
    expect((await readdir(dir)).sort()).toEqual(
      [
        names.freshOurs,
        names.freshLive,
        names.otherTarget,
        names.unrelated,
        'registry.json',
      ].sort(),
    );
  });

  it('are reported by removeStaleTempFiles, which tolerates a missing folder', async () => {
    const dir = await tempDir();
    const dead = `.registry.json.2147483646.aaaaaaaaaaaa.tmp`;
    await writeFile(join(dir, dead), '');
    expect(await removeStaleTempFiles(dir, 'registry.json')).toEqual([dead]);
    expect(await removeStaleTempFiles(join(dir, 'missing'), 'registry.json')).toEqual([]);
  });

  it('are not mistaken for the registry, which stays readable', async () => {
    const dir = await tempDir();
    const store = createJsonStore({ path: dir });
    await store.transact((tx) => tx.putModel(record));
    const hash = await sha256(join(dir, 'registry.json'));
    await writeFile(join(dir, `.registry.json.2147483646.aaaaaaaaaaaa.tmp`), '{"trunc');
    expect((await store.read()).modelNames()).toEqual(['din']);
    expect(await sha256(join(dir, 'registry.json'))).toBe(hash);
  });
});
