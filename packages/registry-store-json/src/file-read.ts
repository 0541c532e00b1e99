import { isAscii } from 'node:buffer';
import { type BigIntStats, constants } from 'node:fs';
import { type FileHandle, lstat, open, realpath, stat } from 'node:fs/promises';
import { RegistryError } from '@afs/registry-core';
import { corruptRegistry } from './corrupt.js';
import { errnoCode } from './errno.js';
import { fileHolds } from './file-compare.js';
import { type FileIdentity, identityOf, sameIdentity } from './file-identity.js';

// Windows has no O_NOFOLLOW; the lstat check before opening still refuses links there.
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

export interface ReadOptions {
  readonly maxBytes: number;
  readonly allowSymlink: boolean;
}

export interface ExistingFile {
  readonly exists: true;
  /** Where writes go: the registry file itself, or the file a permitted symlink points to. */
  readonly target: string;
  readonly identity: FileIdentity;
  /**
   * The file's bytes in order: one piece as read, or the pieces a commit
   * wrote (entries it did not change are views into the bytes it read).
   */
  readonly pieces: readonly Uint8Array[];
  /** Permission bits, kept when the file is replaced. */
  readonly mode: number;
  /** `true` when the bytes are known to be pure ASCII (so valid UTF-8), found while reading them. */
  readonly ascii?: boolean;
}

export interface MissingFile {
  readonly exists: false;
  readonly target: string;
}

export type RegistryFileContent = ExistingFile | MissingFile;

function symlinkRefused(file: string, cause?: unknown): RegistryError {
  return new RegistryError(
    'STORE_ERROR',
    `The registry path ${file} is a symbolic link. The JSON store does not follow it, because replacing the file would replace the link (or write where the link points, which someone else may control). Point the store at the real file, or pass allowSymlink: true if the link is intended.`,
    { path: file, reason: 'symlink' },
    cause === undefined ? undefined : { cause },
  );
}

function notAFile(file: string, what: string): RegistryError {
  return new RegistryError(
    'STORE_ERROR',
    `The registry path ${file} is ${what}, not a regular file. Point the store at a registry.json file or at the folder that holds it.`,
    { path: file, reason: 'not-a-file' },
  );
}

function kindOf(stats: { isDirectory(): boolean }): string {
  return stats.isDirectory() ? 'a directory' : 'a special file (socket, pipe or device)';
}

function tooLarge(file: string, size: bigint, maxBytes: number): RegistryError {
  return corruptRegistry(
    file,
    `it is ${size} bytes, more than the ${maxBytes}-byte limit (the maxBytes option), so it was not read. If the file really is that large, raise maxBytes; otherwise it was probably overwritten by something else`,
    { size: Number(size), maxBytes },
  );
}

async function resolveTarget(file: string, allowSymlink: boolean): Promise<string | undefined> {
  let stats: Awaited<ReturnType<typeof lstat>>;
  try {
    stats = await lstat(file);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  if (stats.isSymbolicLink()) {
    if (!allowSymlink) throw symlinkRefused(file);
    let followed: Awaited<ReturnType<typeof stat>>;
    try {
      followed = await stat(file);
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
      throw new RegistryError(
        'STORE_ERROR',
        `The registry path ${file} is a symbolic link to a file that does not exist. Create the target, or point the store at a real path.`,
        { path: file, reason: 'dangling-symlink' },
      );
    }
    if (!followed.isFile()) throw notAFile(file, kindOf(followed));
    return realpath(file);
  }
  // Checked before opening: opening a named pipe for reading would block.
  if (!stats.isFile()) throw notAFile(file, kindOf(stats));
  return file;
}

const MAX_READ_ATTEMPTS = 3;
const READ_CHUNK_BYTES = 2 * 1024 * 1024;

/**
 * The first `size` bytes of the open file (fewer if it is shorter now), and
 * whether they are pure ASCII. Memory the kernel has just filled is slow to
 * touch the first time from JavaScript, so each chunk is checked for ASCII
 * (a native scan, which also touches it) while the next one is being read.
 */
async function readChunked(
  handle: FileHandle,
  size: number,
): Promise<{ bytes: Buffer; ascii: boolean }> {
  const bytes = Buffer.allocUnsafeSlow(size);
  let ascii = true;
  let position = 0;
  let next = size > 0 ? handle.read(bytes, 0, Math.min(READ_CHUNK_BYTES, size), 0) : undefined;
  while (next !== undefined) {
    const { bytesRead } = await next;
    const start = position;
    position += bytesRead;
    next =
      bytesRead > 0 && position < size
        ? handle.read(bytes, position, Math.min(READ_CHUNK_BYTES, size - position), position)
        : undefined;
    ascii = isAscii(bytes.subarray(start, position)) && ascii;
  }
  return { bytes: position === size ? bytes : bytes.subarray(0, position), ascii };
}

/** All of a file's pieces as one buffer (the pieces of a file that was read are one already). */
export function contiguousBytes(content: ExistingFile): Uint8Array {
  const { pieces } = content;
  return pieces.length === 1 ? (pieces[0] as Uint8Array) : Buffer.concat(pieces);
}

/** An open registry file, checked before reading: a regular file within the size limit. */
export interface OpenedFile {
  readonly handle: FileHandle;
  readonly target: string;
  readonly before: BigIntStats;
}

/**
 * Opens the registry file for reading the way every read does (no symbolic
 * link unless allowed; never a folder or a pipe), or says it is missing.
 * The caller closes the handle.
 */
export async function openRegistryFile(
  file: string,
  options: ReadOptions,
): Promise<OpenedFile | MissingFile> {
  const target = await resolveTarget(file, options.allowSymlink);
  if (target === undefined) return { exists: false, target: file };
  let handle: FileHandle;
  try {
    handle = await open(target, readFlags(options));
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return { exists: false, target };
    if (code === 'ELOOP') throw symlinkRefused(file, error);
    if (code === 'EISDIR') throw notAFile(file, 'a directory');
    throw error;
  }
  try {
    const before = await handle.stat({ bigint: true });
    if (!before.isFile()) throw notAFile(file, kindOf(before));
    if (before.size > BigInt(options.maxBytes)) throw tooLarge(file, before.size, options.maxBytes);
    return { handle, target, before };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The flags every read opens the registry with. */
export function readFlags(options: ReadOptions): number {
  return constants.O_RDONLY | (options.allowSymlink ? 0 : O_NOFOLLOW);
}

/**
 * The registry file's bytes and identity, or that it is missing. The size is
 * checked from the open descriptor before reading. A file that changed while
 * being read (a non-atomic writer) is read again.
 *
 * With `known` (what an earlier call returned or a commit wrote), a file with
 * the same identity is compared with it block by block first, and `known`
 * itself is returned when it still holds exactly those bytes: no copy of the
 * file is made, and the caller can keep what it derived from them.
 */
export async function readRegistryFile(
  file: string,
  options: ReadOptions,
  known?: ExistingFile,
): Promise<RegistryFileContent> {
  for (let attempt = 1; ; attempt += 1) {
    const opened = await openRegistryFile(file, options);
    if (!('handle' in opened)) return opened;
    const { handle, target, before } = opened;
    try {
      if (
        known !== undefined &&
        known.target === target &&
        Number(before.mode & 0o777n) === known.mode &&
        sameIdentity(identityOf(before), known.identity) &&
        fileHolds(handle, known.pieces) &&
        sameIdentity(identityOf(await handle.stat({ bigint: true })), known.identity)
      ) {
        return known;
      }
      // The last attempt takes the file as it is, however long it has become.
      const { bytes, ascii } =
        attempt < MAX_READ_ATTEMPTS
          ? await readChunked(handle, Number(before.size))
          : { bytes: await handle.readFile(), ascii: undefined };
      const after = await handle.stat({ bigint: true });
      const identity = identityOf(after);
      const settled =
        sameIdentity(identityOf(before), identity) && BigInt(bytes.length) === after.size;
      if (settled || attempt === MAX_READ_ATTEMPTS) {
        if (bytes.length > options.maxBytes)
          throw tooLarge(file, BigInt(bytes.length), options.maxBytes);
        return {
          exists: true,
          target,
          identity,
          pieces: [bytes],
          mode: Number(after.mode & 0o777n),
          ...(ascii === undefined ? {} : { ascii }),
        };
      }
    } finally {
      await handle.close();
    }
  }
}

/** The identity of the file now, or `undefined` when it is missing. Used for the conflict check. */
export async function currentIdentity(target: string): Promise<FileIdentity | undefined> {
  try {
    return identityOf(await lstat(target, { bigint: true }));
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}
