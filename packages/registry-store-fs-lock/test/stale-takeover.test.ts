import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isRegistryError } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { acquireLock, lockPathFor, processIsAlive } from '../src/index.js';
import { startWorkers, Worker } from './harness.js';
import { deadPid, noticeCollector, plantLock, tempDir } from './support.js';

describe('stale locks across processes', () => {
  it('takes over the lock of a holder killed with SIGKILL in under a second', async () => {
    const lockPath = lockPathFor(join(await tempDir(), 'registry.json'));
    const holder = new Worker('hold.ts', [lockPath, '30000']);
    await holder.waitForLine('held');
    holder.kill('SIGKILL');
    await holder.exited;
    const { notices, onNotice } = noticeCollector();
    const started = performance.now();
    const lock = await acquireLock(lockPath, { onNotice });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(notices.join('\n')).toContain(`pid ${holder.pid}`);
    await lock.release();
  });

  it('does not take over a live holder on another host while it refreshes, and does after it stops', async () => {
    const lockPath = lockPathFor(join(await tempDir(), 'registry.json'));
    // Refreshed every 500 ms: only a holder starved of CPU for a second would look stale.
    const staleMs = 1500;
    const holder = new Worker('hold.ts', [lockPath, String(staleMs), 'remote-host.example']);
    try {
      await holder.waitForLine('held');
      // Waiting well past staleMs: the holder's refreshes keep it alive.
      const waited = acquireLock(lockPath, { staleMs, timeoutMs: staleMs * 2 });
      const error = await waited.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isRegistryError(error, 'LOCK_TIMEOUT')).toBe(true);
      expect((error as Error).message).toContain('host remote-host.example');
    } finally {
      holder.kill('SIGKILL');
      await holder.exited;
    }
    // Its pid is dead now, but on "another host" that proves nothing: only
    // the missing refreshes let the lock be taken over.
    const { notices, onNotice } = noticeCollector();
    const lock = await acquireLock(lockPath, { staleMs, timeoutMs: 10_000, onNotice });
    expect(notices.join('\n')).toMatch(/not been refreshed/);
    await lock.release();
  }, 30_000);

  it('two processes racing to take over the same stale lock, 200 rounds: never two holders', async () => {
    const dir = await tempDir();
    const lockPath = lockPathFor(join(dir, 'registry.json'));
    const marker = join(dir, 'held-marker');
    const workers = await startWorkers(2, 'takeover.ts', () => [lockPath, marker]);
    let pid = deadPid();
    try {
      for (let round = 1; round <= 200; round++) {
        if (processIsAlive(pid)) pid = deadPid();
        await plantLock(lockPath, { pid });
        for (const worker of workers) worker.send('go');
        await Promise.all(
          workers.map((w) =>
            w.waitFor((l) => l.startsWith('done ') || l.startsWith('violation '), round),
          ),
        );
      }
      const lines = workers.flatMap((w) => w.lines);
      expect(lines.filter((l) => l.startsWith('violation'))).toEqual([]);
      // Each planted lock was taken over exactly once.
      const takeovers = workers.flatMap((w) => w.linesOf('done')).filter((l) => l === '1');
      expect(takeovers).toHaveLength(200);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      for (const worker of workers) worker.kill();
    }
  }, 60_000);
});
