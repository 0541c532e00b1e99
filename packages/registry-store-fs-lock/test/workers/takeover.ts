// takeover <lock path> <marker path>
// On each 'go': take the lock, prove exclusion with a marker file created with
// 'wx' (a second holder would get EEXIST), release, and report
// `done <took over>` or `violation`.
import { open, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { acquireLock } from '../../src/index.js';
import { arg, commands, emit, fatal } from './common.js';

const lockPath = arg(0);
const marker = arg(1);

try {
  const input = commands();
  emit('ready');
  for (;;) {
    const next = await input.next();
    if (next.done) process.exit(0);
    if (next.value !== 'go') continue;
    let tookOver = false;
    const lock = await acquireLock(lockPath, {
      timeoutMs: 10_000,
      onNotice: () => {
        tookOver = true;
      },
    });
    let outcome: string;
    try {
      const handle = await open(marker, 'wx');
      await handle.close();
      // Hold long enough that a second holder, if there were one, would overlap.
      await sleep(2);
      await unlink(marker);
      outcome = `done ${tookOver ? 1 : 0}`;
    } catch (error) {
      outcome = `violation ${(error as Error).message}`;
    } finally {
      await lock.release();
    }
    emit(outcome);
  }
} catch (error) {
  fatal(error);
}
