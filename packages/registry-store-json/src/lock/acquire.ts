import { lstatSync, renameSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomToken } from '../random-names.js';
import { pause, retryDelay } from './backoff.js';
import { hasCode } from './errno.js';
import { lockFileSystemError, lockRefused, lockTimeout } from './errors.js';
import { removeOnExit } from './exit-cleanup.js';
import { HeldLock } from './held-lock.js';
import { machineIdentity, processId } from './identity.js';
import { inspectLock, type LockState } from './inspect.js';
import { type LockOptions, resolveLockOptions } from './options.js';
import { pendingPath, recordPath } from './paths.js';
import { removePending, sweepPending, writePending } from './pending.js';
import { createRecord, type LockRecord } from './record.js';
import type { Observer } from './staleness.js';
import { removeStaleHolders } from './takeover.js';

// Renaming a folder onto a non-empty folder fails with one of these, depending
// on the platform; ENOTDIR/EISDIR when something else sits at the lock path.
const CONTENDED = ['ENOTEMPTY', 'EEXIST', 'EPERM', 'EACCES', 'EBUSY', 'ENOTDIR', 'EISDIR'];
// Retries that skip the pause (the lock was free, or we just removed a stale
// holder) are capped so that a lock that keeps changing hands cannot spin us.
const MAX_QUICK_RETRIES = 3;

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** After a rename that reported success (or ENOENT), is our record in the lock folder? */
async function confirmHeld(lockPath: string, token: string) {
  try {
    const stat = lstatSync(recordPath(lockPath, token));
    return stat.isFile() ? stat : undefined;
  } catch (error) {
    if (hasCode(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
}

/** One pass: the lock, or whether to try again at once ('now') or after a pause ('later'). */
type Attempt = HeldLock | 'now' | 'later';

/**
 * Take the lock at `lockPath` (a folder, conventionally `<registry file>.lock`),
 * waiting with capped, jittered backoff for up to `timeoutMs`.
 *
 * The protocol, in short (README.md has the reasoning):
 * - A would-be holder prepares `<lockPath>.<token>.pending/<token>.json` with
 *   its record and renames that folder to `lockPath`. The rename succeeds
 *   only if nothing, or an empty folder, is there, so the lock appears
 *   atomically, complete, and for one holder at a time.
 * - A stale holder is removed by unlinking its own token-named record, then
 *   the folder if it is empty. A late or duplicate taker therefore removes
 *   nothing (the record it judged is already gone), never a newer holder.
 */
export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<HeldLock> {
  const o = resolveLockOptions(options);
  const identity = o.identity ?? machineIdentity();
  const token = randomToken();
  const pending = pendingPath(lockPath, token);
  const observer = (): Observer => ({
    identity,
    pid: process.pid,
    processId: processId(),
    staleMs: o.staleMs,
    now: Date.now(),
  });
  // The pending record is rewritten only now and then: often enough that its
  // acquiredAt is close and sweepers see it fresh, rarely enough that a crowd
  // of waiters does not hammer the file system.
  const rewriteMs = Math.min(1000, o.staleMs / 3);
  let written: { record: LockRecord; touchedAt: number } | undefined;
  let state: LockState = { kind: 'absent' };

  const attempt = async (): Promise<Attempt> => {
    if (written === undefined || performance.now() - written.touchedAt > rewriteMs) {
      const touchedAt = performance.now();
      const record = createRecord(token, identity, process.pid, processId());
      try {
        await writePending(pending, record);
      } catch (error) {
        // ENOENT while the registry folder exists: a sweeper removed our
        // pending folder because it looked abandoned; write it again.
        if (hasCode(error, 'ENOENT') && (await exists(dirname(lockPath)))) return 'now';
        throw lockFileSystemError(lockPath, 'prepare', error);
      }
      written = { record, touchedAt };
    }
    let renameError: unknown;
    try {
      // Synchronous like writePending: cheaper than a thread-pool round trip.
      renameSync(pending, lockPath);
    } catch (error) {
      if (!hasCode(error, 'ENOENT', ...CONTENDED)) {
        throw lockFileSystemError(lockPath, 'create', error);
      }
      renameError = error;
    }
    if (!hasCode(renameError, ...CONTENDED)) {
      // Renamed, or ENOENT: the pending folder was swept, or a network file
      // system retried a rename that had already succeeded. Either way it is
      // gone from its old name; the record in the lock folder tells which.
      const { record, touchedAt } = written;
      written = undefined;
      const stat = await confirmHeld(lockPath, token);
      if (stat !== undefined) {
        const { staleMs, onNotice } = o;
        const { ino, dev } = stat;
        return new HeldLock({ lockPath, record, ino, dev, staleMs, touchedAt, onNotice });
      }
    }
    state = await inspectLock(lockPath);
    if (state.kind === 'refused') throw lockRefused(lockPath, state.reason);
    if (state.kind === 'absent') {
      if (hasCode(renameError, 'EPERM', 'EACCES')) {
        throw lockFileSystemError(lockPath, 'create', renameError);
      }
      return 'now';
    }
    return (await removeStaleHolders(lockPath, state, observer(), o.onNotice)) ? 'now' : 'later';
  };

  const deadline = performance.now() + o.timeoutMs;
  const forgetPending = removeOnExit(
    [recordPath(pending, token), `${recordPath(pending, token)}.partial`],
    pending,
  );
  let held: HeldLock | undefined;
  try {
    let waits = 0;
    let quickRetries = 0;
    for (;;) {
      const result = await attempt();
      if (result instanceof HeldLock) {
        held = result;
        await sweepPending(lockPath, token, observer());
        return held;
      }
      if (result === 'now' && quickRetries < MAX_QUICK_RETRIES) {
        quickRetries += 1;
        continue;
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        throw lockTimeout(state, {
          lockPath,
          timeoutMs: o.timeoutMs,
          staleMs: o.staleMs,
          identity,
          now: Date.now(),
        });
      }
      quickRetries = 0;
      await pause(Math.min(remaining, retryDelay(waits, o.retryMinMs, o.retryMaxMs)));
      waits += 1;
    }
  } catch (error) {
    await held?.release();
    throw error;
  } finally {
    if (held === undefined) await removePending(pending, token).catch(() => undefined);
    forgetPending();
  }
}

/** Run `critical` while holding the lock at `lockPath`; the lock is released however it ends. */
export async function withLock<T>(
  lockPath: string,
  critical: (lock: HeldLock) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lock = await acquireLock(lockPath, options);
  try {
    return await critical(lock);
  } finally {
    await lock.release();
  }
}
