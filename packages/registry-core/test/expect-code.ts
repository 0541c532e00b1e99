import { expect } from 'vitest';
import { RegistryError, type RegistryErrorCode } from '../src/errors.js';

/** Awaits a promise that must reject with a RegistryError of `code`, and returns that error. */
export async function expectCode(
  promise: Promise<unknown>,
  code: RegistryErrorCode,
): Promise<RegistryError> {
  const error = await promise.then(
    () => new Error(`expected a ${code} rejection, but the promise resolved`),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RegistryError);
  expect((error as RegistryError).code).toBe(code);
  return error as RegistryError;
}
