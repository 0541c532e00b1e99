import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRegistryError, type RegistryError } from './errors.js';
import {
  assertName,
  formatVersionRef,
  isValidName,
  MAX_NAME_LENGTH,
  NAME_PATTERN,
  nameProblem,
  parseVersionRef,
} from './names.js';

const RESERVED = [
  '__proto__',
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'prototype',
];

function thrown(run: () => unknown): RegistryError | undefined {
  try {
    run();
  } catch (error) {
    if (isRegistryError(error)) return error;
    throw error;
  }
  return undefined;
}

describe('nameProblem', () => {
  it('accepts letters, digits, ".", "_" and "-" starting with a letter or digit', () => {
    for (const name of ['a', 'Z', '7', 'v1.2.3', 'my_model-2', 'a.b_c-d', 'x'.repeat(128)]) {
      expect(nameProblem(name, 'model name')).toBeUndefined();
      expect(isValidName(name)).toBe(true);
    }
  });

  it('explains each kind of problem', () => {
    expect(nameProblem(3, 'version')).toBe('version must be a string');
    expect(nameProblem(undefined, 'model name')).toBe('model name must be a string');
    expect(nameProblem('', 'version')).toBe('version must not be empty');
    expect(nameProblem('x'.repeat(129), 'model name')).toBe(
      `model name is longer than ${MAX_NAME_LENGTH} characters`,
    );
    expect(nameProblem('a b', 'model name')).toContain('may only contain letters, digits');
    expect(nameProblem('-a', 'version')).toContain('must start with a letter or digit');
    expect(nameProblem('a..b', 'version')).toBe('version "a..b" must not contain ".."');
    expect(nameProblem('constructor', 'model name')).toBe('model name "constructor" is reserved');
  });

  it.each(RESERVED)('refuses the reserved name %s', (name) => {
    expect(nameProblem(name, 'model name')).toBeDefined();
    expect(isValidName(name)).toBe(false);
  });

  it.each([
    '.a',
    '_a',
    '-a',
    'a/b',
    'a\\b',
    'a:b',
    'a b',
    '..',
    'a..',
    'é',
    'a\n',
    '\0',
    'a\u200b',
  ])('refuses %j', (name) => {
    expect(isValidName(name)).toBe(false);
  });

  it('property: accepted names are exactly the allow-list', () => {
    const unit = fc.constantFrom(...'aZ09._-/: \u00e9'.split(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit, maxLength: 8 }), fc.constantFrom(...RESERVED)),
        (name) => {
          const expected =
            name.length >= 1 &&
            name.length <= 128 &&
            /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) &&
            !name.includes('..') &&
            !RESERVED.includes(name);
          expect(isValidName(name)).toBe(expected);
          if (expected) expect(NAME_PATTERN.test(name)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('assertName', () => {
  it('throws INVALID_INPUT naming the kind and the value', () => {
    const error = thrown(() => assertName('a b', 'version'));
    expect(error?.code).toBe('INVALID_INPUT');
    expect(error?.message).toMatch(/^Invalid version "a b"/);
    expect(error?.details).toEqual({ field: 'version', value: 'a b' });
    expect(thrown(() => assertName('ok', 'model name'))).toBeUndefined();
  });
});

describe('version references', () => {
  it('parses a same-model reference', () => {
    expect(parseVersionRef('v1', 'm')).toEqual({ modelName: 'm', version: 'v1' });
  });

  it('parses a cross-model reference', () => {
    expect(parseVersionRef('other-model:v2', 'm')).toEqual({
      modelName: 'other-model',
      version: 'v2',
    });
  });

  it('refuses malformed references with INVALID_INPUT', () => {
    for (const ref of [
      '',
      ':v1',
      'm:',
      'm:v1:v2',
      'a b:v1',
      'm:..',
      '__proto__',
      'constructor:v1',
    ]) {
      expect(thrown(() => parseVersionRef(ref, 'm'))?.code).toBe('INVALID_INPUT');
    }
  });

  it('formats references relative to the current model', () => {
    expect(formatVersionRef({ modelName: 'm', version: 'v1' }, 'm')).toBe('v1');
    expect(formatVersionRef({ modelName: 'o', version: 'v1' }, 'm')).toBe('o:v1');
    expect(formatVersionRef({ modelName: 'o', version: 'v1' })).toBe('o:v1');
  });

  it('property: format then parse round-trips', () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,10}$/).filter(isValidName);
    fc.assert(
      fc.property(name, name, name, (modelName, version, current) => {
        const ref = { modelName, version };
        expect(parseVersionRef(formatVersionRef(ref, current), current)).toEqual(ref);
      }),
    );
  });
});
