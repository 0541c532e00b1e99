import { readdirSync } from 'node:fs';
import { lstat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { STALE_TEMP_AGE_MS } from './constants.js';
import { errnoCode } from './errno.js';
import { randomHex } from './random-names.js';

/** `.registry.json.<pid>.<12 hex>.tmp`: hidden, beside the target, and traceable to its writer. */
export function tempFileName(targetBase: string): string {
  return `.${targetBase}.${process.pid}.${randomHex(6)}.tmp`;
}

const TEMP_PATTERN = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** The writer pid encoded in one of our temp file names for `targetBase`, else `undefined`. */
export function tempFileOwner(name: string, targetBase: string): number | undefined {
  const match = TEMP_PATTERN.exec(name);
  if (match === null || match[1] !== targetBase) return undefined;
  return Number(match[2]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(error) === 'EPERM';
  }
}

/**
 * Remove temp files a crashed writer left beside the registry: those whose
 * writer pid is not running on this host, and any older than
 * `STALE_TEMP_AGE_MS` (the pid may have been reused, or the writer was on
 * another host). A live writer's fresh temp file is never touched. Returns
 * the names removed.
 */
export async function removeStaleTempFiles(
  dir: string,
  targetBase: string,
  now: number = Date.now(),
): Promise<string[]> {
  let names: string[];
  try {
    // Synchronous: it runs before every commit, and usually finds nothing to do.
    names = readdirSync(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = tempFileOwner(name, targetBase);
    if (pid === undefined) continue;
    const path = join(dir, name);
    try {
      const stats = await lstat(path);
      if (stats.isDirectory()) continue;
      const old = now - stats.mtimeMs > STALE_TEMP_AGE_MS;
      const orphaned = pid !== process.pid && !isAlive(pid);
      if (!old && !orphaned) continue;
      await unlink(path);
      removed.push(name);
    } catch (error) {
      // Another process cleaned it up first.
      if (errnoCode(error) !== 'ENOENT') throw error;
    }
  }
  return removed;
}
