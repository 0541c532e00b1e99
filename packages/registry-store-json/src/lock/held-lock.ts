import { constants, lstatSync, rmdirSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { hasCode } from './errno.js';
import { lockLost } from './errors.js';
import { removeOnExit } from './exit-cleanup.js';
import { recordPath } from './paths.js';
import type { LockRecord } from './record.js';

const TOUCH_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface HeldLockInit {
  lockPath: string;
  record: LockRecord;
  ino: number;
  dev: number;
  staleMs: number;
  /** `performance.now()` just before the record's mtime was last set. */
  touchedAt: number;
  onNotice: (message: string) => void;
}

/**
 * A lock this process holds. It refreshes the record's mtime every
 * `staleMs / 3` so that others see it alive, and it can say whether it still
 * holds the lock (`assertHeld`), which the store asks right before it
 * publishes a commit.
 */
export class HeldLock {
  readonly lockPath: string;
  readonly record: LockRecord;
  readonly #recordPath: string;
  readonly #ino: number;
  readonly #dev: number;
  readonly #staleMs: number;
  readonly #onNotice: (message: string) => void;
  readonly #forgetOnExit: () => void;
  readonly #timer: NodeJS.Timeout;
  #touchedAt: number;
  #refreshing: Promise<void> | undefined;
  #lostReason: string | undefined;
  #released = false;

  constructor(init: HeldLockInit) {
    this.lockPath = init.lockPath;
    this.record = init.record;
    this.#recordPath = recordPath(init.lockPath, init.record.token);
    this.#ino = init.ino;
    this.#dev = init.dev;
    this.#staleMs = init.staleMs;
    this.#touchedAt = init.touchedAt;
    this.#onNotice = init.onNotice;
    this.#forgetOnExit = removeOnExit([this.#recordPath], init.lockPath);
    this.#timer = setInterval(() => {
      this.#refreshing ??= this.refresh().finally(() => {
        this.#refreshing = undefined;
      });
    }, init.staleMs / 3);
    // A held lock must not keep the process alive; if the process ends without
    // releasing, the dead-process check (or the exit cleanup) frees the lock.
    this.#timer.unref();
  }

  get token(): string {
    return this.record.token;
  }

  /** Why the lock is known to be lost, or `undefined`. */
  get lostReason(): string | undefined {
    return this.#lostReason;
  }

  /** Touch the record so that other processes see the holder alive. Exposed for tests. */
  async refresh(): Promise<void> {
    if (this.#released || this.#lostReason !== undefined) return;
    const startedAt = performance.now();
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      // Through a descriptor: the identity check and the touch hit one file,
      // so a record that replaced ours in between is never refreshed.
      handle = await open(this.#recordPath, TOUCH_FLAGS);
      const stat = await handle.stat();
      if (stat.ino !== this.#ino || stat.dev !== this.#dev) {
        this.#lostReason = 'its record was replaced by another one';
        return;
      }
      const now = new Date();
      await handle.utimes(now, now);
      this.#touchedAt = startedAt;
    } catch (error) {
      if (hasCode(error, 'ENOENT', 'ENOTDIR', 'ELOOP')) {
        this.#lostReason = 'its record was removed by another process';
      }
      // Other errors may be passing (a busy network share); the lease check in
      // assertHeld turns a refresh that keeps failing into LOCK_LOST.
    } finally {
      await handle?.close();
    }
  }

  /** Throws `LOCK_LOST` unless this process still holds the lock and its lease has time left. */
  async assertHeld(): Promise<void> {
    const lost = (reason: string) => lockLost(this.lockPath, this.token, reason);
    if (this.#released) throw lost('it was already released');
    if (this.#lostReason !== undefined) throw lost(this.#lostReason);
    // Others may judge the lock stale once it has not been refreshed for
    // staleMs. Stop trusting it a third of that earlier, which leaves room for
    // clock skew between hosts and for the short step from here to the commit.
    const sinceTouch = performance.now() - this.#touchedAt;
    if (sinceTouch >= (this.#staleMs * 2) / 3) {
      throw lost(`it was not refreshed for ${Math.round(sinceTouch)} ms`);
    }
    try {
      // Synchronous, like the other short steps of taking and releasing the
      // lock: a thread-pool round trip costs more than the call itself here.
      const stat = lstatSync(this.#recordPath);
      if (stat.ino === this.#ino && stat.dev === this.#dev) return;
      this.#lostReason = 'its record was replaced by another one';
    } catch (error) {
      if (!hasCode(error, 'ENOENT', 'ENOTDIR')) throw error;
      this.#lostReason = 'its record was removed by another process';
    }
    throw lost(this.#lostReason);
  }

  /**
   * Remove the lock if it is still ours. Removal is by our token-named record,
   * then the folder only if it is empty, so a lock that another process has
   * taken over is never touched. Never throws: the transaction is already
   * decided, and a lock left behind is taken over once this process is gone.
   */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    clearInterval(this.#timer);
    await this.#refreshing;
    try {
      unlinkSync(this.#recordPath);
    } catch (error) {
      if (!hasCode(error, 'ENOENT', 'ENOTDIR')) {
        this.#onNotice(
          `Could not release the registry lock ${this.lockPath}: ${(error as Error).message}. Other processes will take it over once this one has exited.`,
        );
        return;
      }
    }
    this.#forgetOnExit();
    try {
      rmdirSync(this.lockPath);
    } catch {
      // Not empty (someone took it over or already holds it again) or gone: fine.
    }
  }
}
