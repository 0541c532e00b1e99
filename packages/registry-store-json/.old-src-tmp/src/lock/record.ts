import type { MachineIdentity } from './identity.js';

export const LOCK_RECORD_FORMAT = 'afs-registry-lock-v1';

/** What a lock says about its holder. Written once, before the lock becomes visible. */
export interface LockRecord extends MachineIdentity {
  format: typeof LOCK_RECORD_FORMAT;
  token: string;
  pid: number;
  /** ISO-8601 time the holder took the lock. */
  acquiredAt: string;
  processId: string;
}

export function serializeRecord(record: LockRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

function optionalString(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === 'string' && value.length > 0);
}

/** The record in `text`, or `undefined` when it is not one this package wrote. */
export function parseRecord(text: string, expectedToken: string): LockRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  const valid =
    r.format === LOCK_RECORD_FORMAT &&
    r.token === expectedToken &&
    // kill(0) and kill(-n) address process groups: only a positive pid is a process.
    Number.isSafeInteger(r.pid) &&
    (r.pid as number) > 0 &&
    typeof r.hostname === 'string' &&
    typeof r.acquiredAt === 'string' &&
    typeof r.processId === 'string' &&
    optionalString(r.bootId) &&
    optionalString(r.pidNamespace);
  if (!valid) return undefined;
  return {
    format: LOCK_RECORD_FORMAT,
    token: expectedToken,
    pid: r.pid as number,
    hostname: r.hostname as string,
    acquiredAt: r.acquiredAt as string,
    processId: r.processId as string,
    ...(r.bootId === undefined ? {} : { bootId: r.bootId as string }),
    ...(r.pidNamespace === undefined ? {} : { pidNamespace: r.pidNamespace as string }),
  };
}

/** A fresh record for this process, claiming to be on `identity`'s machine. */
export function createRecord(
  token: string,
  identity: MachineIdentity,
  pid: number,
  processId: string,
): LockRecord {
  return {
    format: LOCK_RECORD_FORMAT,
    token,
    pid,
    hostname: identity.hostname,
    acquiredAt: new Date().toISOString(),
    processId,
    ...(identity.bootId === undefined ? {} : { bootId: identity.bootId }),
    ...(identity.pidNamespace === undefined ? {} : { pidNamespace: identity.pidNamespace }),
  };
}
