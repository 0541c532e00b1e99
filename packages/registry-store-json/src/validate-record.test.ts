import { isRegistryError, type ModelRecord, ModelRecordSchema } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { sameJson } from './same-json.js';
import { validateRecord } from './validate-record.js';

function record(versions: Record<string, object>): ModelRecord {
  return ModelRecordSchema.parse({
    metadata: { modelName: 'din' },
    versions: Object.fromEntries(
      Object.entries(versions).map(([key, fields]) => [
        key,
        { modelName: 'din', version: key, ...fields },
      ]),
    ),
  });
}

const isInvalid = (pattern: RegExp) => (error: unknown) =>
  isRegistryError(error, 'INVALID_INPUT') && pattern.test(error.message);

describe('validateRecord against the record it replaces', () => {
  const before = record({ v1: { notes: 'one' }, v2: { notes: 'two' }, v3: {} });

  it('gives what validating the whole record gives, keeping unchanged versions as they were', () => {
    const next = structuredClone(before);
    (next.versions.v2 as { notes: string }).notes = 'changed';
    next.versions.v4 = { ...structuredClone(before.versions.v3), version: 'v4' } as never;
    const validated = validateRecord(next, before);
    expect(validated).toEqual(ModelRecordSchema.parse(next));
    expect(Object.keys(validated.versions)).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(validated.versions.v1).toBe(before.versions.v1);
    expect(validated.versions.v2).not.toBe(before.versions.v2);
  });

  it('still refuses what the schema refuses in the versions that changed', () => {
    const next = structuredClone(before) as unknown as {
      versions: Record<string, Record<string, unknown>>;
    };
    (next.versions.v2 as Record<string, unknown>).status = 'shipped';
    expect(() => validateRecord(next as unknown as ModelRecord, before)).toThrow(
      expect.toSatisfy(isInvalid(/versions\.v2\.status/)),
    );
    const misplaced = structuredClone(before);
    misplaced.versions.v9 = structuredClone(before.versions.v1) as never;
    expect(() => validateRecord(misplaced, before)).toThrow(
      expect.toSatisfy(isInvalid(/holds din:v1, expected din:v9/)),
    );
    const proto = structuredClone(before) as unknown as { versions: Record<string, unknown> };
    Object.defineProperty(proto.versions, '__proto__', {
      value: structuredClone(before.versions.v1),
      enumerable: true,
    });
    expect(() => validateRecord(proto as unknown as ModelRecord, before)).toThrow(
      expect.toSatisfy(isInvalid(/__proto__/)),
    );
  });

  it('validates the whole record without one to compare with, or when it is not a record', () => {
    expect(validateRecord(structuredClone(before))).toEqual(before);
    expect(() => validateRecord(null as unknown as ModelRecord, before)).toThrow(
      expect.toSatisfy(isInvalid(/not valid/)),
    );
  });
});

describe('sameJson', () => {
  it('compares as the written JSON would: key order and undefined properties do not count', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined, c: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ a: null }, { a: undefined })).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });
});
