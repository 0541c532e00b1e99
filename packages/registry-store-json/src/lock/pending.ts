import {
  closeSync,
  constants,
  type Dirent,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { hasCode } from './errno.js';
import { readHolder } from './inspect.js';
import { pendingPath, recordName, recordPath, tokenOfPendingName } from './paths.js';
import { type LockRecord, serializeRecord } from './record.js';
import { judgeHolder, type Observer } from './staleness.js';

// O_NOFOLLOW: never write through a symlink, even one planted in our own folder.
const WRITE_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

function partialPath(folder: string, token: string): string {
  return join(folder, `${recordName(token)}.partial`);
}

/**
 * Make sure the pending folder holds a complete, current record. The record
 * is written under a partial name and renamed, so that the folder never holds
 * a half-written record, neither here nor after it becomes the lock.
 */
export async function writePending(pending: string, record: LockRecord): Promise<void> {
  // Synchronous: a few small metadata steps, each cheaper than the thread-pool
  // round trip an asynchronous call would add to every commit.
  try {
    mkdirSync(pending);
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw error;
  }
  const partial = partialPath(pending, record.token);
  const fd = openSync(partial, WRITE_FLAGS, 0o666);
  try {
    writeFileSync(fd, serializeRecord(record));
  } finally {
    closeSync(fd);
  }
  renameSync(partial, recordPath(pending, record.token));
}

async function quietly(action: Promise<unknown>, ...ignored: string[]): Promise<void> {
  try {
    await action;
  } catch (error) {
    if (!hasCode(error, ...ignored)) throw error;
  }
}

/** Remove a pending folder by its token-named files; a folder that became the lock is untouched. */
export async function removePending(pending: string, token: string): Promise<void> {
  await quietly(unlink(recordPath(pending, token)), 'ENOENT', 'ENOTDIR');
  await quietly(unlink(partialPath(pending, token)), 'ENOENT', 'ENOTDIR');
  await quietly(rmdir(pending), 'ENOENT', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR');
}

/**
 * Remove pending folders that waiters left when they were killed. A folder
 * without a complete record was never published, so removing it is always
 * safe (a live owner just writes it again); one with a record is judged like
 * a lock holder.
 */
export async function sweepPending(
  lockPath: string,
  ownToken: string,
  observer: Observer,
): Promise<void> {
  let entries: Dirent[];
  try {
    // Synchronous: it runs on every acquisition, and the folder is small.
    entries = readdirSync(dirname(lockPath), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const token = tokenOfPendingName(lockPath, entry.name);
    if (token === undefined || token === ownToken || !entry.isDirectory()) continue;
    const pending = pendingPath(lockPath, token);
    try {
      const read = await readHolder(recordPath(pending, token), token);
      if (read.kind === 'foreign') continue;
      if (read.kind === 'holder' && !judgeHolder(read.holder, observer).stale) continue;
      await removePending(pending, token);
    } catch {
      // Sweeping is housekeeping: it must never fail the transaction that triggered it.
    }
  }
}
