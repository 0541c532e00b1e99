import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RegistryError } from '@afs/registry-core';
import { syncDirectory } from './atomic-write.js';
import { errnoCode } from './errno.js';

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const FLAGS = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | O_NOFOLLOW;
const MAX_SUFFIX = 1000;

/** `registry.json.v1.bak`, then `registry.json.v1.bak.1`, `.2`, ... */
export function backupCandidates(target: string, label: string): string[] {
  const first = `${target}.${label}.bak`;
  return [first, ...Array.from({ length: MAX_SUFFIX }, (_, i) => `${first}.${i + 1}`)];
}

/**
 * Keep `bytes` (the file as read) in a new backup file beside `target`. An
 * existing backup is never overwritten: the next free suffix is used. The
 * backup and its directory entry are fsync'd before this resolves, so the
 * original survives a crash during the upgrade that follows.
 */
export async function writeBackup(
  target: string,
  label: string,
  bytes: Uint8Array,
  mode: number,
): Promise<string> {
  for (const candidate of backupCandidates(target, label)) {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(candidate, FLAGS, 0o600);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'EEXIST' || code === 'ELOOP') continue;
      throw error;
    }
    try {
      await handle.chmod(mode);
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(candidate).catch(() => undefined);
      throw error;
    }
    await handle.close();
    await syncDirectory(dirname(candidate));
    return candidate;
  }
  throw new RegistryError(
    'STORE_ERROR',
    `Every backup name from ${target}.${label}.bak to .${MAX_SUFFIX} is taken, so the file was not upgraded. Move old backups away and retry.`,
    { path: target },
  );
}
