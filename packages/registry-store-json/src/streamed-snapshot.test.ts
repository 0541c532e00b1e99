import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegistryError, type ModelRecord, summarizeModel } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import {
  attempt,
  intentsFor,
  READ_OPTIONS,
  record,
  storeWritten,
  trickyRecords,
} from '../test/streamed.js';
import { tempDir } from '../test/support.js';
import { createJsonStore } from './json-store.js';
import { streamRegistryFile, WHOLE_FILE } from './stream-read.js';
import { StreamedSnapshot } from './streamed-snapshot.js';

function expectConflict(work: () => unknown, label: string): void {
  let caught: unknown;
  try {
    const value = work();
    caught = { returned: value };
  } catch (error) {
    caught = error;
  }
  expect(isRegistryError(caught, 'CONFLICT'), `${label}: ${JSON.stringify(caught)}`).toBe(true);
}

/** Another store instance changes alpha and beta, and adds a model. */
async function commitElsewhere(path: string): Promise<void> {
  await createJsonStore({ path }).transact((tx) => {
    const alpha = tx.getModel('alpha') as ModelRecord;
    alpha.metadata.description = 'changed by another writer';
    tx.putModel(alpha);
    const beta = tx.getModel('beta') as ModelRecord;
    beta.metadata.owner = 'someone else';
    tx.putModel(beta);
    tx.putModel(record('newcomer', { v1: {} }));
  });
}

describe('a streamed snapshot', () => {
  it('is what the store hands out for an intent on a first read', async () => {
    const path = await storeWritten(trickyRecords());
    expect(await createJsonStore({ path }).read({ models: ['alpha'] })).toBeInstanceOf(
      StreamedSnapshot,
    );
    // A store that has read the file before checks what it holds instead.
    const store = createJsonStore({ path });
    await store.read();
    expect(await store.read({ models: ['alpha'] })).not.toBeInstanceOf(StreamedSnapshot);
  });

  it('is handed out once per store: later reads load the file and then reuse it', async () => {
    const path = await storeWritten(trickyRecords());
    const store = createJsonStore({ path });
    const first = await store.read({ models: ['alpha'] });
    expect(first).toBeInstanceOf(StreamedSnapshot);
    const second = await store.read({ models: ['alpha'] });
    expect(second).not.toBeInstanceOf(StreamedSnapshot);
    expect(second.getModel('alpha')).toEqual(first.getModel('alpha'));
    expect(await store.read({ summaries: true })).not.toBeInstanceOf(StreamedSnapshot);
  });

  it('reads models it did not keep from the file, as long as nothing committed', async () => {
    const path = await storeWritten(trickyRecords());
    const whole = await createJsonStore({ path }).read();
    const reader = await createJsonStore({ path }).read({ models: ['alpha'] });
    for (const name of whole.modelNames()) {
      expect(reader.getModel(name), name).toEqual(whole.getModel(name));
      expect(reader.getModel(name), `${name} again`).toEqual(whole.getModel(name));
      expect(reader.modelSummary?.(name), name).toEqual(
        summarizeModel(whole.getModel(name) as ModelRecord),
      );
    }
  });

  it('keeps the models it was asked for after another store commits', async () => {
    const path = await storeWritten(trickyRecords());
    const before = await createJsonStore({ path }).read();
    const alphaBefore = before.getModel('alpha');
    const names = before.modelNames();
    const reader = await createJsonStore({ path }).read({ models: ['alpha', 'gamma'] });
    const summaries = await createJsonStore({ path }).read({ summaries: true });
    const links = await createJsonStore({ path }).read({ linksTo: ['alpha'] });
    const linkedBefore = links.modelsLinkedTo?.('alpha');

    await commitElsewhere(path);
    expect((await createJsonStore({ path }).read()).getModel('alpha')?.metadata.description).toBe(
      'changed by another writer',
    );

    expect(reader.modelNames()).toEqual(names);
    expect(reader.getModel('alpha')).toEqual(alphaBefore);
    expect(reader.getModel('alpha')).toEqual(alphaBefore);
    expect(reader.getModel('gamma')).toEqual(before.getModel('gamma'));
    expect(reader.modelSummary?.('alpha')).toEqual(summarizeModel(alphaBefore as ModelRecord));
    expect(reader.getModel('newcomer')).toBeUndefined();
    // Models it did not keep: CONFLICT, never the new data.
    for (const name of ['beta', 'delta', 'epsilon']) {
      expectConflict(() => reader.getModel(name), `getModel(${name})`);
      expectConflict(() => reader.modelSummary?.(name), `modelSummary(${name})`);
    }
    // Summaries read with the snapshot stay as they were.
    for (const name of names) {
      expect(summaries.modelSummary?.(name), name).toEqual(
        summarizeModel(before.getModel(name) as ModelRecord),
      );
    }
    expect(summaries.modelNames()).toEqual(names);
    expectConflict(() => summaries.getModel('beta'), 'getModel(beta) after summaries');
    expect(links.modelsLinkedTo?.('alpha')).toEqual(linkedBefore);
  });

  it('keeps a model it read from the file before the commit', async () => {
    const path = await storeWritten(trickyRecords());
    const before = await createJsonStore({ path }).read();
    const reader = await createJsonStore({ path }).read({ models: ['gamma'] });
    expect(reader.getModel('beta')).toEqual(before.getModel('beta'));
    await commitElsewhere(path);
    // Read once from the file, the model is kept: the commit does not take it away.
    expect(attempt(() => reader.getModel('beta'))).toEqual({
      ok: true,
      value: before.getModel('beta'),
    });
  });

  it('refuses unkept models when the file was rewritten in place or removed', async () => {
    const path = await storeWritten(trickyRecords());
    const rewritten = await createJsonStore({ path }).read({ models: ['alpha'] });
    const removed = await createJsonStore({ path }).read({ models: ['alpha'] });
    const alpha = rewritten.getModel('alpha');
    // A shorter file, written over the same inode.
    await writeFile(path, '{"version": "2.0", "models": {"beta": {"versions": {}}}}');
    expectConflict(() => rewritten.getModel('beta'), 'rewritten in place');
    expect(rewritten.getModel('alpha')).toEqual(alpha);
    await rm(path);
    expectConflict(() => removed.getModel('beta'), 'removed');
    expect(removed.getModel('alpha')).toEqual(alpha);
  });

  it('refuses unkept models after an in-place rewrite that put back the size and mtime', async () => {
    const path = await storeWritten(trickyRecords());
    const second = new Date('2026-01-01T00:00:00Z');
    await utimes(path, second, second);
    const reader = await createJsonStore({ path }).read({ models: ['alpha'] });
    const text = await readFile(path, 'utf8');
    // Same length, other bytes: a rewrite no size or mtime check can see.
    const changed = text.replace('"model_name": "beta"', '"model_name": "bet4"');
    expect(changed).not.toBe(text);
    expect(changed.length).toBe(text.length);
    await writeFile(path, changed, { flag: 'r+' });
    await utimes(path, second, second);
    expect((await stat(path)).mtimeMs).toBe(second.getTime());
    expectConflict(() => reader.getModel('beta'), 'rewritten with the old size and mtime');
  });

  it('of a missing file is empty', async () => {
    const path = join(await tempDir(), 'missing', 'registry.json');
    const streamed = await streamRegistryFile(path, READ_OPTIONS, { models: ['a'] });
    expect(streamed).not.toBe(WHOLE_FILE);
    expect(streamed).toMatchObject({ exists: false });
    for (const intent of intentsFor(['a'])) {
      const reader = await createJsonStore({ path }).read(intent);
      expect(reader.modelNames()).toEqual([]);
      expect(reader.getModel('a')).toBeUndefined();
      expect(reader.modelSummary?.('a')).toBeUndefined();
      expect(reader.modelsLinkedTo?.('a') ?? []).toEqual([]);
    }
  });

  it('hands out copies: changing a record changes nothing in the snapshot', async () => {
    const path = await storeWritten(trickyRecords());
    const reader = await createJsonStore({ path }).read({ models: ['alpha'], summaries: true });
    const first = reader.getModel('alpha') as ModelRecord;
    const expected = structuredClone(first);
    first.metadata.tags.push('mutated');
    first.versions = {};
    expect(reader.getModel('alpha')).toEqual(expected);
    const summary = reader.modelSummary?.('alpha');
    summary?.tags.push('mutated');
    expect(reader.modelSummary?.('alpha')).toEqual(summarizeModel(expected));
  });
});
