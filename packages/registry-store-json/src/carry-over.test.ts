import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ModelRecord, ModelRegistry } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { fixedClock, readJson, tempDir } from '../test/support.js';
import { createJsonStore } from './json-store.js';

function model(name: string, versions: string[] = [], notes = ''): ModelRecord {
  return {
    metadata: { modelName: name, description: '', owner: '', tags: [], notes },
    versions: Object.fromEntries(
      versions.map((version) => [
        version,
        {
          modelName: name,
          version,
          status: 'draft',
          training: { notes: '' },
          evaluationScores: { rougeScores: {}, customMetrics: {} },
          additionalParents: [],
          trainingDataSources: [],
          deployed: false,
          deploymentNotes: '',
          tags: [],
          notes: 'a "quoted" {brace} [bracket] \\ back\\slash\n    }\nunicode: é ✓ 𝄞',
        },
      ]),
    ),
    deployments: [],
  };
}

/** The text of a model's entry in a file this store wrote: from its key to the next entry or the end of `models`. */
function entryText(text: string, name: string): string {
  const start = text.indexOf(`\n    ${JSON.stringify(name)}: `);
  expect(start, `entry of ${name}`).toBeGreaterThan(0);
  const rest = text.slice(start + 1);
  const next = rest.search(/\n {4}"|\n {2}\}/);
  return rest.slice(0, next);
}

async function fileWith(content: string): Promise<string> {
  const dir = await tempDir();
  const file = join(dir, 'registry.json');
  await writeFile(file, content);
  return file;
}

describe('entries a commit does not change', () => {
  it('keep their exact bytes in a file this store wrote', async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const store = createJsonStore({ path: file, clock: fixedClock });
    // Integer-like keys come first in a parsed object; their bytes must still not move.
    await store.transact((tx) => {
      tx.putModel(model('alpha', ['1', '2', '10', 'v1']));
      tx.putModel(model('beta', ['v1']));
      tx.putModel(model('10', ['3', '20']));
    });
    const before = await readFile(file, 'utf8');
    // A fresh instance, so nothing is remembered from the first commit.
    const reopened = createJsonStore({ path: file, clock: fixedClock });
    await new ModelRegistry({ store: reopened }).updateMetadata('beta', { notes: 'changed' });
    const after = await readFile(file, 'utf8');
    expect(entryText(after, 'alpha')).toBe(entryText(before, 'alpha'));
    expect(entryText(after, '10')).toBe(entryText(before, '10'));
    expect(entryText(after, 'beta')).not.toBe(entryText(before, 'beta'));
    // And the same instance carries them over again from what it wrote.
    await new ModelRegistry({ store: reopened }).updateMetadata('beta', { notes: 'again' });
    expect(entryText(await readFile(file, 'utf8'), 'alpha')).toBe(entryText(before, 'alpha'));
    expect((await reopened.read()).getModel('alpha')).toEqual(
      model('alpha', ['1', '2', '10', 'v1']),
    );
  });

  it('copy what JSON.parse kept of a repeated model key: the last value', async () => {
    const file = await fileWith(
      '{\n  "models": {\n    "din": {\n      "metadata": {"notes": "first"}\n    },\n    "other": {},\n    "din": {\n      "metadata": {"notes": "last"}\n    }\n  },\n  "version": "2.0"\n}\n',
    );
    const registry = new ModelRegistry({ store: createJsonStore({ path: file }) });
    expect((await registry.getModel('din'))?.metadata.notes).toBe('last');
    await registry.registerModel({ modelName: 'other' });
    const written = (await readJson(file)).models as Record<string, unknown>;
    expect(written.din).toEqual({ metadata: { notes: 'last' } });
    expect((await readFile(file, 'utf8')).match(/"din"/g)).toHaveLength(1);
  });

  it('only the last of repeated "models" keys counts, as in JSON.parse', async () => {
    const file = await fileWith(
      '{"models": {"gone": {}}, "version": "2.0", "models": {\n    "din": {\n      "future": 1\n    }\n}}',
    );
    const store = createJsonStore({ path: file, onNotice: () => undefined });
    await new ModelRegistry({ store }).registerModel({ modelName: 'nayru' });
    const written = (await readJson(file)).models as Record<string, unknown>;
    expect(Object.keys(written)).toEqual(['din', 'nayru']);
    expect(written.din).toEqual({ future: 1 });
  });

  it('are indented again, keeping their content and key order, when the file was laid out otherwise', async () => {
    const unknown = '{"z": 1, "__proto__": {"polluted": true}, "a": [1, {"b": null}], "s": "}\\n"}';
    const file = await fileWith(
      `{"din":{"metadata":{"model_name":"din"},"versions":{},"future":${unknown}},"farore":{"versions":{}}}`,
    );
    const store = createJsonStore({ path: file, onNotice: () => undefined });
    await new ModelRegistry({ store }).updateMetadata('farore', { notes: 'upgraded' });
    const text = await readFile(file, 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const din = (JSON.parse(text).models as Record<string, Record<string, unknown>>).din;
    expect(din).toEqual({
      metadata: { model_name: 'din' },
      versions: {},
      future: JSON.parse(unknown),
    });
    expect(Object.keys(din?.future as object)).toEqual(['z', '__proto__', 'a', 's']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('are found whatever the spacing, escapes and byte order mark of the file', async () => {
    const file = await fileWith(
      '\ufeff { "version" : "2.0" ,\r\n\t"mod\\u0065ls" :{\n    "d\\u0069n":{\n      "versions": {"v1": {"notes": "\\"}{["}}\n    } ,\n    "farore" : {}\n  } }',
    );
    const store = createJsonStore({ path: file, onNotice: () => undefined });
    await new ModelRegistry({ store }).updateMetadata('farore', { notes: 'x' });
    const text = await readFile(file, 'utf8');
    expect(text).toContain(
      '\n    "din": {\n      "versions": {"v1": {"notes": "\\"}{["}}\n    },\n',
    );
    expect((await store.read()).getModel('din')?.versions.v1?.notes).toBe('"}{[');
  });

  it('many models: more pieces than one vectored write takes', async () => {
    const dir = await tempDir();
    const store = createJsonStore({ path: dir, clock: fixedClock });
    const names = Array.from({ length: 1500 }, (_, i) => `m-${String(i).padStart(4, '0')}`);
    await store.transact((tx) => {
      for (const name of names) tx.putModel(model(name));
    });
    await store.transact((tx) => tx.putModel(model('m-0700', [], 'changed')));
    const reread = await createJsonStore({ path: dir }).read();
    expect(reread.modelNames()).toHaveLength(1500);
    expect(reread.getModel('m-0700')?.metadata.notes).toBe('changed');
    expect(reread.getModel('m-1499')).toEqual(model('m-1499'));
    // The next commit of the same instance still recognises the file as its own.
    await store.transact((tx) => tx.deleteModel('m-0000'));
    expect((await store.read()).modelNames()).toHaveLength(1499);
  });
});

describe('reading a model', () => {
  it('hands out a record of its own every time, first read or later', async () => {
    const file = await fileWith(
      JSON.stringify({
        version: '2.0',
        models: { din: { metadata: { tags: ['a'] }, versions: { v1: { tags: ['t'] } } } },
      }),
    );
    const reader = await createJsonStore({ path: file }).read();
    const first = reader.getModel('din');
    first?.metadata.tags.push('mutated');
    first?.versions.v1?.tags.push('mutated');
    const second = reader.getModel('din');
    second?.metadata.tags.push('again');
    for (const record of [second, reader.getModel('din')]) {
      expect(record?.versions.v1?.tags).toEqual(['t']);
    }
    expect(reader.getModel('din')?.metadata.tags).toEqual(['a']);
  });
});
