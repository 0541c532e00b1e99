import { isAscii, isUtf8 } from 'node:buffer';
import { readSync } from 'node:fs';
import { type ModelSummary, nameProblem, type ReadIntent } from '@afs/registry-core';
import { READABLE_SCHEMA_VERSIONS, type RegistrySchemaVersion } from './constants.js';
import { type FileIdentity, identityOf, sameIdentity } from './file-identity.js';
import { type MissingFile, openRegistryFile, type ReadOptions } from './file-read.js';
import {
  afterWhitespace,
  JsonScanError,
  type OutlineRule,
  outlineValue,
  type ScannedValue,
  stringEnd,
  stringText,
} from './json-scan.js';
import { summaryFromEntry } from './summary-facts.js';

/*
 * A read that passes the file through one small buffer instead of holding
 * all of it. Touching fresh memory is a large part of reading a big registry
 * (on the machines measured here, first touching 16 MB costs about as much as
 * starting Node), while the caller usually needs one model. The whole file is
 * still checked (UTF-8, JSON syntax, the shape of every entry); what is kept
 * is where each entry lies, the bytes of the models the caller named, and
 * the summaries and links it asked for.
 *
 * Anything this read does not handle (a file that is not the wrapper form, a
 * problem anywhere, a file that changes while it is read) returns WHOLE_FILE,
 * and the caller reads the whole file the usual way, which words every error.
 */

const BLOCK_BYTES = 1024 * 1024;
/** How far past a failure the scanner may have looked (`\uXXXX`, `false`): closer to the end, read more. */
const LOOKAHEAD = 8;

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COLON = 0x3a;
const COMMA = 0x2c;
const NULL_START = 0x6e;

/** Hand the read to the whole-file path. */
export const WHOLE_FILE = Symbol('whole file');

/** One model entry as a streamed read leaves it. */
export interface StreamedEntry {
  /** Where the entry's JSON lies in the file. */
  readonly start: number;
  readonly end: number;
  /** The entry's bytes, for the models the caller named. */
  readonly bytes: Uint8Array | undefined;
  /** The summary, when asked for and readable from the bytes. */
  readonly summary: ModelSummary | undefined;
}

export interface StreamedRegistry {
  readonly exists: true;
  readonly target: string;
  readonly identity: FileIdentity;
  readonly schemaVersion: RegistrySchemaVersion;
  readonly entries: ReadonlyMap<string, StreamedEntry>;
  /** For each model in the intent's `linksTo`: the models whose entries may name one of its versions. */
  readonly links: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The file's bytes from `base` on, one block (or one large value) at a time. */
class Window {
  buffer: Buffer;
  /** The same memory as a plain Uint8Array: the scanner's loops are slower on a Buffer. */
  #plain: Uint8Array;
  length = 0;
  /** The file offset of `buffer[0]`. */
  base = 0;
  eof = false;
  readonly #fd: number;

  constructor(fd: number, blockBytes: number) {
    this.#fd = fd;
    this.buffer = Buffer.allocUnsafeSlow(blockBytes);
    this.#plain = new Uint8Array(
      this.buffer.buffer,
      this.buffer.byteOffset,
      this.buffer.byteLength,
    );
  }

  /** The bytes read and not yet dropped; only valid until the next `more`. */
  get view(): Uint8Array {
    return this.#plain.subarray(0, this.length);
  }

  /** `view` as a Buffer, for searching and decoding. */
  get text(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** Drops the bytes before `keepFrom` and reads more; returns how far indexes moved. */
  more(keepFrom: number): number {
    if (keepFrom > 0) {
      this.buffer.copy(this.buffer, 0, keepFrom, this.length);
      this.length -= keepFrom;
      this.base += keepFrom;
    }
    if (this.length === this.buffer.length) {
      // One value larger than the buffer: it has to be whole to be checked.
      const larger = Buffer.allocUnsafeSlow(this.buffer.length * 2);
      this.buffer.copy(larger, 0, 0, this.length);
      this.buffer = larger;
      this.#plain = new Uint8Array(larger.buffer, larger.byteOffset, larger.byteLength);
    }
    // Synchronous: the blocks come from the page cache, and a hop to the
    // thread pool per block cost more than the read itself.
    const bytesRead = readSync(
      this.#fd,
      this.buffer,
      this.length,
      this.buffer.length - this.length,
      this.base + this.length,
    );
    if (bytesRead === 0) this.eof = true;
    this.length += bytesRead;
    return keepFrom;
  }
}

function validText(bytes: Uint8Array): boolean {
  return isAscii(bytes) || isUtf8(bytes);
}

/**
 * Runs `step` at `at` until what it reads lies wholly in the window (reading
 * more when it runs into the end); `undefined` when the bytes are not JSON.
 */
function whole<T>(
  window: Window,
  at: number,
  step: (view: Uint8Array, at: number) => T,
  endOf: (result: T) => number,
): { result: T; at: number } | undefined {
  let start = at;
  for (;;) {
    try {
      const result = step(window.view, start);
      // A number can go on in the next block.
      if (endOf(result) < window.length || window.eof) return { result, at: start };
    } catch (error) {
      if (!(error instanceof JsonScanError)) throw error;
      if (window.eof || error.offset < window.length - LOOKAHEAD) return undefined;
    }
    start -= window.more(start);
  }
}

function skipWhitespace(window: Window, at: number): number {
  let start = at;
  for (;;) {
    const end = afterWhitespace(window.view, start);
    if (end < window.length || window.eof) return end;
    start = end - window.more(end);
  }
}

/** A member's key and the start of its value, or `undefined` when the bytes are not that. */
function readKey(window: Window, at: number): { key: string; at: number } | undefined {
  const found = whole(window, at, stringEnd, (end) => end);
  if (found === undefined) return undefined;
  if (!validText(window.view.subarray(found.at, found.result))) return undefined;
  const key = stringText(window.text, found.at, found.result);
  const colon = skipWhitespace(window, found.result);
  if (window.view[colon] !== COLON) return undefined;
  return { key, at: skipWhitespace(window, colon + 1) };
}

/**
 * The members of the object at `at`, each handed to `member` with its key and
 * value start; `member` returns where the value ended, or `undefined` to give
 * up. Returns the index after the object.
 */
function eachMember(
  window: Window,
  at: number,
  member: (key: string, at: number) => number | undefined,
): number | undefined {
  if (window.view[at] !== OPEN_OBJECT) return undefined;
  let i = skipWhitespace(window, at + 1);
  if (window.view[i] === CLOSE_OBJECT) return i + 1;
  for (;;) {
    const key = readKey(window, i);
    if (key === undefined) return undefined;
    const end = member(key.key, key.at);
    if (end === undefined) return undefined;
    i = skipWhitespace(window, end);
    const byte = window.view[i];
    if (byte === CLOSE_OBJECT) return i + 1;
    if (byte !== COMMA) return undefined;
    i = skipWhitespace(window, i + 1);
  }
}

interface Plan {
  readonly retain: ReadonlySet<string>;
  readonly summaries: boolean;
  readonly linksTo: readonly string[];
  readonly entryOutline: OutlineRule;
}

const NOTHING_OUTLINED: OutlineRule = () => false;

function planFor(intent: ReadIntent): Plan {
  const summaries = intent.summaries === true;
  return {
    retain: new Set(intent.models ?? []),
    summaries,
    linksTo: [...new Set(intent.linksTo ?? [])],
    // The entry's own members for the shape check; `versions` for summaries.
    entryOutline: (path) =>
      path.length === 0 || (summaries && path.length === 1 && path[0] === 'versions'),
  };
}

/** `metadata` and `versions` may be missing or null, but nothing else than an object. */
function hasEntryShape(entry: ScannedValue): boolean {
  if (entry.first !== OPEN_OBJECT) return false;
  for (const { key, value } of entry.members ?? []) {
    if ((key === 'metadata' || key === 'versions') && value.first !== OPEN_OBJECT) {
      if (value.first !== NULL_START) return false;
    }
  }
  return true;
}

const ESCAPE = Buffer.from('\\u');

/** Whether the entry may hold a reference `"<model>:<version>"` (or one written with escapes). */
function mayReference(view: Buffer, entry: ScannedValue, model: string): boolean {
  const bytes = view.subarray(entry.start, entry.end);
  return bytes.indexOf(`"${model}:`) >= 0 || bytes.indexOf(ESCAPE) >= 0;
}

interface Models {
  entries: Map<string, StreamedEntry>;
  links: Map<string, Set<string>>;
}

function readModels(window: Window, at: number, plan: Plan, models: Models): number | undefined {
  return eachMember(window, at, (name, valueAt) => {
    if (nameProblem(name, 'model name') !== undefined) return undefined;
    const found = whole(
      window,
      valueAt,
      (view, start) => outlineValue(view, start, plan.entryOutline),
      (entry) => entry.end,
    );
    if (found === undefined || !hasEntryShape(found.result)) return undefined;
    const entry = found.result;
    const view = window.text;
    const bytes = window.view.subarray(entry.start, entry.end);
    if (!validText(bytes)) return undefined;
    models.entries.set(name, {
      start: window.base + entry.start,
      end: window.base + entry.end,
      bytes: plan.retain.has(name) ? Uint8Array.prototype.slice.call(bytes) : undefined,
      summary: plan.summaries ? summaryFromEntry(name, view, entry) : undefined,
    });
    for (const model of plan.linksTo) {
      if (model !== name && mayReference(view, entry, model)) models.links.get(model)?.add(name);
    }
    return entry.end;
  });
}

interface Document {
  readonly schemaVersion: RegistrySchemaVersion;
  readonly models: Models;
}

function readDocument(window: Window, plan: Plan): Document | undefined {
  while (window.length < 3 && !window.eof) window.more(0);
  const view = window.view;
  // A byte order mark, which JSON.parse's decoder would drop.
  const bom = view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf ? 3 : 0;
  let models: Models | undefined;
  let version: unknown;
  const start = skipWhitespace(window, bom);
  const end = eachMember(window, start, (key, at) => {
    if (key === 'models') {
      // A repeated key: the last one counts, as in JSON.parse.
      models = {
        entries: new Map(),
        links: new Map(plan.linksTo.map((model) => [model, new Set<string>()])),
      };
      return readModels(window, at, plan, models);
    }
    const found = whole(
      window,
      at,
      (bytes, from) => outlineValue(bytes, from, NOTHING_OUTLINED),
      (value) => value.end,
    );
    if (found === undefined) return undefined;
    const { result } = found;
    const bytes = window.text.subarray(result.start, result.end);
    if (!validText(bytes)) return undefined;
    if (key === 'version') {
      version = result.first === OPEN_OBJECT ? undefined : JSON.parse(bytes.toString('utf8'));
    }
    return result.end;
  });
  if (end === undefined) return undefined;
  const after = skipWhitespace(window, end);
  if (after < window.length || !window.eof) return undefined;
  // Not the wrapper form of a known schema: the whole-file path reads or refuses it.
  if (!(READABLE_SCHEMA_VERSIONS as readonly unknown[]).includes(version)) return undefined;
  return {
    schemaVersion: version as RegistrySchemaVersion,
    models: models ?? { entries: new Map(), links: new Map() },
  };
}

/**
 * The registry file read through one small buffer, keeping what `intent`
 * asks for (see the comment at the top); missing; or WHOLE_FILE.
 * `blockBytes`: how much is read at a time (tests make it tiny).
 */
export async function streamRegistryFile(
  file: string,
  options: ReadOptions,
  intent: ReadIntent,
  blockBytes = BLOCK_BYTES,
): Promise<StreamedRegistry | MissingFile | typeof WHOLE_FILE> {
  const opened = await openRegistryFile(file, options);
  if (!('handle' in opened)) return opened;
  const { handle, target, before } = opened;
  try {
    const window = new Window(handle.fd, blockBytes);
    window.more(0);
    const document = readDocument(window, planFor(intent));
    if (document === undefined) return WHOLE_FILE;
    const after = await handle.stat({ bigint: true });
    const identity = identityOf(after);
    const read = BigInt(window.base + window.length);
    if (!sameIdentity(identityOf(before), identity) || read !== after.size) return WHOLE_FILE;
    return {
      exists: true,
      target,
      identity,
      schemaVersion: document.schemaVersion,
      entries: document.models.entries,
      links: document.models.links,
    };
  } finally {
    await handle.close();
  }
}
