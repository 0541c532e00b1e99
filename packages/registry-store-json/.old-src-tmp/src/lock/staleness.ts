import { readFileSync } from 'node:fs';
import { type MachineIdentity, sameMachine } from './identity.js';
import type { HolderView } from './inspect.js';

export interface Observer {
  identity: MachineIdentity;
  pid: number;
  processId: string;
  staleMs: number;
  /** Wall-clock now, comparable with file mtimes. */
  now: number;
}

export type Verdict = { stale: false } | { stale: true; reason: string };

// Linux keeps an exited child that its parent has not reaped yet as a zombie:
// kill(pid, 0) still succeeds, but it will never release a lock.
function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

/** Whether a process exists on this machine; EPERM means it exists but belongs to another user. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as { code?: unknown }).code !== 'ESRCH';
  }
  return !isZombie(pid);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/**
 * Whether a holder is gone. A dead process on this machine is certain and
 * immediate; anything else (another host, a live pid that may have been
 * reused, an unreadable record) is only presumed gone once the holder has not
 * refreshed the lock for `staleMs`.
 */
export function judgeHolder(
  holder: HolderView,
  observer: Observer,
  isAlive: (pid: number) => boolean = processIsAlive,
): Verdict {
  const { record } = holder;
  if (record !== undefined && sameMachine(record, observer.identity)) {
    if (record.pid === observer.pid) {
      if (record.processId !== observer.processId) {
        return {
          stale: true,
          reason: `it was left by an earlier process that had this process's pid ${record.pid}`,
        };
      }
    } else if (!isAlive(record.pid)) {
      return { stale: true, reason: `its process (pid ${record.pid}) has exited` };
    }
  }
  const age = observer.now - holder.mtimeMs;
  if (age > observer.staleMs) {
    return {
      stale: true,
      reason:
        record === undefined
          ? `its record cannot be read and it has not changed for ${seconds(age)}`
          : `it has not been refreshed for ${seconds(age)} (stale after ${seconds(observer.staleMs)})`,
    };
  }
  return { stale: false };
}
