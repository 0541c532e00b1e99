import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelRegistry } from '@afs/registry-core';
import { describe, expect, it, vi } from 'vitest';
import {
  FIXTURE_REGISTRY,
  fixedClock,
  noticeCollector,
  readJson,
  sha256,
  tempDir,
} from '../test/support.js';
import { UPGRADE_WARNING_CODE, WRITTEN_SCHEMA_VERSION } from './constants.js';
import { createJsonStore } from './json-store.js';
import { stringifyStable } from './stable-json.js';

async function fixtureCopy(): Promise<{ dir: string; file: string }> {
  const dir = await tempDir();
  const file = join(dir, 'registry.json');
  await copyFile(FIXTURE_REGISTRY, file);
  return { dir, file };
}

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedDeep((value as Record<string, unknown>)[key])]),
  );
}

/** Python's view of the data: key order and `80.0` vs `80` do not matter. */
async function sortedJson(path: string): Promise<string> {
  return stringifyStable(await readJson(path));
}

describe('round trip of the Python fixture', () => {
  it('keeps every value when a commit rewrites the file', async () => {
    const { file } = await fixtureCopy();
    const original = await readJson(FIXTURE_REGISTRY);
    const store = createJsonStore({ path: file, clock: fixedClock, onNotice: () => undefined });
    const before = await store.read();
    // Rewrite one model with identical content plus a new tag on another, forcing a write.
    await store.transact((tx) => {
      const farore = tx.getModel('farore');
      if (farore) tx.putModel({ ...farore, metadata: { ...farore.metadata, tags: ['x'] } });
    });
    const after = await store.read();
    for (const name of before.modelNames()) {
      if (name !== 'farore') expect(after.getModel(name)).toEqual(before.getModel(name));
    }

    const written = await readJson(file);
    const models = written.models as Record<string, Record<string, unknown>>;
    const originalModels = original.models as Record<string, Record<string, unknown>>;
    // Every field Python wrote is still there with the same value...
    const din = models.din?.versions as Record<string, Record<string, unknown>>;
    const pythonDin = originalModels.din?.versions as Record<string, Record<string, unknown>>;
    for (const version of ['v1', 'v2']) {
      const ours = din[version] ?? {};
      const theirs = pythonDin[version] ?? {};
      for (const [key, value] of Object.entries(theirs)) {
        expect(ours[key], `${version}.${key}`).toEqual(value);
      }
      // ...plus the fields Python did not know, in the same null/empty convention.
      expect(ours.additional_parents).toEqual([]);
    }
    expect(models.din?.deployments).toEqual([]);
    expect(models.farore?.metadata).toEqual({
      ...(originalModels.farore?.metadata as object),
      owner: '',
      tags: ['x'],
    });
    expect(written.version).toBe(WRITTEN_SCHEMA_VERSION);
    expect(written.updated_at).toBe('2026-12-01T10:00:00.000Z');
  });

  it('writes 2-space indented JSON with sorted keys, null for unset fields and a trailing newline', async () => {
    const { file } = await fixtureCopy();
    const store = createJsonStore({ path: file, clock: fixedClock, onNotice: () => undefined });
    await store.transact((tx) => tx.deleteModel('farore'));
    const text = await readFile(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "models": {\n    "din": {\n      "deployments": []')).toBe(true);
    // Same as JSON.stringify with 2 spaces over a deep key-sorted copy.
    expect(text).toBe(`${JSON.stringify(sortedDeep(JSON.parse(text)), null, 2)}\n`);
    const v2 = (await readJson(file)).models as Record<
      string,
      { versions: Record<string, Record<string, unknown>> }
    >;
    expect(v2.din?.versions.v2?.lora_path).toBeNull();
    expect(v2.din?.versions.v2?.git_commit).toBeNull();
    expect(Object.keys(v2.din?.versions.v2 ?? {})).toEqual(
      Object.keys(v2.din?.versions.v2 ?? {}).sort(),
    );
  });

  it('writes the same bytes for the same content', async () => {
    const a = await fixtureCopy();
    const b = await fixtureCopy();
    for (const { file } of [a, b]) {
      const store = createJsonStore({ path: file, clock: fixedClock, onNotice: () => undefined });
      await new ModelRegistry({ store, clock: fixedClock }).setDeployed('din', 'v2');
    }
    expect(await sha256(a.file)).toBe(await sha256(b.file));
  });

  it('does not write when a transaction puts back what it read', async () => {
    const { file } = await fixtureCopy();
    const hash = await sha256(file);
    const store = createJsonStore({ path: file });
    await store.transact((tx) => {
      for (const name of tx.modelNames()) {
        const record = tx.getModel(name);
        if (record) tx.putModel(record);
      }
      tx.deleteModel('not-there');
    });
    expect(await sha256(file)).toBe(hash);
  });

  it('reads its own output back to the same records and the same bytes', async () => {
    const { file } = await fixtureCopy();
    const store = createJsonStore({ path: file, clock: fixedClock, onNotice: () => undefined });
    await new ModelRegistry({ store, clock: fixedClock }).setDeployed('din', 'v2', true, {
      notes: 'canary',
    });
    const first = await readFile(file, 'utf8');
    const reread = createJsonStore({ path: file, clock: fixedClock });
    await reread.transact((tx) => {
      const din = tx.getModel('din');
      if (din) tx.putModel({ ...din, metadata: { ...din.metadata, notes: 'touched' } });
    });
    await reread.transact((tx) => {
      const din = tx.getModel('din');
      if (din) tx.putModel({ ...din, metadata: { ...din.metadata, notes: '' } });
    });
    expect(await readFile(file, 'utf8')).toBe(first);
    const din = (await reread.read()).getModel('din');
    expect(din?.deployments).toEqual([
      {
        version: 'v2',
        action: 'deploy',
        at: '2026-12-01T10:00:00.000Z',
        previousVersion: 'v1',
        notes: 'canary',
      },
    ]);
    const written = (await readJson(file)).models as Record<string, { deployments: unknown[] }>;
    expect(written.din?.deployments).toEqual([
      {
        version: 'v2',
        action: 'deploy',
        at: '2026-12-01T10:00:00.000Z',
        previous_version: 'v1',
        notes: 'canary',
      },
    ]);
  });
});

describe('fields this version does not know', () => {
  const withUnknowns = {
    version: '1.0',
    updated_at: '2026-11-27T07:23:22Z',
    future_top: { keep: true },
    models: {
      din: {
        future_model_key: [1, 2],
        metadata: { model_name: 'din', future_metadata: 'm', owner: 'lab' },
        deployments: [
          { version: 'v1', action: 'deploy', at: '2026-11-27T07:00:00Z', future_event: 'e' },
        ],
        versions: {
          v1: {
            model_name: 'din',
            version: 'v1',
            future_version_key: { nested: [null, 'x'] },
            training: { base_model: 'Qwen', future_training: 7 },
            evaluation_scores: { accuracy: 0.5, future_score_block: { a: 1 } },
          },
          v2: { model_name: 'din', version: 'v2', future_version_key: 'other' },
        },
      },
      other: {
        untouched_future: 'u',
        metadata: { model_name: 'other' },
        versions: { v1: { future: 1 } },
      },
    },
  };

  it('keeps them at every level through a commit that changes the model', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await writeFile(file, JSON.stringify(withUnknowns));
    const store = createJsonStore({ path: file, onNotice: () => undefined });
    await new ModelRegistry({ store }).updateEvaluationScores('din', 'v1', { accuracy: 0.9 });
    await new ModelRegistry({ store }).deleteVersion('din', 'v2');

    const written = await readJson(file);
    expect(written.future_top).toEqual({ keep: true });
    const models = written.models as Record<string, Record<string, unknown>>;
    const din = models.din as Record<string, unknown>;
    expect(din.future_model_key).toEqual([1, 2]);
    expect(din.metadata).toMatchObject({ future_metadata: 'm', owner: 'lab' });
    expect((din.deployments as unknown[])[0]).toMatchObject({ future_event: 'e', version: 'v1' });
    const versions = din.versions as Record<string, Record<string, unknown>>;
    expect(Object.keys(versions)).toEqual(['v1']);
    expect(versions.v1?.future_version_key).toEqual({ nested: [null, 'x'] });
    expect(versions.v1?.training).toMatchObject({ base_model: 'Qwen', future_training: 7 });
    expect(versions.v1?.evaluation_scores).toMatchObject({
      accuracy: 0.9,
      future_score_block: { a: 1 },
    });
    expect(models.other?.untouched_future).toBe('u');
    const otherVersions = models.other?.versions as
      | Record<string, Record<string, unknown>>
      | undefined;
    expect(otherVersions?.v1?.future).toBe(1);
  });
});

describe('upgrading an old file', () => {
  it('keeps the original as registry.json.v1.bak and says so once', async () => {
    const { dir, file } = await fixtureCopy();
    const original = await sha256(file);
    const { notices, onNotice } = noticeCollector();
    const store = createJsonStore({ path: file, onNotice });
    await store.read();
    expect(notices).toEqual([]);
    const registry = new ModelRegistry({ store });
    await registry.setDeployed('din', 'v2');
    await registry.rollback('din');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('"1.0"');
    expect(notices[0]).toContain(`${file}.v1.bak`);
    expect(await sha256(`${file}.v1.bak`)).toBe(original);
    expect((await readJson(file)).version).toBe('2.0');
    expect((await readdir(dir)).sort()).toEqual(['registry.json', 'registry.json.v1.bak']);
  });

  it('never overwrites an existing backup', async () => {
    const { dir, file } = await fixtureCopy();
    await writeFile(`${file}.v1.bak`, 'older backup');
    await writeFile(`${file}.v1.bak.1`, 'even older');
    const original = await sha256(file);
    const { notices, onNotice } = noticeCollector();
    await createJsonStore({ path: file, onNotice }).transact((tx) => tx.deleteModel('farore'));
    expect(await readFile(`${file}.v1.bak`, 'utf8')).toBe('older backup');
    expect(await readFile(`${file}.v1.bak.1`, 'utf8')).toBe('even older');
    expect(await sha256(`${file}.v1.bak.2`)).toBe(original);
    expect(notices[0]).toContain('registry.json.v1.bak.2');
    expect((await readdir(dir)).length).toBe(4);
  });

  it('upgrades the bare dictionary too', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await writeFile(
      file,
      JSON.stringify({ din: { metadata: { model_name: 'din' }, versions: {} } }),
    );
    const { notices, onNotice } = noticeCollector();
    await createJsonStore({ path: file, onNotice }).transact((tx) => tx.deleteModel('din'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('bare models dictionary');
    expect(await readJson(file)).toMatchObject({ version: '2.0', models: {} });
    expect(await readJson(`${file}.v1.bak`)).toHaveProperty('din');
  });

  it('emits a process warning with a code by default', async () => {
    const { file } = await fixtureCopy();
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      await createJsonStore({ path: file }).transact((tx) => tx.deleteModel('farore'));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[1]).toMatchObject({ code: UPGRADE_WARNING_CODE });
    } finally {
      warn.mockRestore();
    }
  });

  it('does not back up a file that is already 2.0, nor a new file', async () => {
    const dir = await tempDir();
    const { notices, onNotice } = noticeCollector();
    const store = createJsonStore({ path: dir, onNotice });
    await new ModelRegistry({ store }).registerModel({ modelName: 'din' });
    await new ModelRegistry({ store }).registerModel({ modelName: 'din' });
    expect(notices).toEqual([]);
    expect(await readdir(dir)).toEqual(['registry.json']);
    expect(await sortedJson(join(dir, 'registry.json'))).toContain('"v2"');
  });
});
