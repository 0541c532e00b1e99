import { invalidInput } from './errors.js';

/** Model names and versions become object keys and, in file stores, parts of paths. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const MAX_NAME_LENGTH = 128;

// Keys that would reach Object.prototype (or shadow its methods) when used on a
// plain object. Refusing them outright is simpler than proving every copy safe.
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export type NameKind = 'model name' | 'version';

/** Why `value` is not an acceptable model name or version, or `undefined` when it is. */
export function nameProblem(value: unknown, kind: NameKind): string | undefined {
  if (typeof value !== 'string') return `${kind} must be a string`;
  if (value.length === 0) return `${kind} must not be empty`;
  if (value.length > MAX_NAME_LENGTH) return `${kind} is longer than ${MAX_NAME_LENGTH} characters`;
  if (!NAME_PATTERN.test(value)) {
    return `${kind} "${value}" may only contain letters, digits, ".", "_" and "-", and must start with a letter or digit`;
  }
  if (value.includes('..')) return `${kind} "${value}" must not contain ".."`;
  if (RESERVED.has(value)) return `${kind} "${value}" is reserved`;
  return undefined;
}

export function isValidName(value: unknown): value is string {
  return nameProblem(value, 'model name') === undefined;
}

export function assertName(value: unknown, kind: NameKind): asserts value is string {
  const problem = nameProblem(value, kind);
  if (problem !== undefined) throw invalidInput(`Invalid ${problem}.`, { field: kind, value });
}

/** A parent reference: `v1` (same model) or `other-model:v2` (another model). */
export interface VersionRef {
  modelName: string;
  version: string;
}

export function parseVersionRef(ref: string, currentModel: string): VersionRef {
  const colon = ref.indexOf(':');
  const ref_ =
    colon === -1
      ? { modelName: currentModel, version: ref }
      : { modelName: ref.slice(0, colon), version: ref.slice(colon + 1) };
  assertName(ref_.modelName, 'model name');
  assertName(ref_.version, 'version');
  return ref_;
}

export function formatVersionRef(ref: VersionRef, currentModel?: string): string {
  return ref.modelName === currentModel ? ref.version : `${ref.modelName}:${ref.version}`;
}
