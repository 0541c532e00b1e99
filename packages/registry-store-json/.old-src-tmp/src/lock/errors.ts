import { RegistryError } from '@afs/registry-core';
import { type MachineIdentity, sameMachine } from './identity.js';
import type { LockState } from './inspect.js';

function seconds(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
}

export interface TimeoutContext {
  lockPath: string;
  timeoutMs: number;
  staleMs: number;
  identity: MachineIdentity;
  now: number;
}

function describeHolders(state: LockState, context: TimeoutContext): string {
  if (state.kind !== 'present') return 'it kept changing hands';
  const parts = state.holders.map((holder) => {
    const refreshed = `last refreshed ${seconds(context.now - holder.mtimeMs)} ago`;
    const { record } = holder;
    if (record === undefined) {
      return `it is held by an unknown process (its record ${holder.path} cannot be read; ${refreshed})`;
    }
    const where = sameMachine(record, context.identity)
      ? `this host (${record.hostname})`
      : `host ${record.hostname}`;
    return `it is held by pid ${record.pid} on ${where} since ${record.acquiredAt} (${refreshed})`;
  });
  if (state.foreign.length > 0) {
    parts.push(
      `the lock folder contains entries that are not lock records (${state.foreign.join(', ')})`,
    );
  }
  return parts.length > 0 ? parts.join('; ') : 'it was being released';
}

export function lockTimeout(state: LockState, context: TimeoutContext): RegistryError {
  const { lockPath, timeoutMs, staleMs } = context;
  const holders =
    state.kind === 'present'
      ? state.holders.map((h) => ({
          token: h.token,
          pid: h.record?.pid,
          hostname: h.record?.hostname,
          acquiredAt: h.record?.acquiredAt,
          refreshedAt: new Date(h.mtimeMs).toISOString(),
        }))
      : [];
  return new RegistryError(
    'LOCK_TIMEOUT',
    `Could not lock the registry within ${seconds(timeoutMs)}: ${describeHolders(state, context)}. ` +
      'Wait for that process to finish and try again (or allow a longer timeoutMs). ' +
      `A holder that stops refreshing the lock is taken over automatically after ${seconds(staleMs)} ` +
      '(at once if it was a process on this host that has exited). ' +
      `If that process is really gone and you cannot wait, remove the folder ${lockPath}.`,
    {
      lockPath,
      timeoutMs,
      staleMs,
      holders,
      foreign: state.kind === 'present' ? state.foreign : [],
    },
  );
}

export function lockLost(lockPath: string, token: string, reason: string): RegistryError {
  return new RegistryError(
    'LOCK_LOST',
    `The registry lock ${lockPath} was lost (${reason}), so nothing was written. ` +
      'This happens when the process stalled for longer than the stale timeout and another process took the lock over. ' +
      'Run the command again; if it keeps happening, raise staleMs.',
    { lockPath, token, reason },
  );
}

export function lockRefused(lockPath: string, reason: 'symlink' | 'not-a-folder'): RegistryError {
  const what =
    reason === 'symlink'
      ? 'is a symbolic link; the lock must be a real folder next to the registry file, and a link is never followed'
      : 'exists but is not a folder; it was not made by this registry (perhaps an older tool)';
  return new RegistryError(
    'STORE_ERROR',
    `Refusing to use the registry lock ${lockPath}: it ${what}. Remove it if no other tool uses it, then try again.`,
    { lockPath, reason },
  );
}

export function lockFileSystemError(
  lockPath: string,
  action: string,
  cause: unknown,
): RegistryError {
  const code = (cause as { code?: unknown } | undefined)?.code;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new RegistryError(
    'STORE_ERROR',
    `Could not ${action} the registry lock ${lockPath}: ${detail}. Check that the registry folder exists and is writable.`,
    { lockPath, action, code },
    { cause },
  );
}
