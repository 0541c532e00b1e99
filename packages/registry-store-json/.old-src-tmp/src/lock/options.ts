import { invalidInput } from '@afs/registry-core';
import type { MachineIdentity } from './identity.js';

export interface LockOptions {
  /**
   * A holder that has not refreshed the lock for this long is presumed gone
   * and its lock is taken over (ms, default 30 000). Holders refresh every
   * `staleMs / 3`. A holder on this host whose process has exited is taken
   * over at once, whatever this is.
   */
  staleMs?: number;
  /** Give up waiting with `LOCK_TIMEOUT` after this long (ms, default 10 000; 0 tries once). */
  timeoutMs?: number;
  /** First retry delay (ms, default 5); it doubles up to `retryMaxMs`, with jitter. */
  retryMinMs?: number;
  /** Longest retry delay (ms, default 100). */
  retryMaxMs?: number;
  /** Told when a stale lock is taken over or a release fails; defaults to `process.emitWarning`. */
  onNotice?: (message: string) => void;
  /**
   * Who this process says it is in the lock record. For tests that simulate a
   * holder on another host; never set it otherwise: a wrong identity lets
   * other processes misjudge whether the holder is alive.
   */
  identity?: MachineIdentity;
}

export interface ResolvedLockOptions {
  staleMs: number;
  timeoutMs: number;
  retryMinMs: number;
  retryMaxMs: number;
  onNotice: (message: string) => void;
  identity: MachineIdentity | undefined;
}

export const DEFAULT_STALE_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY_MIN_MS = 5;
export const DEFAULT_RETRY_MAX_MS = 100;

function number(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw invalidInput(
      `Lock option ${name} must be a finite number of milliseconds of at least ${min}; got ${String(value)}.`,
      { option: name, value },
    );
  }
  return value;
}

function defaultNotice(message: string): void {
  process.emitWarning(message, { code: 'AFS_REGISTRY_LOCK' });
}

export function resolveLockOptions(options: LockOptions = {}): ResolvedLockOptions {
  const retryMinMs = number('retryMinMs', options.retryMinMs, DEFAULT_RETRY_MIN_MS, 1);
  const retryMaxMs = number('retryMaxMs', options.retryMaxMs, DEFAULT_RETRY_MAX_MS, retryMinMs);
  return {
    staleMs: number('staleMs', options.staleMs, DEFAULT_STALE_MS, 30),
    timeoutMs: number('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 0),
    retryMinMs,
    retryMaxMs,
    onNotice: options.onNotice ?? defaultNotice,
    identity: options.identity,
  };
}
