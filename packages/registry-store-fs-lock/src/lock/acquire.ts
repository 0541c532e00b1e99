import { randomUUID } from 'node:crypto';
import { lstat, rename, rmdir, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pause, retryDelay } from './backoff.js';
import { hasCode } from './errno.js';
import { lockFileSystemError, lockRefused, lockTimeout } from './errors.js';
import { removeOnExit } from './exit-cleanup.js';
import { HeldLock } from './held-lock.js';
import { machineIdentity, processId } from './identity.js';
import { type HolderView, inspectLock, type LockState } from './inspect.js';
import { type LockOptions, resolveLockOptions } from './options.js';
import { pendingPath, recordPath } from './paths.js';
import { removePending, sweepPending, writePending } from './pending.js';
import { LOCK_RECORD_FORMAT, type LockRecord } from './record.js';
import { judgeHolder, type Observer } from './staleness.js';

// Renaming a folder onto a non-empty folder fails with one of these, depending
// on the platform; ENOTDIR/EISDIR when something else sits at the lock path.
const CONTENDED = ['ENOTEMPTY', 'EEXIST', 'EPERM', 'EACCES', 'EBUSY', 'ENOTDIR', 'EISDIR'];
// Retries that skip the pause (the lock was free, or we just removed a stale
// holder) are capped so that a lock that keeps changing hands cannot spin us.
const MAX_QUICK_RETRIES = 3;

async function quietly(action: Promise<unknown>, ...ignored: string[]): Promise<void> {
  try {
    await action;
  } catch (error) {
    if (!hasCode(error, ...ignored)) throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** After a rename that reported success (or ENOENT), confirm our record is in the lock folder. */
async function confirmHeld(lockPath: string, token: string) {
  try {
    const stat = await lstat(recordPath(lockPath, token));
    return stat.isFile() ? stat : undefined;
  } catch (error) {
    if (hasCode(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
}

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
  const token = randomUUID();
  const pending = pendingPath(lockPath, token);
  const observer = (): Observer => ({
    identity,
    pid: process.pid,
    processId: processId(),
    staleMs: o.staleMs,
    now: Date.now(),
  });
  const deadline = performance.now() + o.timeoutMs;
  const forgetPending = removeOnExit(
    [recordPath(pending, token), `${recordPath(pending, token)}.partial`],
    pending,
  );
  let attempt = 0;
  let quickRetries = 0;
  let held: HeldLock | undefined;
  let state: LockState = { kind: 'absent' };
  let written: { record: LockRecord; touchedAt: number } | undefined;
  const rewriteMs = Math.min(1000, o.staleMs / 3);

  const takeOver = async (holder: HolderView, reason: string) => {
    try {
      await unlink(holder.path);
    } catch (error) {
      // ENOENT: another taker, or the holder itself, removed it first.
      if (hasCode(error, 'ENOENT', 'ENOTDIR')) return;
      throw lockFileSystemError(lockPath, 'take over', error);
    }
    const who = holder.record
      ? `pid ${holder.record.pid} on ${holder.record.hostname}`
      : 'an unknown holder';
    o.onNotice(`Took over the registry lock ${lockPath} from ${who}: ${reason}.`);
  };

  try {
    for (;;) {
      // The pending record is rewritten only now and then: often enough that
      // its acquiredAt is close and sweepers see it fresh, rarely enough that
      // a crowd of waiters does not hammer the file system.
      if (written === undefined || performance.now() - written.touchedAt > rewriteMs) {
        const touchedAt = performance.now();
        const record: LockRecord = {
          format: LOCK_RECORD_FORMAT,
          token,
          pid: process.pid,
          hostname: identity.hostname,
          acquiredAt: new Date().toISOString(),
          processId: processId(),
          ...(identity.bootId === undefined ? {} : { bootId: identity.bootId }),
          ...(identity.pidNamespace === undefined ? {} : { pidNamespace: identity.pidNamespace }),
        };
        try {
          await writePending(pending, record);
          written = { record, touchedAt };
        } catch (error) {
          // ENOENT after the folder exists: a sweeper removed our pending
          // folder because it looked abandoned; write it again.
          if (!hasCode(error, 'ENOENT') || !(await exists(dirname(lockPath)))) {
            throw lockFileSystemError(lockPath, 'prepare', error);
          }
          written = undefined;
          continue;
        }
      }
      const { record, touchedAt } = written;
      let renameError: unknown;
      try {
        await rename(pending, lockPath);
      } catch (error) {
        // ENOENT: our pending folder was swept, or a network file system
        // retried a rename that had already succeeded; confirmHeld tells.
        if (!hasCode(error, 'ENOENT', ...CONTENDED)) {
          throw lockFileSystemError(lockPath, 'create', error);
        }
        renameError = error;
      }
      const contended = hasCode(renameError, ...CONTENDED);
      if (!contended) {
        // ENOENT means the pending folder is gone (swept, or it became the lock).
        written = undefined;
        const stat = await confirmHeld(lockPath, token);
        if (stat !== undefined) {
          held = new HeldLock({
            lockPath,
            record,
            ino: stat.ino,
            dev: stat.dev,
            staleMs: o.staleMs,
            touchedAt,
            onNotice: o.onNotice,
          });
          await sweepPending(lockPath, token, observer());
          return held;
        }
      }

      state = await inspectLock(lockPath);
      if (state.kind === 'refused') throw lockRefused(lockPath, state.reason);
      if (state.kind === 'absent' && hasCode(renameError, 'EPERM', 'EACCES')) {
        throw lockFileSystemError(lockPath, 'create', renameError);
      }
      let progressed = state.kind === 'absent';
      if (state.kind === 'present') {
        const now = observer();
        for (const holder of state.holders) {
          const verdict = judgeHolder(holder, now);
          if (!verdict.stale) continue;
          await takeOver(holder, verdict.reason);
          progressed = true;
        }
        if (state.foreign.length === 0 && (progressed || state.holders.length === 0)) {
          // Only an empty folder can be removed, so this never removes a live lock.
          await quietly(rmdir(lockPath), 'ENOENT', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR');
          progressed = true;
        }
      }

      const remaining = deadline - performance.now();
      if (progressed && quickRetries < MAX_QUICK_RETRIES) {
        quickRetries += 1;
        continue;
      }
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
      await pause(Math.min(remaining, retryDelay(attempt, o.retryMinMs, o.retryMaxMs)));
      attempt += 1;
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
