import type { BigIntStats } from 'node:fs';

/** Enough to notice that a file was replaced or rewritten since it was read. */
export interface FileIdentity {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  /**
   * When the inode last changed, by the file system's clock. Unlike mtime it
   * cannot be set back by a program (`utimes` sets it to now), so a change
   * made after a moment the file system stamped `t` has a ctime of at least `t`.
   */
  readonly ctimeNs: bigint;
}

export function identityOf(stats: BigIntStats): FileIdentity {
  return {
    dev: stats.dev,
    ino: stats.ino,
    size: stats.size,
    mtimeNs: stats.mtimeNs,
    ctimeNs: stats.ctimeNs,
  };
}

/** Same file, size and mtime. The ctime is left out: a rename or chmod changes it, not the bytes. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/**
 * Whether a file seen as `now` provably has not changed since it was seen as
 * `then`, given `stamp`: a ctime the same file system gave something else
 * before `then` was seen. Any change to the file after the stamp got a ctime
 * of at least the stamp, so when the ctime is still `then`'s and that is older
 * than the stamp, nothing changed it since. When the stamp is not later (a
 * coarse clock that has not ticked since the file was written), this cannot
 * be proved and the caller must compare the bytes. Assumes the file system's
 * clock does not step back between the two.
 */
export function provablyUnchanged(
  then: FileIdentity,
  now: FileIdentity,
  stamp: bigint | undefined,
): boolean {
  return (
    stamp !== undefined &&
    sameIdentity(then, now) &&
    now.ctimeNs === then.ctimeNs &&
    then.ctimeNs < stamp
  );
}
