import type { ModelRecord } from '@afs/registry-core';
import { copyRecord } from './copy-record.js';
import { type FileIssue, invalidModelEntry } from './corrupt.js';
import { decodeModelEntry, type Path } from './decode.js';
import { indentedEntry } from './entry-layout.js';
import type { RenderedEntry, RenderedVersion } from './entry-pieces.js';
import type { JsonObject } from './json-value.js';

/**
 * One model entry of a registry file, as loaded or as last written.
 *
 * Loading checks only the shape of the file; the deep check of an entry
 * (snake_case → record, schema validation) runs the first time the model is
 * read, so an operation pays for the models it touches. An instance is shared
 * by every snapshot of the same file content and never changes what it
 * returns: records leave only as copies, and `raw` is never modified.
 */
export class StoredModel {
  readonly name: string;
  /** Where the entry sits in the file, for messages: `['models', name]`. */
  readonly path: Path;
  readonly #parse: () => JsonObject;
  #raw: JsonObject | undefined;
  /** The validated record; never handed out. */
  #record: ModelRecord | undefined;
  #issues: FileIssue[] | undefined;
  #checked = false;
  #pieces: readonly Uint8Array[] | undefined;
  #versions: ReadonlyMap<string, RenderedVersion> | undefined;

  /**
   * `parse` gives the entry's JSON, each time it is called (from the file's
   * bytes, which stay in memory anyway); `text` is the entry's exact bytes,
   * when they can be copied into a new file as they are.
   */
  constructor(name: string, path: Path, parse: () => JsonObject, text?: Uint8Array) {
    this.name = name;
    this.path = path;
    this.#parse = parse;
    if (text !== undefined) this.#pieces = [text];
  }

  /** A model a commit has just validated (`record`) and rendered. */
  static written(name: string, record: ModelRecord, rendered: RenderedEntry): StoredModel {
    const model = new StoredModel(name, ['models', name], () => rendered.raw);
    model.#raw = rendered.raw;
    model.#record = record;
    model.#checked = true;
    model.#pieces = rendered.pieces;
    model.#versions = rendered.versions;
    return model;
  }

  /** The entry as parsed from the file (or as encoded for a commit); unknown keys live here. Never modified. */
  get raw(): JsonObject {
    this.#raw ??= this.#parse();
    return this.#raw;
  }

  /** The deep check, once; a failure is remembered and reported on every later read. */
  #decode(file: string): ModelRecord {
    if (this.#issues !== undefined) throw invalidModelEntry(file, this.name, this.#issues);
    const issues: FileIssue[] = [];
    // Reading alone does not keep the parsed entry: only a commit needs it again.
    const decoded = decodeModelEntry(this.name, this.#raw ?? this.#parse(), this.path, issues);
    this.#checked = true;
    if (decoded === undefined) {
      this.#issues = issues;
      throw invalidModelEntry(file, this.name, issues);
    }
    return decoded.record;
  }

  /**
   * A record the caller owns; `CORRUPT_REGISTRY` (naming `file` and the
   * path inside it) when the entry is not valid. A fresh decode is already a
   * private object, so a first read hands it out as it is and keeps nothing
   * (reading every model once, as listing does, costs no copies); the record
   * is kept, and copied out, from the second read on. With `keep` it is kept
   * from the first read: a transaction that reads a model usually writes it,
   * and the commit compares with the record it replaces.
   */
  copy(file: string, keep = false): ModelRecord {
    if (this.#record !== undefined) return copyRecord(this.#record);
    if (!this.#checked && !keep) return this.#decode(file);
    this.#record = this.#decode(file);
    return copyRecord(this.#record);
  }

  /** The validated record, shared: only for the store's own comparisons, never to hand out. */
  record(file: string): ModelRecord {
    this.#record ??= this.#decode(file);
    return this.#record;
  }

  /**
   * The entry's bytes as they go into a new file, in pieces: the exact bytes
   * it was read from or written as, or (for entries laid out otherwise) its
   * JSON indented for the entry depth, made once.
   */
  pieces(): readonly Uint8Array[] {
    this.#pieces ??= [indentedEntry(this.raw)];
    return this.#pieces;
  }

  /** The versions as the commit that wrote this entry rendered them; for the next commit to reuse. */
  get renderedVersions(): ReadonlyMap<string, RenderedVersion> | undefined {
    return this.#versions;
  }
}
