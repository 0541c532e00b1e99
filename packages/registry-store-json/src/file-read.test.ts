import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegistryError } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support.js';
import { readRegistryFile } from './file-read.js';
import { createJsonStore } from './json-store.js';

/** A registry of more than 5 MB, so that it is read in several chunks; `tail` goes into the last model. */
function largeRegistry(tail: string): Buffer {
  const models: Record<string, unknown> = {};
  for (let i = 0; i < 60; i += 1) {
    models[`m${i}`] = { metadata: { notes: 'x'.repeat(100_000) }, versions: {} };
  }
  const text = JSON.stringify({
    version: '2.0',
    models: { ...models, zz: { metadata: { notes: '' } } },
  });
  return Buffer.concat([
    Buffer.from(text.slice(0, text.lastIndexOf('""'))),
    Buffer.from('"'),
    Buffer.from(tail, 'latin1'),
    Buffer.from(text.slice(text.lastIndexOf('""') + 1)),
  ]);
}

describe('reading a large file in chunks', () => {
  it('gets every byte, and knows whether they are all ASCII', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    for (const [tail, ascii] of [
      ['end', true],
      ['\u00c3\u00a9', false],
    ] as const) {
      const bytes = largeRegistry(tail);
      await writeFile(file, bytes);
      const content = await readRegistryFile(file, { maxBytes: 1 << 30, allowSymlink: false });
      expect(content.exists && Buffer.concat(content.pieces).equals(bytes)).toBe(true);
      expect(content.exists && content.ascii).toBe(ascii);
      const notes = (await createJsonStore({ path: file }).read()).getModel('zz')?.metadata.notes;
      expect(notes).toBe(Buffer.from(tail, 'latin1').toString('utf8'));
    }
  });

  it('still refuses invalid UTF-8 far into the file, with its offset', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const bytes = largeRegistry('\u00ff');
    await writeFile(file, bytes);
    await expect(createJsonStore({ path: file }).read()).rejects.toSatisfy(
      (error) =>
        isRegistryError(error, 'CORRUPT_REGISTRY') &&
        error.details.byteOffset === bytes.indexOf(0xff),
    );
  });
});
