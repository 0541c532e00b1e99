import { type ModelRecord, ModelRecordSchema } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { encodeModel, renderModelEntry } from './encode.js';
import { renderEntryPieces } from './entry-pieces.js';
import { validateRecord } from './validate-record.js';

function record(keys: string[], notes = ''): ModelRecord {
  return ModelRecordSchema.parse({
    metadata: { modelName: 'din', tags: ['a'] },
    versions: Object.fromEntries(
      keys.map((key) => [key, { modelName: 'din', version: key, notes: `${key} ${notes}` }]),
    ),
    deployments: [{ version: keys[0] ?? 'v1', action: 'deploy', at: '2026-01-01T00:00:00Z' }],
  });
}

const text = (pieces: readonly Uint8Array[]) => Buffer.concat(pieces).toString('utf8');

describe('renderEntryPieces', () => {
  it('gives the text renderModelEntry gives, in pieces', () => {
    const raw = JSON.parse(
      '{"zz": 1, "__proto__": {"p": true}, "metadata": {"future": 2}, "versions": {"10": {"future": [1]}}}',
    );
    for (const keys of [[], ['v1'], ['10', '2', 'v1', 'V9', '1']]) {
      const rendered = renderEntryPieces(record(keys), raw, undefined);
      expect(text(rendered.pieces)).toBe(renderModelEntry(encodeModel(record(keys), raw)));
      expect(rendered.raw).toEqual(encodeModel(record(keys), raw));
    }
  });

  it('reuses the versions a commit did not change, and renders the rest', () => {
    const first = record(['v1', 'v2', 'v3']);
    const before = renderEntryPieces(first, undefined, undefined);
    const next = structuredClone(first);
    (next.versions.v2 as { notes: string }).notes = 'changed';
    next.versions.v4 = { ...structuredClone(first.versions.v3), version: 'v4' } as never;
    delete next.versions.v1;
    const validated = validateRecord(next, first);
    const after = renderEntryPieces(validated, before.raw, before.versions);
    expect(text(after.pieces)).toBe(renderModelEntry(encodeModel(validated, before.raw)));
    expect(after.versions.get('v3')).toBe(before.versions.get('v3'));
    expect(after.versions.get('v2')).not.toBe(before.versions.get('v2'));
    expect([...after.versions.keys()]).toEqual(['v2', 'v3', 'v4']);
  });
});
