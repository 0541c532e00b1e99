import { basename, dirname, join } from 'node:path';

const TOKEN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RECORD_NAME = new RegExp(`^(${TOKEN})\\.json$`);
const PENDING_SUFFIX = '.pending';

/** The lock folder that guards `registryFile`: `registry.json` → `registry.json.lock`. */
export function lockPathFor(registryFile: string): string {
  return `${registryFile}.lock`;
}

export function recordName(token: string): string {
  return `${token}.json`;
}

/** The token of a holder record file name, or `undefined` if the name is not one. */
export function tokenOfRecordName(name: string): string | undefined {
  return RECORD_NAME.exec(name)?.[1];
}

export function recordPath(lockPath: string, token: string): string {
  return join(lockPath, recordName(token));
}

/**
 * Where a would-be holder prepares its lock folder before renaming it into
 * place; it sits next to the lock so that the rename stays on one file system.
 */
export function pendingPath(lockPath: string, token: string): string {
  return `${lockPath}.${token}${PENDING_SUFFIX}`;
}

/** The token of a pending folder of `lockPath` named `name`, or `undefined`. */
export function tokenOfPendingName(lockPath: string, name: string): string | undefined {
  const prefix = `${basename(lockPath)}.`;
  if (!name.startsWith(prefix) || !name.endsWith(PENDING_SUFFIX)) return undefined;
  const token = name.slice(prefix.length, -PENDING_SUFFIX.length);
  return new RegExp(`^${TOKEN}$`).test(token) ? token : undefined;
}

export function lockFolderOf(lockPath: string): string {
  return dirname(lockPath);
}
