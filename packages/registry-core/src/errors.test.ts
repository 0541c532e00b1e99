import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemClock, timestamp } from './clock.js';
import {
  invalidInput,
  isRegistryError,
  modelNotFound,
  RegistryError,
  type RegistryErrorCode,
  versionNotFound,
} from './errors.js';
import * as api from './index.js';
import { describeIssues, parseInput } from './validation.js';

const ALL_CODES: RegistryErrorCode[] = [
  'MODEL_NOT_FOUND',
  'VERSION_NOT_FOUND',
  'VERSION_EXISTS',
  'INVALID_INPUT',
  'VERSION_IN_USE',
  'NO_ROLLBACK_TARGET',
  'CONFLICT',
  'CORRUPT_REGISTRY',
  'LOCK_TIMEOUT',
  'LOCK_LOST',
  'LINEAGE_CYCLE',
  'STORE_ERROR',
];

describe('RegistryError', () => {
  it('carries a name, a stable code, a message, details and a cause', () => {
    const cause = new Error('disk full');
    const error = new RegistryError('STORE_ERROR', 'Could not write.', { path: '/x' }, { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RegistryError');
    expect(error.code).toBe('STORE_ERROR');
    expect(error.message).toBe('Could not write.');
    expect(error.details).toEqual({ path: '/x' });
    expect(error.cause).toBe(cause);
    expect(error.stack).toContain('RegistryError');
  });

  it('defaults details to an empty object', () => {
    const error = new RegistryError('CONFLICT', 'Someone else wrote first.');
    expect(error.details).toEqual({});
    expect(error.cause).toBeUndefined();
  });

  it.each(ALL_CODES)('can be built and recognised with code %s', (code) => {
    const error = new RegistryError(code, 'x');
    expect(isRegistryError(error)).toBe(true);
    expect(isRegistryError(error, code)).toBe(true);
  });
});

describe('isRegistryError', () => {
  it('matches by code when one is given', () => {
    const error = new RegistryError('VERSION_EXISTS', 'exists');
    expect(isRegistryError(error, 'VERSION_EXISTS')).toBe(true);
    expect(isRegistryError(error, 'VERSION_IN_USE')).toBe(false);
  });

  it('recognises a plain object shaped like one from another copy of the package', () => {
    const foreign = {
      name: 'RegistryError',
      code: 'MODEL_NOT_FOUND',
      message: 'gone',
      details: {},
    };
    expect(isRegistryError(foreign)).toBe(true);
    expect(isRegistryError(foreign, 'MODEL_NOT_FOUND')).toBe(true);
    expect(isRegistryError(foreign, 'CONFLICT')).toBe(false);
    class OtherCopy extends Error {
      readonly code = 'LOCK_TIMEOUT';
      constructor() {
        super('timed out');
        this.name = 'RegistryError';
      }
    }
    expect(isRegistryError(new OtherCopy(), 'LOCK_TIMEOUT')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of [
      undefined,
      null,
      'RegistryError',
      42,
      new Error('plain'),
      { name: 'RegistryError' },
      { name: 'RegistryError', code: 7 },
      { name: 'TypeError', code: 'INVALID_INPUT' },
      { code: 'INVALID_INPUT' },
    ]) {
      expect(isRegistryError(value)).toBe(false);
    }
  });
});

describe('error factories', () => {
  it('modelNotFound names the model, the known models and the way out', () => {
    const error = modelNotFound('ghost', ['alpha', 'beta']);
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.message).toContain('"ghost"');
    expect(error.message).toContain('Known models: alpha, beta.');
    expect(error.message).toContain('registerModel');
    expect(error.message).toContain('afs registry add ghost');
    expect(error.details).toEqual({ modelName: 'ghost', knownModels: ['alpha', 'beta'] });
  });

  it('modelNotFound says when there are no models at all', () => {
    const known: string[] = [];
    const error = modelNotFound('ghost', known);
    expect(error.message).toContain('The registry has no models yet.');
    expect(error.details.knownModels).toEqual([]);
    expect(error.details.knownModels).not.toBe(known);
  });

  it('versionNotFound names the version, the model and the known versions', () => {
    const error = versionNotFound('m', 'v9', ['v1', 'v2']);
    expect(error.code).toBe('VERSION_NOT_FOUND');
    expect(error.message).toBe('Version "v9" of model "m" does not exist. Known versions: v1, v2.');
    expect(error.details).toEqual({ modelName: 'm', version: 'v9', knownVersions: ['v1', 'v2'] });
    expect(versionNotFound('m', 'v1', []).message).toContain('It has no versions.');
  });

  it('invalidInput carries its message and details', () => {
    const error = invalidInput('Bad thing.', { field: 'x' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('Bad thing.');
    expect(error.details).toEqual({ field: 'x' });
    expect(invalidInput('Bare.').details).toEqual({});
  });
});

describe('validation helpers', () => {
  const Schema = z.object({ training: z.object({ learningRate: z.number().positive() }) });

  it('describeIssues prefixes each issue with its path', () => {
    const result = Schema.safeParse({ training: { learningRate: 0 } });
    if (result.success) throw new Error('expected a failure');
    expect(describeIssues(result.error)).toMatch(/^training\.learningRate: /);
    const root = z.string().safeParse(1);
    if (root.success) throw new Error('expected a failure');
    expect(describeIssues(root.error)).toBe(root.error.issues[0]?.message);
    const two = z.object({ a: z.string(), b: z.string() }).safeParse({});
    if (two.success) throw new Error('expected a failure');
    expect(describeIssues(two.error).split('; ')).toHaveLength(2);
  });

  it('parseInput returns the parsed value', () => {
    expect(parseInput(Schema, { training: { learningRate: 1 } }, 'thing')).toEqual({
      training: { learningRate: 1 },
    });
  });

  it('parseInput turns a schema failure into INVALID_INPUT naming what and where', () => {
    try {
      parseInput(Schema, { training: { learningRate: -1 } }, 'training run');
      throw new Error('expected a failure');
    } catch (error) {
      expect(isRegistryError(error, 'INVALID_INPUT')).toBe(true);
      const registryError = error as RegistryError;
      expect(registryError.message).toMatch(/^Invalid training run: training\.learningRate: /);
      expect(registryError.details).toEqual({
        issues: [{ path: ['training', 'learningRate'], message: expect.any(String) }],
      });
    }
  });
});

describe('clock', () => {
  it('timestamp renders the clock as ISO-8601 UTC with milliseconds', () => {
    expect(timestamp(() => new Date(Date.UTC(2026, 0, 14, 12, 0, 0, 5)))).toBe(
      '2026-01-14T12:00:00.005Z',
    );
  });

  it('systemClock is the current time', () => {
    const before = Date.now();
    const now = systemClock().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('package entry point', () => {
  it('exports the public API', () => {
    expect(api.ModelRegistry).toBeTypeOf('function');
    expect(api.createMemoryStore).toBeTypeOf('function');
    expect(api.RegistryError).toBe(RegistryError);
    expect(api.isRegistryError).toBe(isRegistryError);
    expect(api.STORE_SPECIFICATION_VERSION).toBe('afs-store-v1');
    expect(api.TransactionDraft).toBeTypeOf('function');
    expect(api.createSerialQueue).toBeTypeOf('function');
    expect(api.nextVersion(['v1'])).toBe('v2');
    expect(api.ModelRecordSchema).toBeDefined();
  });
});
