import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegistryError, ModelRegistry } from '@afs/registry-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFsLockStore } from '../src/index.js';
import { tempDir } from './support.js';

const HOSTILE = [
  '../x',
  '..\\x',
  '../../etc/passwd',
  '%2e%2e',
  '%2e%2e%2fx',
  'a\u0000b',
  '\u0000',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'ｍodel', // fullwidth m
  'mоdel', // Cyrillic o
  'model\u202e', // right-to-left override
  'model\u200b', // zero-width space
  'a'.repeat(129),
  'a'.repeat(5000),
  '.',
  '..',
  '.hidden',
  '-rf',
  'a/b',
  'a\\b',
  'CON',
  'nul',
  'registry.json',
  'registry.json.lock',
  '',
  ' ',
  'v1\n',
];

const names = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^[A-Za-z0-9._\\/%-]{1,40}$/),
);

function prototypeSnapshot(): string {
  return JSON.stringify(
    Object.getOwnPropertyNames(Object.prototype)
      .sort()
      .map((key) => [key, typeof Object.getOwnPropertyDescriptor(Object.prototype, key)?.value]),
  );
}

describe('hostile model names and versions through the fs-lock store', () => {
  it('are rejected with INVALID_INPUT, or stored and read back intact, never escaping the folder', async () => {
    const sandbox = await tempDir();
    const folder = join(sandbox, 'registry');
    const registry = new ModelRegistry({
      store: createFsLockStore({ path: join(folder, 'registry.json') }),
    });
    const prototypeBefore = prototypeSnapshot();
    let stored = 0;

    await fc.assert(
      fc.asyncProperty(names, fc.boolean(), async (name, asVersion) => {
        // overwrite: the generator may repeat a name.
        const input = asVersion
          ? { modelName: 'safe', version: name, overwrite: true }
          : { modelName: name };
        let created: Awaited<ReturnType<typeof registry.registerModel>>;
        try {
          created = await registry.registerModel(input);
        } catch (error) {
          expect(isRegistryError(error, 'INVALID_INPUT'), String(error)).toBe(true);
          // Reading by the same name must not throw anything else either.
          await registry.getModel(asVersion ? 'safe' : name).catch((readError: unknown) => {
            expect(isRegistryError(readError, 'INVALID_INPUT')).toBe(true);
          });
          return;
        }
        stored += 1;
        const model = asVersion ? 'safe' : name;
        expect(created.modelName).toBe(model);
        if (asVersion) expect(created.version).toBe(name);
        const record = await registry.getModel(model);
        expect(record?.metadata.modelName).toBe(model);
        expect(Object.hasOwn(record?.versions ?? {}, created.version)).toBe(true);
      }),
      { numRuns: 150 },
    );

    expect(prototypeSnapshot()).toBe(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await readdir(sandbox)).toEqual(['registry']);
    expect(await readdir(folder)).toEqual(['registry.json']);
    // Legal names were generated too, so both outcomes were exercised.
    expect(stored).toBeGreaterThan(0);
  }, 60_000);
});
