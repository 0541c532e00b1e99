import { rmdir, unlink } from 'node:fs/promises';
import { hasCode } from './errno.js';
import { lockFileSystemError } from './errors.js';
import type { HolderView, LockState } from './inspect.js';
import { judgeHolder, type Observer } from './staleness.js';

/**
 * Remove every stale holder's record from a lock folder that is present, then
 * the folder itself if it is empty. Returns whether the lock may now be free.
 *
 * Each removal names the record it judged (`<token>.json`), so it can only
 * remove that record: if another taker or the holder got there first, the
 * unlink fails with ENOENT and nothing else is touched. `rmdir` removes only
 * an empty folder, so it never removes a lock that a newer holder has put in
 * place.
 */
export async function removeStaleHolders(
  lockPath: string,
  state: Extract<LockState, { kind: 'present' }>,
  observer: Observer,
  onNotice: (message: string) => void,
): Promise<boolean> {
  let removed = false;
  for (const holder of state.holders) {
    const verdict = judgeHolder(holder, observer);
    if (!verdict.stale) continue;
    if (await unlinkRecord(lockPath, holder)) {
      onNotice(
        `Took over the registry lock ${lockPath} from ${describe(holder)}: ${verdict.reason}.`,
      );
    }
    removed = true;
  }
  if (state.foreign.length > 0 || (!removed && state.holders.length > 0)) return false;
  try {
    await rmdir(lockPath);
  } catch (error) {
    if (!hasCode(error, 'ENOENT', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR')) {
      throw lockFileSystemError(lockPath, 'clear', error);
    }
  }
  return true;
}

function describe(holder: HolderView): string {
  return holder.record
    ? `pid ${holder.record.pid} on ${holder.record.hostname}`
    : 'an unknown holder';
}

/** Whether this call removed the record (false: someone else removed it first). */
async function unlinkRecord(lockPath: string, holder: HolderView): Promise<boolean> {
  try {
    await unlink(holder.path);
    return true;
  } catch (error) {
    if (hasCode(error, 'ENOENT', 'ENOTDIR')) return false;
    throw lockFileSystemError(lockPath, 'take over', error);
  }
}
