import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import {
  type ModelRecord,
  type ModelSummary,
  RegistryError,
  type RegistryReader,
  summarizeModel,
} from '@afs/registry-core';
import { type FileIdentity, identityOf, sameIdentity } from './file-identity.js';
import type { JsonObject } from './json-value.js';
import { StoredModel } from './stored-model.js';
import type { StreamedEntry, StreamedRegistry } from './stream-read.js';

function changedSinceSnapshot(file: string, cause?: unknown): RegistryError {
  return new RegistryError(
    'CONFLICT',
    `The registry file ${file} was replaced after this snapshot was read, so a model it had not loaded can no longer be read from it. Read the registry again (name the models you need in read({ models }) to have them loaded with the snapshot).`,
    { path: file },
    cause === undefined ? undefined : { cause },
  );
}

/** The bytes of one entry, from the same file the snapshot read (checked by its identity). */
function readEntry(
  file: string,
  target: string,
  flags: number,
  identity: FileIdentity,
  entry: StreamedEntry,
): Uint8Array {
  let fd: number;
  try {
    fd = openSync(target, flags);
  } catch (error) {
    throw changedSinceSnapshot(file, error);
  }
  try {
    // The ctime too: a program can put back size and mtime after rewriting
    // the file in place, but not the ctime.
    const now = identityOf(fstatSync(fd, { bigint: true }));
    if (!sameIdentity(now, identity) || now.ctimeNs !== identity.ctimeNs) {
      throw changedSinceSnapshot(file);
    }
    const bytes = Buffer.allocUnsafe(entry.end - entry.start);
    let done = 0;
    while (done < bytes.length) {
      const read = readSync(fd, bytes, done, bytes.length - done, entry.start + done);
      if (read === 0) throw changedSinceSnapshot(file);
      done += read;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function parseEntry(bytes: Uint8Array): JsonObject {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}

/**
 * The reader over a streamed read (see `stream-read.ts`). Models the read
 * kept are decoded from their bytes; any other model is read from the file
 * when asked for, which works as long as the file is the one the snapshot
 * read (a commit replaces it: then `CONFLICT`, never another moment's data).
 */
export class StreamedSnapshot implements RegistryReader {
  readonly #file: string;
  readonly #registry: StreamedRegistry;
  readonly #models = new Map<string, StoredModel>();

  constructor(registry: StreamedRegistry, file: string, flags: number) {
    this.#file = file;
    this.#registry = registry;
    for (const [name, entry] of registry.entries) {
      const load = (): JsonObject => {
        if (entry.bytes !== undefined) return parseEntry(entry.bytes);
        const bytes = readEntry(file, registry.target, flags, registry.identity, entry);
        try {
          return parseEntry(bytes);
        } catch (error) {
          // Same identity but other bytes: rewritten in place within one clock tick.
          throw changedSinceSnapshot(file, error);
        }
      };
      this.#models.set(name, new StoredModel(name, ['models', name], load));
    }
  }

  modelNames(): string[] {
    return [...this.#models.keys()];
  }

  getModel(name: string): ModelRecord | undefined {
    // A model read from the file on demand is kept once decoded: reading it
    // again must not depend on the file still being the one this snapshot read.
    const kept = this.#registry.entries.get(name)?.bytes !== undefined;
    return this.#models.get(name)?.copy(this.#file, !kept);
  }

  modelSummary(name: string): ModelSummary | undefined {
    const summary = this.#registry.entries.get(name)?.summary;
    if (summary !== undefined) return { ...summary, tags: [...summary.tags] };
    const record = this.getModel(name);
    return record === undefined ? undefined : summarizeModel(record);
  }

  modelsLinkedTo(name: string): string[] {
    const linked = this.#registry.links.get(name);
    if (linked !== undefined) return [...linked];
    return this.modelNames().filter((other) => other !== name);
  }
}
