import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isRegistryError,
  ModelRegistry,
  type RegistryError,
  type RegistryTransaction,
} from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_REGISTRY, readJson, sha256, tempDir } from '../test/support.js';
import { createJsonStore } from './json-store.js';

const fixture = await readFile(FIXTURE_REGISTRY);

function corruptError(pattern?: RegExp) {
  return (error: unknown): boolean => {
    if (!isRegistryError(error, 'CORRUPT_REGISTRY')) return false;
    if (!error.message.includes('registry.json')) return false;
    if (!/restore it from a backup/.test(error.message)) return false;
    return pattern === undefined || pattern.test(error.message);
  };
}

/** Both read() and transact() refuse the file, and its bytes stay exactly as they were. */
async function expectRefused(
  content: Uint8Array | string,
  pattern?: RegExp,
  options: { maxBytes?: number } = {},
): Promise<RegistryError> {
  const dir = await tempDir();
  const file = join(dir, 'registry.json');
  await writeFile(file, content);
  const hash = await sha256(file);
  const store = createJsonStore({ path: file, ...options, onNotice: () => undefined });
  let caught: unknown;
  await store.read().catch((error: unknown) => {
    caught = error;
  });
  expect(caught, 'read()').toSatisfy(corruptError(pattern));
  let workRan = false;
  await expect(
    store.transact((tx) => {
      workRan = true;
      tx.deleteModel('din');
    }),
    'transact()',
  ).rejects.toSatisfy(corruptError(pattern));
  expect(workRan).toBe(false);
  expect(await sha256(file)).toBe(hash);
  expect(await readdir(dir)).toEqual(['registry.json']);
  return caught as RegistryError;
}

/**
 * The file as a whole is usable, but one model's entry fails the deep check:
 * reading that model, and any transaction that reads, replaces or deletes it,
 * fails with CORRUPT_REGISTRY; the file's bytes stay exactly as they were.
 */
async function expectModelRefused(
  content: string,
  modelName: string,
  pattern?: RegExp,
): Promise<RegistryError> {
  const dir = await tempDir();
  const file = join(dir, 'registry.json');
  await writeFile(file, content);
  const hash = await sha256(file);
  const store = createJsonStore({ path: file, onNotice: () => undefined });
  const reader = await store.read();
  expect(reader.modelNames()).toContain(modelName);
  let caught: unknown;
  try {
    reader.getModel(modelName);
  } catch (error) {
    caught = error;
  }
  expect(caught, 'getModel()').toSatisfy(corruptError(pattern));
  expect((caught as RegistryError).details.modelName).toBe(modelName);
  const blank = {
    metadata: { modelName, description: '', owner: '', tags: [], notes: '' },
    versions: {},
    deployments: [],
  };
  const attempts: Array<[string, (tx: RegistryTransaction) => void]> = [
    ['read', (tx) => void tx.getModel(modelName)],
    ['delete', (tx) => tx.deleteModel(modelName)],
    ['replace', (tx) => tx.putModel(blank)],
  ];
  for (const [label, work] of attempts) {
    await expect(store.transact(work), `transact() that tries to ${label} it`).rejects.toSatisfy(
      corruptError(pattern),
    );
  }
  expect(await sha256(file)).toBe(hash);
  expect(await readdir(dir)).toEqual(['registry.json']);
  return caught as RegistryError;
}

describe('a file that is not a usable registry is refused and left unchanged', () => {
  it('truncated at many points', async () => {
    const cuts = new Set<number>([1, 2, fixture.length - 1, fixture.length - 2]);
    for (let at = 7; at < fixture.length; at += 97) cuts.add(at);
    for (const at of cuts) {
      await expectRefused(fixture.subarray(0, at), /not valid JSON .*line \d+, column \d+/);
    }
  });

  it('0 bytes', async () => {
    await expectRefused('', /empty \(0 bytes\)/);
  });

  it('only whitespace', async () => {
    await expectRefused('  \n', /only whitespace/);
  });

  it('null, an array, a number, a string', async () => {
    await expectRefused('null', /top level is null/);
    await expectRefused('[]', /top level is an array/);
    await expectRefused('42', /top level is a number/);
    await expectRefused('"registry"', /top level is a string/);
  });

  it('an unknown schema version', async () => {
    const error = await expectRefused(
      JSON.stringify({ version: '3.0', models: {} }),
      /schema version "3\.0" is unknown.*upgrade @afs\/registry-store-json/,
    );
    expect(error.details.schemaVersion).toBe('3.0');
    await expectRefused(JSON.stringify({ version: 2, models: {} }), /schema version 2 is unknown/);
    await expectRefused(JSON.stringify({ version: null, models: {} }), /schema version null/);
  });

  it('invalid UTF-8 bytes', async () => {
    const broken = Buffer.concat([
      fixture.subarray(0, 100),
      Buffer.from([0xc3, 0x28]),
      fixture.subarray(102),
    ]);
    const error = await expectRefused(broken, /not valid UTF-8.*offset 100/);
    expect(error.details.byteOffset).toBe(100);
    await expectRefused(Buffer.from([0x7b, 0xff, 0x7d]), /offset 1/);
    // An encoded surrogate is not valid UTF-8 either.
    await expectRefused(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), /offset 1/);
  });

  it('over maxBytes, checked before reading', async () => {
    const error = await expectRefused(fixture, /4935 bytes, more than the 1000-byte limit/, {
      maxBytes: 1000,
    });
    expect(error.details).toMatchObject({ size: 4935, maxBytes: 1000 });
  });

  it('models of the wrong type', async () => {
    await expectRefused(
      JSON.stringify({ version: '1.0', models: [] }),
      /models: expected an object/,
    );
    await expectRefused(
      JSON.stringify({ version: '1.0', models: { din: 'x' } }),
      /models\.din: expected an object with "metadata" and "versions"/,
    );
  });

  it('a model entry or its metadata or versions that are not objects', async () => {
    await expectRefused(
      JSON.stringify({ version: '2.0', models: { din: { metadata: [], versions: 'v1' } } }),
      /models\.din\.metadata: expected an object, got an array; models\.din\.versions: expected an object, got a string/,
    );
  });

  it('invalid model names', async () => {
    await expectRefused(
      JSON.stringify({ version: '1.0', models: { 'bad name': { versions: {} } } }),
      /models\["bad name"\]: model name "bad name" may only contain/,
    );
    await expectRefused(
      JSON.stringify({ din: {}, '../x': { versions: {} } }),
      /\["\.\.\/x"\]: model name "\.\.\/x" may only contain/,
    );
  });
});

describe('a model whose entry fails the deep check is refused alone', () => {
  it('a wrong field type, with the snake_case path in the file', async () => {
    const json = JSON.parse(fixture.toString('utf8'));
    json.models.din.versions.v2.training.samples = 'three hundred';
    json.models.din.versions.v1.evaluation_scores.rouge_scores.rougeL = 'high';
    json.models.din.metadata.tags = 'tutor';
    const error = await expectModelRefused(JSON.stringify(json, null, 2), 'din');
    expect(error.message).toContain('models.din.versions.v2.training.samples: Invalid input');
    expect(error.message).toContain('models.din.versions.v1.evaluation_scores.rouge_scores.rougeL');
    expect(error.message).toContain('models.din.metadata.tags');
    expect(error.details.issues).toContainEqual(
      expect.objectContaining({
        path: 'models.din.versions.v2.training.samples',
        segments: ['models', 'din', 'versions', 'v2', 'training', 'samples'],
      }),
    );
  });

  it('a deployment event and a status out of range', async () => {
    const error = await expectModelRefused(
      JSON.stringify({
        version: '2.0',
        models: {
          din: {
            metadata: { model_name: 'din' },
            versions: { 'v1.0.0': { status: 'shipped' } },
            deployments: [
              { version: 'v1', action: 'launch', at: 'yesterday', previous_version: 3 },
            ],
          },
        },
      }),
      'din',
    );
    expect(error.message).toContain('models.din.versions["v1.0.0"].status');
    expect(error.message).toContain('models.din.deployments[0].action');
    expect(error.message).toContain('models.din.deployments[0].at');
    expect(error.message).toContain('models.din.deployments[0].previous_version');
  });

  it('a record stored under the wrong name', async () => {
    await expectModelRefused(
      JSON.stringify({
        version: '1.0',
        models: {
          din: {
            metadata: { model_name: 'din' },
            versions: { v1: { model_name: 'din', version: 'v2' } },
          },
        },
      }),
      'din',
      /models\.din\.versions\.v1: holds din:v2, expected din:v1/,
    );
    await expectModelRefused(
      JSON.stringify({ version: '1.0', models: { din: { metadata: { model_name: 'nayru' } } } }),
      'din',
      /models\.din\.metadata\.model_name: is "nayru" but the model is stored under "din"/,
    );
  });

  it('invalid version names', async () => {
    await expectModelRefused(
      JSON.stringify({ din: { versions: { '../x': {} } } }),
      'din',
      /Model "din" .*din\.versions\["\.\.\/x"\]: version "\.\.\/x" may only contain/,
    );
  });

  it('leaves the other models usable, and carries the bad entry over exactly as it was', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const json = JSON.parse(fixture.toString('utf8'));
    json.models.din.versions.v2.training.samples = 'three hundred';
    json.models.din.future_key = { kept: ['as', 'is'] };
    await writeFile(file, JSON.stringify(json, null, 2));
    const din = JSON.stringify(json.models.din, null, 2).replaceAll('\n', '\n    ');
    const store = createJsonStore({ path: file, onNotice: () => undefined });
    const registry = new ModelRegistry({ store });
    expect((await registry.getModel('farore'))?.metadata.modelName).toBe('farore');
    await registry.updateMetadata('farore', { notes: 'still usable' });
    const text = await readFile(file, 'utf8');
    expect(text).toContain(`\n    "din": ${din},\n`);
    expect((await readJson(file)).models).toMatchObject({
      din: json.models.din,
      farore: { metadata: { notes: 'still usable' } },
    });
    await expect(registry.getModel('din')).rejects.toSatisfy(
      corruptError(/models\.din\.versions\.v2\.training\.samples/),
    );
  });
});

describe('keys that could reach Object.prototype', () => {
  it('refuses __proto__ and constructor as model, version and metric names', async () => {
    await expectRefused(
      '{"version": "1.0", "models": {"__proto__": {"metadata": {"polluted": true}, "versions": {}}}}',
      /models\.__proto__: model name "__proto__" may only contain/,
    );
    await expectRefused(
      '{"constructor": {"versions": {}}}',
      /constructor: model name "constructor" is reserved/,
    );
    await expectModelRefused(
      '{"version": "1.0", "models": {"din": {"versions": {"__proto__": {"polluted": true}}}}}',
      'din',
      /models\.din\.versions\.__proto__: version "__proto__" may only contain/,
    );
    await expectModelRefused(
      '{"din": {"versions": {"constructor": {}}}}',
      'din',
      /din\.versions\.constructor: version "constructor" is reserved/,
    );
    await expectModelRefused(
      '{"version": "1.0", "models": {"din": {"versions": {"v1": {"evaluation_scores": {"custom_metrics": {"__proto__": 1}}}}}}}',
      'din',
      /custom_metrics\.__proto__: metric name "__proto__" is reserved/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps an unknown __proto__ field as plain data without polluting anything', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    await writeFile(
      file,
      '{"version": "2.0", "__proto__": {"polluted": 1}, "models": {"din": {"metadata": {"__proto__": {"polluted": 2}}, "versions": {"v1": {"__proto__": {"polluted": 3}, "training": {"__proto__": {"polluted": 4}}}}}}}',
    );
    const store = createJsonStore({ path: file });
    const din = (await store.read()).getModel('din');
    expect(Object.getPrototypeOf(din?.metadata)).toBe(Object.prototype);
    expect(
      (din?.metadata as unknown as Record<string, unknown> | undefined)?.polluted,
    ).toBeUndefined();
    await store.transact((tx) => {
      if (din) tx.putModel({ ...din, metadata: { ...din.metadata, notes: 'changed' } });
    });
    const text = await readFile(file, 'utf8');
    expect(text.match(/"__proto__"/g)).toHaveLength(4);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const reparsed = JSON.parse(text);
    expect(Object.hasOwn(reparsed, '__proto__')).toBe(true);
    expect(Object.hasOwn(reparsed.models.din.versions.v1.training, '__proto__')).toBe(true);
  });
});
