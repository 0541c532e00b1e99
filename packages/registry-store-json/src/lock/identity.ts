import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomToken } from '../random-names.js';

/**
 * Who "this machine" is for the dead-process check. A pid only means something
 * on the machine (and in the pid namespace) that issued it, so the check is
 * used only when all recorded parts match; any mismatch falls back to the
 * refresh timeout, which is slower but safe.
 */
export interface MachineIdentity {
  hostname: string;
  /** Linux: /proc/sys/kernel/random/boot_id. Tells apart machines cloned with one hostname. */
  bootId?: string;
  /** Linux: the pid namespace; containers on one kernel share the boot id but not pids. */
  pidNamespace?: string;
}

function readOptional(read: () => string): string | undefined {
  try {
    const value = read().trim();
    return value.length > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

let cached: MachineIdentity | undefined;

export function machineIdentity(): MachineIdentity {
  if (cached === undefined) {
    const bootId = readOptional(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'));
    const pidNamespace = readOptional(() => readlinkSync('/proc/self/ns/pid'));
    cached = {
      hostname: hostname(),
      ...(bootId === undefined ? {} : { bootId }),
      ...(pidNamespace === undefined ? {} : { pidNamespace }),
    };
  }
  return cached;
}

export function sameMachine(a: MachineIdentity, b: MachineIdentity): boolean {
  return a.hostname === b.hostname && a.bootId === b.bootId && a.pidNamespace === b.pidNamespace;
}

// One id per process, shared by every copy of this package loaded into it: a
// lock recorded with our own pid but another process id was left by an earlier
// process that had the same pid (common in containers, where pids restart at 1).
const PROCESS_ID_KEY = Symbol.for('@afs/registry-store-fs-lock/process-id');

export function processId(): string {
  const slot = globalThis as { [PROCESS_ID_KEY]?: string };
  slot[PROCESS_ID_KEY] ??= randomToken();
  return slot[PROCESS_ID_KEY];
}
