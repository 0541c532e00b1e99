import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hasCode } from './errno.js';
import { tokenOfRecordName } from './paths.js';
import { type LockRecord, parseRecord } from './record.js';

// O_NOFOLLOW: a symlink planted where a record should be is never followed.
// O_NONBLOCK: a FIFO planted there cannot hang the open.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const MAX_RECORD_BYTES = 64 * 1024;

export interface HolderView {
  token: string;
  /** The record file inside the lock folder. */
  path: string;
  /** `undefined` when the file is not a record this package wrote (it is then judged by age alone). */
  record: LockRecord | undefined;
  /** Last refresh by the holder. */
  mtimeMs: number;
  ino: number;
  dev: number;
}

export type RecordRead =
  | { kind: 'holder'; holder: HolderView }
  | { kind: 'missing' }
  | { kind: 'foreign'; what: string };

/** Read one holder record through a descriptor, so that content and times come from one file. */
export async function readHolder(path: string, token: string): Promise<RecordRead> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return { kind: 'missing' };
    if (hasCode(error, 'ELOOP', 'EMLINK')) return { kind: 'foreign', what: 'a symbolic link' };
    throw error;
  }
  try {
    // On network file systems an open revalidates cached attributes, so this
    // fstat sees the holder's latest refresh rather than a cached mtime.
    const stat = await handle.stat();
    if (!stat.isFile()) return { kind: 'foreign', what: 'not a regular file' };
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_RECORD_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const record = parseRecord(buffer.subarray(0, bytesRead).toString('utf8'), token);
    return {
      kind: 'holder',
      holder: { token, path, record, mtimeMs: stat.mtimeMs, ino: stat.ino, dev: stat.dev },
    };
  } finally {
    await handle.close();
  }
}

export type LockState =
  | { kind: 'absent' }
  | { kind: 'refused'; reason: 'symlink' | 'not-a-folder' }
  /** `holders` is empty while a holder is between removing its record and its folder. */
  | { kind: 'present'; holders: HolderView[]; foreign: string[] };

/** What is at the lock path right now. Only reads. */
export async function inspectLock(lockPath: string): Promise<LockState> {
  let names: string[];
  try {
    const stat = await lstat(lockPath);
    if (stat.isSymbolicLink()) return { kind: 'refused', reason: 'symlink' };
    if (!stat.isDirectory()) return { kind: 'refused', reason: 'not-a-folder' };
    names = await readdir(lockPath);
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return { kind: 'absent' };
    if (hasCode(error, 'ENOTDIR')) return { kind: 'refused', reason: 'not-a-folder' };
    throw error;
  }
  const holders: HolderView[] = [];
  const foreign: string[] = [];
  for (const name of names) {
    const token = tokenOfRecordName(name);
    if (token === undefined) {
      foreign.push(name);
      continue;
    }
    const read = await readHolder(join(lockPath, name), token);
    if (read.kind === 'holder') holders.push(read.holder);
    else if (read.kind === 'foreign') foreign.push(name);
  }
  return { kind: 'present', holders, foreign };
}
