import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadIntent } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import {
  ABSENT,
  attemptAsync,
  expectSameAsWholeFile,
  generatedRecords,
  handMadeFiles,
  intentsFor,
  parsedFile,
  READ_OPTIONS,
  registryFile,
  storeWritten,
  trickyRecords,
} from '../test/streamed.js';
import { tempDir } from '../test/support.js';
import { createJsonStore } from './json-store.js';
import { streamRegistryFile, WHOLE_FILE } from './stream-read.js';

const PYTHON_FIXTURE = '/work/shared/fixtures/python-afs/registry.json';

async function pythonFixture(): Promise<string> {
  const file = join(await tempDir(), 'registry.json');
  await copyFile(PYTHON_FIXTURE, file);
  return file;
}

/** A streamed read as plain data: what two reads of the same file must agree on. */
async function streamedView(file: string, intent: ReadIntent, blockBytes?: number) {
  const result = await streamRegistryFile(file, READ_OPTIONS, intent, blockBytes);
  if (result === WHOLE_FILE) return 'WHOLE_FILE';
  if (!result.exists) return result;
  return {
    target: result.target,
    identity: result.identity,
    schemaVersion: result.schemaVersion,
    entries: [...result.entries].map(([name, entry]) => ({
      name,
      start: entry.start,
      end: entry.end,
      bytes: entry.bytes === undefined ? undefined : Buffer.from(entry.bytes).toString('hex'),
      summary: entry.summary,
    })),
    links: [...result.links].map(([name, linked]) => [name, [...linked]]),
  };
}

const hand = handMadeFiles();

interface Case {
  readonly name: string;
  readonly file: () => Promise<string>;
}

const VALID_FILES: Case[] = [
  { name: 'the Python fixture', file: pythonFixture },
  { name: 'a file the store wrote', file: () => storeWritten(trickyRecords()) },
  ...Object.entries(hand).map(([name, content]) => ({
    name: `hand-made: ${name}`,
    file: () => registryFile(content),
  })),
];

describe('streamed read(intent) answers as the whole-file read()', () => {
  for (const { name, file } of VALID_FILES) {
    it(`${name}`, async () => {
      const path = await file();
      // The streamed path really is taken for these files.
      expect(await streamRegistryFile(path, READ_OPTIONS, { summaries: true })).not.toBe(
        WHOLE_FILE,
      );
      const reader = await createJsonStore({ path }).read({ summaries: true });
      expect(reader.modelSummary).toBeTypeOf('function');
      expect(reader.modelsLinkedTo).toBeTypeOf('function');
      await expectSameAsWholeFile(path);
    });
  }

  it('a generated registry of more than 1 MiB', async () => {
    const path = await storeWritten(generatedRecords());
    const size = (await readFile(path)).length;
    expect(size).toBeGreaterThan(1024 * 1024);
    const names = createJsonStore({ path });
    const all = (await names.read()).modelNames();
    expect(await streamRegistryFile(path, READ_OPTIONS, { summaries: true })).not.toBe(WHOLE_FILE);
    await expectSameAsWholeFile(path, [
      { summaries: true },
      { models: [all[0] ?? ABSENT, all[all.length - 1] ?? ABSENT] },
      { linksTo: ['model-000', 'model-003', 'model-029'] },
      { models: ['model-015'], summaries: true, linksTo: ['model-001'] },
    ]);
  });

  it('a missing file reads as an empty registry', async () => {
    const path = join(await tempDir(), 'registry.json');
    expect(await streamRegistryFile(path, READ_OPTIONS, { summaries: true })).toEqual({
      exists: false,
      target: path,
    });
    for (const intent of intentsFor(['a'])) {
      const reader = await createJsonStore({ path }).read(intent);
      expect(reader.modelNames()).toEqual([]);
      expect(reader.getModel('a')).toBeUndefined();
      expect(reader.modelSummary?.('a')).toBeUndefined();
    }
  });
});

describe('what a streamed read keeps', () => {
  for (const { name, file } of VALID_FILES) {
    it(`${name}: entry ranges hold each model's JSON, bytes only for named models`, async () => {
      const path = await file();
      const bytes = await readFile(path);
      const parsed = (await parsedFile(path)) as { models?: Record<string, unknown> };
      const models = parsed.models ?? {};
      const names = Object.keys(models);
      const named = names.slice(0, 1);
      const result = await streamRegistryFile(path, READ_OPTIONS, { models: [...named, ABSENT] });
      if (result === WHOLE_FILE || !result.exists) throw new Error(`not streamed: ${name}`);
      expect([...result.entries.keys()].sort()).toEqual([...names].sort());
      for (const [model, entry] of result.entries) {
        const text = bytes.subarray(entry.start, entry.end).toString('utf8');
        expect(JSON.parse(text), model).toEqual(models[model]);
        if (named.includes(model)) {
          expect(Buffer.from(entry.bytes ?? []).toString('utf8'), model).toBe(text);
        } else {
          expect(entry.bytes, model).toBeUndefined();
        }
        expect(entry.summary, model).toBeUndefined();
      }
      expect([...result.links]).toEqual([]);
    });
  }
});

const BLOCK_SIZES = [1, 2, 3, 4, 5, 7, 11, 13, 64, 100, 257];

describe('block boundaries anywhere give the same streamed read', () => {
  for (const { name, file } of VALID_FILES) {
    it(`${name}`, async () => {
      const path = await file();
      const names = Object.keys(
        ((await parsedFile(path)) as { models?: Record<string, unknown> }).models ?? {},
      );
      const intents: ReadIntent[] = [
        { models: names, summaries: true, linksTo: [...names, 'ghost'] },
        { models: names.slice(-1), linksTo: names.slice(0, 1) },
      ];
      for (const intent of intents) {
        const expected = await streamedView(path, intent);
        expect(expected).not.toBe('WHOLE_FILE');
        for (const blockBytes of BLOCK_SIZES) {
          expect(await streamedView(path, intent, blockBytes), `blockBytes ${blockBytes}`).toEqual(
            expected,
          );
        }
      }
    });
  }

  it('a top-level number split at every position, also at the very end of the file', async () => {
    const cases = [
      '{"version":"2.0","models":{"a":{}},"n":1234567890}',
      '{"version":"2.0","models":{"a":{}},"n":-0.125e+10}',
      '{"n":1234567890,"version":"2.0","models":{"a":{}}}',
      '{"models":{"a":{}},"version":"2.0","t":true,"f":false,"z":null,"n":12}',
      '{"models":{"a":{"metadata":null}},"version":"2.0","n":"\\u00e9\\n"}',
    ];
    for (const content of cases) {
      const path = await registryFile(content);
      const expected = await streamedView(path, { models: ['a'], summaries: true });
      expect(expected, content).not.toBe('WHOLE_FILE');
      for (let blockBytes = 1; blockBytes <= content.length + 1; blockBytes += 1) {
        expect(
          await streamedView(path, { models: ['a'], summaries: true }, blockBytes),
          `${content} blockBytes ${blockBytes}`,
        ).toEqual(expected);
      }
    }
  });

  it('a number cut short at a block end is not taken for a whole one', async () => {
    // "12" followed by "3" in the next block: reading "12" alone would still be JSON.
    const content = '{"version":"2.0","models":{"a":{}},"n":123}';
    const path = await registryFile(content);
    for (let blockBytes = 1; blockBytes <= content.length; blockBytes += 1) {
      expect(await streamedView(path, {}, blockBytes), `blockBytes ${blockBytes}`).not.toBe(
        'WHOLE_FILE',
      );
    }
    // ...and a number followed by garbage is refused at every block size.
    const bad = await registryFile('{"version":"2.0","models":{"a":{}},"n":12x}');
    for (let blockBytes = 1; blockBytes <= content.length; blockBytes += 1) {
      expect(await streamedView(bad, {}, blockBytes), `blockBytes ${blockBytes}`).toBe(
        'WHOLE_FILE',
      );
    }
  });

  it('a generated registry of more than 1 MiB, in small and odd blocks', async () => {
    const path = await storeWritten(generatedRecords());
    const intent = {
      models: ['model-000', 'model-017'],
      summaries: true,
      linksTo: ['model-000', 'model-002'],
    };
    const expected = await streamedView(path, intent);
    expect(expected).not.toBe('WHOLE_FILE');
    for (const blockBytes of [7, 4093, 65_536, 1024 * 1024 - 1]) {
      expect(await streamedView(path, intent, blockBytes), `blockBytes ${blockBytes}`).toEqual(
        expected,
      );
    }
  });
});

/** Bytes of a wrapper-form file with `inner` in place of the model entries. */
function wrapped(models: string): string {
  return `{"version": "2.0", "models": ${models}}`;
}

const GOOD_ENTRY = '{"metadata": {"description": "ok"}, "versions": {"v1": {}}}';

function withBytes(before: string, bytes: number[], after: string): Uint8Array {
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
}

const CORRUPT_FILES: Record<string, string | Uint8Array> = {
  empty: '',
  'whitespace only': ' \n\t\r\n ',
  'a BOM only': '\ufeff',
  'invalid UTF-8 inside an entry': withBytes(
    `{"version": "2.0", "models": {"ok": ${GOOD_ENTRY}, "bad": {"metadata": {"description": "a`,
    [0xff, 0xfe],
    '"}}}}',
  ),
  'invalid UTF-8 inside a model key': withBytes(
    `{"version": "2.0", "models": {"ok": ${GOOD_ENTRY}, "b`,
    [0xc3, 0x28],
    `": ${GOOD_ENTRY}}}`,
  ),
  'invalid UTF-8 inside a version key': withBytes(
    '{"version": "2.0", "models": {"ok": {"versions": {"v',
    [0xe2, 0x82],
    '": {}}}}}',
  ),
  'invalid UTF-8 inside a top-level key': withBytes('{"version": "2.0", "x', [0x80], '": 1}'),
  'invalid UTF-8 inside a top-level value': withBytes(
    `{"models": {"ok": ${GOOD_ENTRY}}, "note": "`,
    [0xed, 0xa0, 0x80],
    '", "version": "2.0"}',
  ),
  'a UTF-8 sequence cut at the end of a string': withBytes(
    `{"version": "2.0", "models": {"ok": ${GOOD_ENTRY}}, "note": "`,
    [0xf0, 0x9f, 0x98],
    '"}',
  ),
  'truncated JSON': wrapped(`{"ok": ${GOOD_ENTRY}, "cut": {"versions": {"v1": {"no`),
  'truncated after the models': `{"version": "2.0", "models": {"ok": ${GOOD_ENTRY}}`,
  'trailing garbage': `${wrapped(`{"ok": ${GOOD_ENTRY}}`)} x`,
  'a second document': `${wrapped(`{"ok": ${GOOD_ENTRY}}`)}{}`,
  'a trailing comma': wrapped(`{"ok": ${GOOD_ENTRY},}`),
  'a bad escape in a key': wrapped(`{"o\\k": ${GOOD_ENTRY}}`),
  'a control character in a string': wrapped(`{"ok": {"metadata": {"notes": "a\tb"}}}`),
  'a number with a leading zero': `{"version": "2.0", "models": {}, "n": 01}`,
  'a literal cut short': `{"version": "2.0", "models": {}, "t": tru}`,
  'the bare legacy form': `{"ok": ${GOOD_ENTRY}, "other": {"versions": {}}}`,
  'the bare legacy form with a model called version': `{"version": {"versions": {}}, "models": {}}`,
  'an unknown schema version': `{"version": "3.0", "models": {"ok": ${GOOD_ENTRY}}}`,
  'a schema version that is a number': `{"version": 2.0, "models": {"ok": ${GOOD_ENTRY}}}`,
  'a schema version of null': `{"version": null, "models": {}}`,
  'models not an object': '{"version": "2.0", "models": ["ok"]}',
  'models null': '{"version": "2.0", "models": null}',
  'models a string': '{"version": "2.0", "models": "none"}',
  'an earlier models not an object': `{"version": "2.0", "models": 1, "models": {"ok": ${GOOD_ENTRY}}}`,
  'an entry not an object': wrapped(`{"ok": ${GOOD_ENTRY}, "five": 5}`),
  'an entry that is an array': wrapped('{"list": []}'),
  'an entry that is null': wrapped('{"nothing": null}'),
  'metadata a string': wrapped('{"meta": {"metadata": "text", "versions": {}}}'),
  'versions an array': wrapped('{"list": {"versions": []}}'),
  'versions false': wrapped('{"no": {"versions": false}}'),
  'an invalid model name': wrapped(`{"bad name": ${GOOD_ENTRY}}`),
  'a model named __proto__': wrapped(`{"__proto__": ${GOOD_ENTRY}}`),
  'an empty model name': wrapped(`{"": ${GOOD_ENTRY}}`),
  'a model name written with escapes that is invalid': wrapped(`{"a\\u0020b": ${GOOD_ENTRY}}`),
  'the top level an array': '[{"version": "2.0", "models": {}}]',
  'the top level a string': '"registry"',
  'a BOM and garbage': '\ufeff{"version": "2.0", "models": {}',
  'an empty object (bare, no models)': '{}',
  'an empty object with a BOM and whitespace': '\ufeff \r\n{ }\t',
};

describe('anything unusual is left to the whole-file read', () => {
  for (const [name, content] of Object.entries(CORRUPT_FILES)) {
    it(`${name}`, async () => {
      const path = await registryFile(content);
      for (const blockBytes of [undefined, 1, 3, 7, 64]) {
        for (const intent of [{}, { models: ['ok'] }, { summaries: true, linksTo: ['ok'] }]) {
          expect(
            await streamedView(path, intent, blockBytes),
            `${JSON.stringify(intent)}, blockBytes ${blockBytes}`,
          ).toBe('WHOLE_FILE');
        }
      }
      const whole = await attemptAsync(() => createJsonStore({ path }).read());
      for (const intent of intentsFor(['ok'])) {
        const streamed = await attemptAsync(() => createJsonStore({ path }).read(intent));
        if (whole.ok) {
          expect(streamed.ok, JSON.stringify(intent)).toBe(true);
        } else {
          expect(streamed, JSON.stringify(intent)).toEqual(whole);
        }
      }
      if (whole.ok) await expectSameAsWholeFile(path);
    });
  }
});
