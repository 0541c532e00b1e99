import { join } from 'node:path';
import { ModelRegistry } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { createFsLockStore } from '../src/index.js';
import { startWorkers, Worker } from './harness.js';
import { readModels } from './registry-files.js';
import { tempDir } from './support.js';

const READERS = 4;
const READS_EACH = 500;

describe('readers while a writer writes', () => {
  it(`${READERS} readers × ${READS_EACH} reads all see a complete, valid registry`, async () => {
    const file = join(await tempDir(), 'registry.json');
    const setup = new ModelRegistry({ store: createFsLockStore({ path: file }) });
    await setup.registerModel({ modelName: 'kill-a' });
    await setup.registerModel({ modelName: 'kill-b' });

    const writer = new Worker('writer.ts', [file, 'solo']);
    const readers = await startWorkers(READERS, 'reader.ts', () => [file, String(READS_EACH)]);
    try {
      await writer.waitForLine('ready');
      writer.send('go');
      for (const reader of readers) reader.send('go');
      await Promise.all(readers.map((r) => r.finished()));
      writer.send('pause');
      await writer.waitForLine('paused');
      const done = readers.flatMap((r) => r.linesOf('done'));
      expect(done).toHaveLength(READERS);
      expect(done.reduce((sum, line) => sum + Number(line.split(' ')[0]), 0)).toBe(2000);
      // The reads overlapped real writes.
      expect(writer.linesOf('ack').length).toBeGreaterThan(5);
      const last = writer
        .linesOf('ack')
        .filter((l) => l.startsWith('reg '))
        .at(-1);
      if (last !== undefined) {
        const [, model, version] = last.split(' ');
        expect((await readModels(file)).get(model ?? '')?.versions[version ?? '']).toBeDefined();
      }
    } finally {
      writer.kill();
      for (const reader of readers) reader.kill();
    }
  }, 90_000);
});
