import {
  lstat,
  mkdir,
  readdir,
  readFile,
  symlink,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isRegistryError } from '@afs/registry-core';
import { retryDelay } from '@afs/registry-store-json';
import { describe, expect, it } from 'vitest';
import {
  acquireLock,
  HeldLock,
  inspectLock,
  lockPathFor,
  machineIdentity,
  pendingPath,
  recordPath,
  withLock,
} from '../src/index.js';
import { deadPid, noticeCollector, plantLock, tempDir } from './support.js';

async function lockIn(dir: string): Promise<string> {
  return lockPathFor(join(dir, 'registry.json'));
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('acquire and release', () => {
  it('creates a lock folder whose record names the holder, and removes it on release', async () => {
    const dir = await tempDir();
    const lockPath = await lockIn(dir);
    const lock = await acquireLock(lockPath);
    const record = JSON.parse(await readFile(recordPath(lockPath, lock.token), 'utf8'));
    expect(record).toMatchObject({
      pid: process.pid,
      hostname: machineIdentity().hostname,
      token: lock.token,
    });
    expect(new Date(record.acquiredAt).toISOString()).toBe(record.acquiredAt);
    expect(lock.token).toMatch(/^[0-9a-f-]{36}$/);
    await lock.assertHeld();
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('makes a second holder wait until the first releases', async () => {
    const lockPath = await lockIn(await tempDir());
    const order: string[] = [];
    const first = await acquireLock(lockPath);
    const second = withLock(lockPath, async () => {
      order.push('second');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push('first done');
    await first.release();
    await second;
    expect(order).toEqual(['first done', 'second']);
  });

  it('releases on the error path of withLock', async () => {
    const dir = await tempDir();
    const lockPath = await lockIn(dir);
    const failure = new Error('work failed');
    await expect(withLock(lockPath, async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses bad options with INVALID_INPUT', async () => {
    const lockPath = await lockIn(await tempDir());
    for (const options of [{ staleMs: -1 }, { timeoutMs: Number.NaN }, { retryMinMs: 0 }]) {
      expect(isRegistryError(await errorOf(acquireLock(lockPath, options)), 'INVALID_INPUT')).toBe(
        true,
      );
    }
  });
});

describe('waiting', () => {
  it('times out with LOCK_TIMEOUT naming the holder, since when, and the way out', async () => {
    const lockPath = await lockIn(await tempDir());
    const held = await acquireLock(lockPath);
    const error = await errorOf(acquireLock(lockPath, { timeoutMs: 60 }));
    await held.release();
    expect(isRegistryError(error, 'LOCK_TIMEOUT')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(`pid ${process.pid}`);
    expect(message).toContain(machineIdentity().hostname);
    expect(message).toContain(`since ${held.record.acquiredAt}`);
    expect(message).toMatch(/wait/i);
    expect(message).toContain(`remove the folder ${lockPath}`);
    expect((error as { details: { holders: unknown[] } }).details.holders).toEqual([
      expect.objectContaining({ pid: process.pid, token: held.token }),
    ]);
  });

  it('backs off exponentially with jitter, capped', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(100, 5 * 2 ** attempt);
      expect(retryDelay(attempt, 5, 100, () => 0)).toBe(ceiling / 2);
      expect(retryDelay(attempt, 5, 100, () => 0.999_999)).toBeLessThanOrEqual(ceiling);
    }
  });

  it('lists entries that are not lock records when it times out', async () => {
    const lockPath = await lockIn(await tempDir());
    await mkdir(lockPath);
    await writeFile(join(lockPath, 'notes.txt'), 'hello');
    const error = await errorOf(acquireLock(lockPath, { timeoutMs: 30 }));
    expect(isRegistryError(error, 'LOCK_TIMEOUT')).toBe(true);
    expect((error as Error).message).toContain('notes.txt');
    expect(await readFile(join(lockPath, 'notes.txt'), 'utf8')).toBe('hello');
  });
});

describe('stale holders', () => {
  it('takes over the lock of a dead process on this host in under a second', async () => {
    const lockPath = await lockIn(await tempDir());
    const dead = await plantLock(lockPath, { pid: deadPid() });
    const { notices, onNotice } = noticeCollector();
    const started = performance.now();
    const lock = await acquireLock(lockPath, { onNotice });
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(lstat(recordPath(lockPath, dead.token))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(notices.join('\n')).toContain(`pid ${dead.pid}`);
    await lock.release();
  });

  it('takes over a lock left by an earlier process that had our pid', async () => {
    const lockPath = await lockIn(await tempDir());
    await plantLock(lockPath, { pid: process.pid });
    const lock = await acquireLock(lockPath, { timeoutMs: 0 });
    await lock.release();
  });

  it('waits for a holder on another host until it has not refreshed for staleMs', async () => {
    const lockPath = await lockIn(await tempDir());
    // A dead pid, but on "another host": the pid says nothing there.
    const remote = await plantLock(lockPath, { hostname: 'build-7.example', pid: deadPid() });
    // Judged against a long stale time it is live, however slow this machine is...
    const early = await errorOf(acquireLock(lockPath, { staleMs: 60_000, timeoutMs: 50 }));
    expect(isRegistryError(early, 'LOCK_TIMEOUT')).toBe(true);
    expect((early as Error).message).toContain('host build-7.example');
    // ...and against a short one it is taken over once it has been quiet that long.
    const { notices, onNotice } = noticeCollector();
    const lock = await acquireLock(lockPath, { staleMs: 400, timeoutMs: 5000, onNotice });
    expect(notices.join('\n')).toMatch(/not been refreshed/);
    expect((await inspectLock(lockPath)).kind).toBe('present');
    await expect(lstat(recordPath(lockPath, remote.token))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await lock.release();
  });

  it('does not take over an unreadable record until it is older than staleMs', async () => {
    const lockPath = await lockIn(await tempDir());
    const planted = await plantLock(lockPath);
    const path = recordPath(lockPath, planted.token);
    await writeFile(path, '{"half":');
    const early = await errorOf(acquireLock(lockPath, { timeoutMs: 30 }));
    expect((early as Error).message).toContain('unknown process');
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    const lock = await acquireLock(lockPath, { timeoutMs: 500 });
    await lock.release();
  });
});

describe('holding', () => {
  it('reports LOCK_LOST when its record was replaced, and release leaves the other lock alone', async () => {
    const lockPath = await lockIn(await tempDir());
    const lock = await acquireLock(lockPath);
    await unlink(recordPath(lockPath, lock.token));
    const other = await plantLock(lockPath, { pid: process.pid });
    const error = await errorOf(lock.assertHeld());
    expect(isRegistryError(error, 'LOCK_LOST')).toBe(true);
    expect((error as Error).message).toMatch(/nothing was written/);
    await lock.release();
    expect((await lstat(recordPath(lockPath, other.token))).isFile()).toBe(true);
  });

  it('reports LOCK_LOST once its lease has run out, even if no one took the lock', async () => {
    const lockPath = await lockIn(await tempDir());
    const lock = await acquireLock(lockPath);
    const stat = await lstat(recordPath(lockPath, lock.token));
    const stalled = new HeldLock({
      lockPath,
      record: lock.record,
      ino: stat.ino,
      dev: stat.dev,
      staleMs: 900,
      touchedAt: performance.now() - 700,
      onNotice: () => {},
    });
    expect(isRegistryError(await errorOf(stalled.assertHeld()), 'LOCK_LOST')).toBe(true);
    await lock.assertHeld();
    await stalled.release();
    await lock.release();
  });

  it('refreshes the record so that waiters see it alive', async () => {
    const lockPath = await lockIn(await tempDir());
    const lock = await acquireLock(lockPath, { staleMs: 3000 });
    const path = recordPath(lockPath, lock.token);
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    await lock.refresh();
    expect(Date.now() - (await lstat(path)).mtimeMs).toBeLessThan(5000);
    await lock.release();
  });
});

describe('what sits at the lock path', () => {
  it('refuses a symlink at the lock path and leaves its target untouched', async () => {
    const dir = await tempDir();
    const lockPath = await lockIn(dir);
    const target = join(dir, 'elsewhere');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'keep');
    await symlink(target, lockPath);
    const error = await errorOf(acquireLock(lockPath, { timeoutMs: 1000 }));
    expect(isRegistryError(error, 'STORE_ERROR')).toBe(true);
    expect((error as Error).message).toContain('symbolic link');
    expect(await readdir(target)).toEqual(['keep.txt']);
    expect((await lstat(lockPath)).isSymbolicLink()).toBe(true);
  });

  it('refuses a dangling symlink and a plain file at the lock path', async () => {
    const dir = await tempDir();
    const lockPath = await lockIn(dir);
    await symlink(join(dir, 'nowhere'), lockPath);
    expect(isRegistryError(await errorOf(acquireLock(lockPath)), 'STORE_ERROR')).toBe(true);
    await expect(lstat(join(dir, 'nowhere'))).rejects.toMatchObject({ code: 'ENOENT' });
    await unlink(lockPath);
    await writeFile(lockPath, 'old tool');
    const error = await errorOf(acquireLock(lockPath));
    expect((error as Error).message).toContain('not a folder');
    expect(await readFile(lockPath, 'utf8')).toBe('old tool');
  });

  it('never follows a symlink planted as a holder record', async () => {
    const dir = await tempDir();
    const lockPath = await lockIn(dir);
    const secret = join(dir, 'secret.txt');
    await writeFile(secret, 'secret');
    await mkdir(lockPath);
    await symlink(secret, recordPath(lockPath, '00000000-0000-4000-8000-000000000000'));
    const error = await errorOf(acquireLock(lockPath, { timeoutMs: 30 }));
    expect(isRegistryError(error, 'LOCK_TIMEOUT')).toBe(true);
    expect(await readFile(secret, 'utf8')).toBe('secret');
  });
});

describe('leftovers of killed waiters', () => {
  it('sweeps pending folders of dead or unfinished waiters, and keeps live ones', async () => {
    const dir = await tempDir();
    const lockPath = await lockIn(dir);
    const dead = await plantLock(pendingPath(lockPath, '11111111-1111-4111-8111-111111111111'), {
      token: '11111111-1111-4111-8111-111111111111',
      pid: deadPid(),
    });
    await mkdir(pendingPath(lockPath, '22222222-2222-4222-8222-222222222222'));
    const liveToken = '33333333-3333-4333-8333-333333333333';
    const { processIdForTests } = await import('./process-id.js');
    await plantLock(pendingPath(lockPath, liveToken), {
      token: liveToken,
      processId: processIdForTests(),
    });
    const lock = await acquireLock(lockPath);
    await lock.release();
    expect(dead.pid).toBeGreaterThan(0);
    expect(await readdir(dir)).toEqual([`registry.json.lock.${liveToken}.pending`]);
  });
});

describe('processIsAlive', () => {
  it('is true for this process and false for an exited one', async () => {
    const { processIsAlive } = await import('../src/index.js');
    expect(processIsAlive(process.pid)).toBe(true);
    expect(processIsAlive(deadPid())).toBe(false);
  });

  it.runIf(process.platform === 'linux')('treats an unreaped (zombie) child as dead', async () => {
    const { spawn } = await import('node:child_process');
    const { processIsAlive } = await import('../src/index.js');
    // `sh` starts a child that exits at once and then execs into a sleep that
    // never reaps it, leaving a zombie whose pid it printed.
    const shell = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const pid = Number(
        (await new Promise<Buffer>((resolve) => shell.stdout.once('data', resolve))).toString(),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(processIsAlive(pid)).toBe(false);
    } finally {
      shell.kill('SIGKILL');
    }
  });
});
