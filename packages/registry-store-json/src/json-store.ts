import { close, fstatSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  type Clock,
  createSerialQueue,
  invalidInput,
  type ModelRecord,
  type ReadIntent,
  RegistryError,
  type RegistryReader,
  type RegistryStore,
  type RegistryTransaction,
  STORE_SPECIFICATION_VERSION,
  systemClock,
  TransactionDraft,
  timestamp,
} from '@afs/registry-core';
import { type ReplacedFile, writeFileAtomically } from './atomic-write.js';
import { writeBackup } from './backup.js';
import {
  DEFAULT_MAX_BYTES,
  type RegistrySchemaVersion,
  UPGRADE_WARNING_CODE,
  WRITTEN_SCHEMA_VERSION,
} from './constants.js';
import type { CommitGuard, WriteCoordinator } from './coordinator.js';
import { documentFromBytes, type RegistryDocument } from './document.js';
import { registryDocumentParts } from './encode.js';
import { renderEntryPieces } from './entry-pieces.js';
import { fileHolds } from './file-compare.js';
import { type FileIdentity, identityOf, provablyUnchanged, sameIdentity } from './file-identity.js';
import {
  contiguousBytes,
  type ExistingFile,
  type RegistryFileContent,
  readFlags,
  readRegistryFile,
} from './file-read.js';
import { acquireLock } from './lock/acquire.js';
import { type LockOptions, resolveLockOptions } from './lock/options.js';
import { lockPathFor } from './lock/paths.js';
import { scanRegistryBytes } from './parse-json.js';
import { resolveRegistryFile } from './registry-path.js';
import { sameJson } from './same-json.js';
import { SnapshotReader } from './snapshot.js';
import { StoredModel } from './stored-model.js';
import { streamRegistryFile, WHOLE_FILE } from './stream-read.js';
import { StreamedSnapshot } from './streamed-snapshot.js';
import { removeStaleTempFiles } from './temp-files.js';
import { validateRecord } from './validate-record.js';

export interface JsonStoreOptions {
  /**
   * The registry file, or a folder that holds `registry.json` (an existing
   * directory, or a path ending with a separator). A missing file is an empty
   * registry; it and its folders are created by the first commit.
   */
  path: string;
  /** Cross-process exclusion for commits, e.g. from `@afs/registry-store-fs-lock`. */
  coordinator?: WriteCoordinator;
  /** Files larger than this are refused before reading. Default 256 MiB. */
  maxBytes?: number;
  /** Follow a symbolic link at the registry path (writes go to the file it points to). Default false. */
  allowSymlink?: boolean;
  /** Told once when a commit upgrades a "1.0" or bare file. Default: `process.emitWarning`. */
  onNotice?: (message: string) => void;
  /** Source of the `updated_at` timestamp. */
  clock?: Clock;
  /**
   * How long to wait for the lock that makes publishing a commit one step
   * (held for milliseconds per commit; see `docs/concurrency.md`). Default 10 s.
   */
  publishTimeoutMs?: number;
}

/** A RegistryStore over one JSON file; `file` is the resolved absolute path it uses. */
export interface JsonStore extends RegistryStore {
  readonly file: string;
}

interface LoadedState {
  readonly content: RegistryFileContent;
  readonly document: RegistryDocument;
}

const EMPTY_DOCUMENT: RegistryDocument = {
  schemaVersion: WRITTEN_SCHEMA_VERSION,
  top: {},
  models: new Map(),
};

const NEW_FILE_MODE = 0o600;
const BACKUP_LABEL = 'v1';

function defaultNotice(message: string): void {
  process.emitWarning(message, { type: 'AfsRegistryNotice', code: UPGRADE_WARNING_CODE });
}

function describeSchema(version: RegistrySchemaVersion): string {
  return version === 'bare' ? 'the bare models dictionary' : `schema "${version}"`;
}

function conflict(file: string): RegistryError {
  return new RegistryError(
    'CONFLICT',
    `Another writer changed ${file} after this transaction read it, so nothing was written (writing would have undone their change). Retry the operation: it starts again from the new content. To make writers in several processes wait for each other instead, use @afs/registry-store-fs-lock.`,
    { path: file },
  );
}

/** The identity at `path` without following a link, or `undefined` when nothing is there. */
function lstatIdentity(path: string): FileIdentity | undefined {
  const stats = lstatSync(path, { bigint: true, throwIfNoEntry: false });
  return stats === undefined ? undefined : identityOf(stats);
}

function lstatQuietly(path: string): void {
  try {
    lstatSync(path);
  } catch {}
}

function closeFile(fd: number): Promise<void> {
  return new Promise((resolve) => close(fd, () => resolve()));
}

function checkMaxBytes(maxBytes: number): number {
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw invalidInput(`maxBytes must be a positive whole number of bytes, got ${maxBytes}.`);
  }
  return maxBytes;
}

/**
 * A store that keeps the whole registry in one JSON file (the format the
 * Python system wrote, see docs/on-disk-format.md). Commits are atomic and
 * durable; a commit that would overwrite another writer's change fails with
 * `CONFLICT` instead. With a `coordinator`, commits from several processes
 * are serialised as well.
 */
export function createJsonStore(options: JsonStoreOptions): JsonStore {
  const file = resolveRegistryFile(options.path);
  const readOptions = {
    maxBytes: checkMaxBytes(options.maxBytes ?? DEFAULT_MAX_BYTES),
    allowSymlink: options.allowSymlink ?? false,
  };
  const clock = options.clock ?? systemClock;
  const notify = options.onNotice ?? defaultNotice;
  const lockOptions: LockOptions = { onNotice: notify };
  if (options.publishTimeoutMs !== undefined) lockOptions.timeoutMs = options.publishTimeoutMs;
  // Checked now, so that a bad option fails when the store is made.
  resolveLockOptions(lockOptions);
  const coordinator = options.coordinator;
  const serial = createSerialQueue();
  // The last state seen; reused while the file still holds exactly its bytes.
  let cache: LoadedState | undefined;
  let streamedOnce = false;

  async function load(): Promise<LoadedState> {
    const previous = cache;
    const known = previous?.content.exists ? previous.content : undefined;
    const content = await readRegistryFile(file, readOptions, known);
    if (!content.exists) return { content, document: EMPTY_DOCUMENT };
    if (previous !== undefined && content === previous.content) return previous;
    const bytes = contiguousBytes(content);
    const document = documentFromBytes(bytes, scanRegistryBytes(bytes, file, content.ascii), file);
    const state = { content, document };
    cache = state;
    return state;
  }

  /** The models after the transaction, or `undefined` when it changed nothing. */
  function applyChanges(
    base: ReadonlyMap<string, StoredModel>,
    changes: ReadonlyMap<string, ModelRecord | undefined>,
  ): Map<string, StoredModel> | undefined {
    const models = new Map(base);
    let changed = false;
    for (const [name, record] of changes) {
      const before = base.get(name);
      // An entry that fails the deep check is never replaced or removed
      // unseen: whatever it holds would be lost. CORRUPT_REGISTRY instead.
      const previous = before?.record(file);
      if (record === undefined) {
        changed = models.delete(name) || changed;
        continue;
      }
      const validated = validateRecord(record, previous);
      // The same record over the same entry would be written as the same text.
      if (before !== undefined && sameJson(validated, previous)) continue;
      const rendered = renderEntryPieces(validated, before?.raw, before?.renderedVersions);
      models.set(name, StoredModel.written(name, validated, rendered));
      changed = true;
    }
    return changed ? models : undefined;
  }

  /**
   * The new file as pieces: the text around the entries, the entries this
   * commit rendered, and the bytes of every entry it carries over.
   */
  function fileParts(
    document: RegistryDocument,
    models: ReadonlyMap<string, StoredModel>,
    updatedAt: string,
  ): Uint8Array[] {
    const entries = [...models].map(([name, model]) => [name, model.pieces()] as const);
    return registryDocumentParts(document.top, updatedAt, entries).flatMap((part) =>
      typeof part === 'string' ? [Buffer.from(part, 'utf8')] : part,
    );
  }

  /**
   * Still the bytes this transaction started from? Checked just before
   * publishing. Returns the file, still open, so that freeing it after the
   * rename does not hold up the commit (see writeFileAtomically).
   *
   * The bytes are compared unless `stamp` (see `clockStamp`) proves the file
   * untouched since the transaction read it: the read itself checked the
   * bytes, after the stamp was taken. Same size and mtime alone can hide an
   * in-place rewrite on coarse-clock file systems, and a program can set the
   * mtime back; neither can make the ctime older than the stamp.
   */
  async function assertUnchanged(
    content: RegistryFileContent,
    stamp: bigint | undefined,
  ): Promise<ReplacedFile | undefined> {
    // Synchronous metadata calls: each is cheaper than the thread-pool round
    // trip an asynchronous one adds to the commit.
    const now = lstatIdentity(content.target);
    if (!content.exists) {
      if (now !== undefined) throw conflict(file);
      return undefined;
    }
    if (now === undefined || !sameIdentity(now, content.identity)) throw conflict(file);
    let fd: number;
    try {
      fd = openSync(content.target, readFlags(readOptions));
    } catch {
      throw conflict(file);
    }
    let same = false;
    try {
      // From the open file too: it is the one we hold, and on network file
      // systems opening it refreshes attributes a path lookup may take from a cache.
      const opened = identityOf(fstatSync(fd, { bigint: true }));
      same =
        (provablyUnchanged(content.identity, now, stamp) &&
          provablyUnchanged(content.identity, opened, stamp)) ||
        fileHolds(fd, content.pieces);
    } catch {
      // Unreadable now: treated as changed.
    }
    // Closed off the commit's path: see writeFileAtomically.
    const replaced = { close: () => closeFile(fd) };
    if (same) return replaced;
    await replaced.close();
    throw conflict(file);
  }

  /**
   * A lower bound of the file system's clock now: the ctime of the registry's
   * folder, which the file system set itself (rename, create, delete in it)
   * and no program can set. Taken before a transaction reads the file.
   */
  async function clockStamp(): Promise<bigint | undefined> {
    try {
      return lstatSync(dirname(file), { bigint: true }).ctimeNs;
    } catch {
      return undefined;
    }
  }

  async function publish(
    state: LoadedState,
    models: ReadonlyMap<string, StoredModel>,
    guard: CommitGuard | undefined,
    stamp: bigint | undefined,
  ): Promise<void> {
    const { content, document } = state;
    const target = content.target;
    const dir = dirname(target);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Best effort: a leftover we cannot remove must not block the commit.
    await removeStaleTempFiles(dir, basename(target)).catch(() => undefined);

    const pieces = fileParts(document, models, timestamp(clock));
    const mode = content.exists ? content.mode : NEW_FILE_MODE;
    const upgradeFrom =
      content.exists && document.schemaVersion !== WRITTEN_SCHEMA_VERSION
        ? document.schemaVersion
        : undefined;
    let backup: string | undefined;

    // Without a coordinator nothing excludes other writers during the
    // transaction, but the conflict check and the rename must still be one
    // step: otherwise two writers can both pass the check and the second
    // rename silently replaces the first commit. The lock the fs-lock store
    // holds for whole transactions is held here for publishing. It is asked
    // for now and awaited right before the check, so that taking it overlaps
    // writing and flushing the new file instead of adding to it.
    const locking = guard === undefined ? acquireLock(lockPathFor(target), lockOptions) : undefined;
    // Awaited below in every case; this only keeps an early failure from
    // being reported as unhandled while the write runs.
    locking?.catch(() => undefined);
    let identity: FileIdentity;
    try {
      identity = await writeFileAtomically(target, pieces, {
        mode,
        beforeRename: async () => {
          await locking;
          // A stamp from another folder's clock (a followed symlink) proves nothing.
          const replaced = await assertUnchanged(content, target === file ? stamp : undefined);
          try {
            if (upgradeFrom !== undefined && content.exists) {
              backup = await writeBackup(target, BACKUP_LABEL, content.pieces, content.mode);
            }
            await guard?.assertHeld();
          } catch (error) {
            if (backup !== undefined) await unlink(backup).catch(() => undefined);
            await replaced?.close();
            throw error;
          }
          return replaced;
        },
      });
      // Linux stamps a change with the coarse clock unless the old stamp was
      // looked at since, so the lock's removal below could get the same ctime
      // as the file and the next transaction's stamp (clockStamp) would prove
      // nothing. Looking at the folder now gets it a finer one. Speed only:
      // the check stays sound without it.
      if (locking !== undefined) lstatQuietly(dir);
    } finally {
      // The lock is released only once the commit is durable (or abandoned).
      await (await locking?.catch(() => undefined))?.release();
    }

    const written: ExistingFile = { exists: true, target, identity, pieces, mode };
    cache = {
      content: written,
      document: { schemaVersion: WRITTEN_SCHEMA_VERSION, top: document.top, models },
    };
    if (upgradeFrom !== undefined) {
      notify(
        `Upgraded the registry file ${file} from ${describeSchema(upgradeFrom)} to schema "${WRITTEN_SCHEMA_VERSION}". The original is kept at ${backup}. Tools that only know the old format (such as the Python AFS registry) may need that copy.`,
      );
    }
  }

  async function run<T>(
    work: (tx: RegistryTransaction) => T | Promise<T>,
    guard?: CommitGuard,
  ): Promise<T> {
    const stamp = await clockStamp();
    const state = await load();
    const draft = new TransactionDraft(new SnapshotReader(state.document.models, file, true));
    const result = await work(draft);
    if (!draft.hasChanges) return result;
    const models = applyChanges(state.document.models, draft.changes());
    if (models !== undefined) await publish(state, models, guard, stamp);
    return result;
  }

  return {
    specificationVersion: STORE_SPECIFICATION_VERSION,
    name: coordinator?.name ?? 'json',
    capabilities: {
      persistent: true,
      crossProcess: coordinator !== undefined,
      detectsConflicts: true,
    },
    file,
    async read(intent?: ReadIntent): Promise<RegistryReader> {
      // The first read of a store that says what it needs keeps only that
      // (see stream-read.ts): a command reads once. A process that reads
      // again loads the whole file once, then checks that the file still
      // holds it, which is cheaper than streaming it every time.
      if (intent !== undefined && cache === undefined && !streamedOnce) {
        streamedOnce = true;
        const streamed = await streamRegistryFile(file, readOptions, intent);
        if (streamed !== WHOLE_FILE) {
          return streamed.exists
            ? new StreamedSnapshot(streamed, file, readFlags(readOptions))
            : new SnapshotReader(EMPTY_DOCUMENT.models, file);
        }
      }
      const state = await load();
      return new SnapshotReader(state.document.models, file);
    },
    transact<T>(work: (tx: RegistryTransaction) => T | Promise<T>): Promise<T> {
      return serial(() =>
        coordinator === undefined
          ? run(work)
          : coordinator.exclusive(file, (guard) => run(work, guard)),
      );
    },
    async close(): Promise<void> {
      // Queued behind running transactions, so close does not cut one short.
      await serial(async () => {
        await coordinator?.close?.();
      });
    },
  };
}
