import { constants, lstatSync } from 'node:fs';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RegistryError } from '@afs/registry-core';
import { errnoCode } from './errno.js';
import { type FileIdentity, identityOf, sameIdentity } from './file-identity.js';
import { tempFileName } from './temp-files.js';

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
// O_EXCL makes a planted file or symlink at the temp name fail the open
// instead of being written through; O_NOFOLLOW covers systems where O_EXCL
// alone would still follow a dangling link.
const TEMP_FLAGS = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | O_NOFOLLOW;
const NEW_FILE_MODE = 0o600;

// Platforms and file systems that cannot fsync a directory say so with these.
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM', 'EBADF']);

/** Make a rename or file creation in `dir` survive a power loss. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0));
  try {
    await handle.sync();
  } catch (error) {
    if (!DIRECTORY_SYNC_UNSUPPORTED.has(errnoCode(error) ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/** What a file is written from: text, bytes, or pieces of bytes written one after another. */
export type FileContent = string | Uint8Array | readonly Uint8Array[];

/**
 * Write every piece in order with vectored writes: the pieces go to the
 * kernel as they are, without first being joined into one buffer.
 */
export async function writePieces(
  handle: FileHandle,
  pieces: readonly Uint8Array[],
): Promise<void> {
  let pending = pieces.filter((piece) => piece.length > 0);
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending);
    if (bytesWritten <= 0) throw new Error('writev wrote nothing');
    // A short write: drop what was written and go on from there.
    let written = bytesWritten;
    let index = 0;
    while (index < pending.length && written >= (pending[index] as Uint8Array).length) {
      written -= (pending[index] as Uint8Array).length;
      index += 1;
    }
    pending = pending.slice(index);
    const first = pending[0];
    if (first !== undefined && written > 0) pending[0] = first.subarray(written);
  }
}

async function writeContent(handle: FileHandle, content: FileContent): Promise<void> {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    await handle.writeFile(content);
  } else {
    await writePieces(handle, content);
  }
}

/**
 * The identity of the file just renamed into place. The rename changed its
 * ctime, so it is taken again; if something else is at `target` by now, the
 * identity written is kept (its ctime then matches nothing, which only makes
 * the next check compare bytes).
 */
function publishedIdentity(target: string, written: FileIdentity): FileIdentity {
  try {
    const now = identityOf(lstatSync(target, { bigint: true }));
    return sameIdentity(now, written) ? now : written;
  } catch {
    return written;
  }
}

export interface AtomicWriteOptions {
  /** Permission bits of the new file (the old file's, when replacing one). */
  readonly mode?: number;
  /**
   * Runs after the new content is durable in the temp file and right before
   * the rename; throwing aborts the write and removes the temp file.
   *
   * It may return an open handle on the file about to be replaced. The
   * handle is closed after the write, without waiting: while it is open the
   * rename only unlinks the old file, and freeing its blocks (about 0.5 ms
   * per MB) happens at that close, off the commit's path. The new content is
   * durable either way.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: callbacks that return nothing stay valid.
  readonly beforeRename?: () => Promise<ReplacedFile | undefined | void>;
}

/** What `beforeRename` may hand back: a handle on the file being replaced. */
export interface ReplacedFile {
  close(): Promise<void>;
}

// Windows may refuse to rename over a file that is still open.
const HOLD_REPLACED = process.platform !== 'win32';

/**
 * Replace `target` with `content` so that a reader at any moment sees the old
 * file or the new one, never a mix, and a crash after this resolves cannot
 * lose the new content. Returns the identity of the file now at `target`.
 */
export async function writeFileAtomically(
  target: string,
  content: FileContent,
  options: AtomicWriteOptions = {},
): Promise<FileIdentity> {
  const dir = dirname(target);
  const temp = join(dir, tempFileName(basename(target)));
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(temp, TEMP_FLAGS, NEW_FILE_MODE);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST' || code === 'ELOOP') {
      throw new RegistryError(
        'STORE_ERROR',
        `Could not create the temporary file ${temp}: something already exists at that name (${code}). Nothing was written. Remove it if you do not know what it is, and retry.`,
        { path: temp },
        { cause: error },
      );
    }
    throw error;
  }
  let published = false;
  try {
    let identity: FileIdentity;
    try {
      const mode = options.mode ?? NEW_FILE_MODE;
      // The umask may have narrowed the creation mode; set it exactly.
      await handle.chmod(mode);
      await writeContent(handle, content);
      await handle.sync();
      // rename keeps inode, size and mtime; only the ctime is taken again afterwards.
      identity = identityOf(await handle.stat({ bigint: true }));
    } finally {
      await handle.close();
    }
    let replaced = (await options.beforeRename?.()) ?? undefined;
    try {
      if (!HOLD_REPLACED && replaced !== undefined) {
        const early = replaced;
        replaced = undefined;
        await early.close();
      }
      await rename(temp, target);
      published = true;
      await syncDirectory(dir);
      return publishedIdentity(target, identity);
    } finally {
      // A close error says nothing about the new file, which is already
      // durable. Started on the next turn of the event loop, after the
      // caller's synchronous steps (such as releasing the lock), which would
      // otherwise wait on the file system while it frees the old blocks.
      if (replaced !== undefined) {
        const old = replaced;
        setImmediate(() => void old.close().catch(() => undefined));
      }
    }
  } finally {
    if (!published) await unlink(temp).catch(() => undefined);
  }
}
