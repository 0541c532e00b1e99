import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { LOCK_RECORD_FORMAT, type LockRecord, machineIdentity, recordPath } from '../src/index.js';

const made: string[] = [];

/** A fresh directory, removed when the test file is done (tests may run concurrently). */
export async function tempDir(prefix = 'afs-fs-lock-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** The pid of a process that has exited (checked), as a crashed holder would leave. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start a process');
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as { code?: string }).code === 'ESRCH') return pid;
  }
  throw new Error(`pid ${pid} is still in use`);
}

/** Write a lock folder by hand, as another (possibly dead, possibly remote) holder would have. */
export async function plantLock(
  lockPath: string,
  fields: Partial<LockRecord> = {},
  ageMs = 0,
): Promise<LockRecord> {
  const record: LockRecord = {
    format: LOCK_RECORD_FORMAT,
    token: randomUUID(),
    pid: process.pid,
    acquiredAt: new Date(Date.now() - ageMs).toISOString(),
    processId: randomUUID(),
    ...machineIdentity(),
    ...fields,
  };
  // Built aside and renamed into place, as the real protocol does, so a
  // holder that is just releasing cannot remove a half-planted lock.
  const staging = `${lockPath}.planting-${record.token}`;
  await mkdir(staging, { recursive: true });
  const path = recordPath(staging, record.token);
  await writeFile(path, JSON.stringify(record));
  if (ageMs > 0) {
    const then = new Date(Date.now() - ageMs);
    await utimes(path, then, then);
  }
  await rename(staging, lockPath);
  return record;
}

export function noticeCollector(): { notices: string[]; onNotice: (message: string) => void } {
  const notices: string[] = [];
  return { notices, onNotice: (message) => notices.push(message) };
}
