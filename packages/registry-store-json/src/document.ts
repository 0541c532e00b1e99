import { type ModelRecord, nameProblem } from '@afs/registry-core';
import {
  READABLE_SCHEMA_VERSIONS,
  type RegistrySchemaVersion,
  WRITTEN_SCHEMA_VERSION,
} from './constants.js';
import { corruptRegistry, type FileIssue, invalidRegistryContent } from './corrupt.js';
import { decodeModelEntry, type Path } from './decode.js';
import { fitsEntryDepth } from './entry-layout.js';
import type { ScannedValue } from './json-scan.js';
import { defineOwn, describeJsonValue, type JsonObject } from './json-value.js';
import { StoredModel } from './stored-model.js';

export interface RegistryDocument {
  readonly schemaVersion: RegistrySchemaVersion;
  /** The top-level keys of the wrapper form other than `models` (unknown keys are kept); `{}` for the bare form. */
  readonly top: JsonObject;
  /** Model entries by name, checked for shape only; each is decoded when first read. */
  readonly models: ReadonlyMap<string, StoredModel>;
}

/**
 * One value of a registry document as the shape check sees it: already
 * parsed (an import's JSON), or a place in the file's bytes that is parsed
 * only when its value is needed.
 */
interface DocumentNode {
  readonly kind: 'object' | 'null' | 'other';
  value(): unknown;
  /** An object's members; for a repeated key the last value wins, as in JSON.parse. */
  members(): ReadonlyMap<string, DocumentNode>;
}

function kindOf(value: unknown): DocumentNode['kind'] {
  if (value === null) return 'null';
  return typeof value === 'object' && !Array.isArray(value) ? 'object' : 'other';
}

class ParsedNode implements DocumentNode {
  readonly kind: DocumentNode['kind'];
  readonly #value: unknown;

  constructor(value: unknown) {
    this.#value = value;
    this.kind = kindOf(value);
  }

  value(): unknown {
    return this.#value;
  }

  members(): ReadonlyMap<string, DocumentNode> {
    const object = this.#value as JsonObject;
    return new Map(Object.keys(object).map((key) => [key, new ParsedNode(object[key])]));
  }
}

const OPEN_OBJECT = 0x7b;
const NULL_START = 0x6e;

class ScannedNode implements DocumentNode {
  readonly kind: DocumentNode['kind'];
  readonly bytes: Uint8Array;
  readonly scanned: ScannedValue;

  constructor(bytes: Uint8Array, scanned: ScannedValue) {
    this.bytes = bytes;
    this.scanned = scanned;
    // The scan checked the syntax: `{` starts an object, `n` can only be null.
    this.kind =
      scanned.first === OPEN_OBJECT ? 'object' : scanned.first === NULL_START ? 'null' : 'other';
  }

  value(): unknown {
    const { start, end } = this.scanned;
    const buffer = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    return JSON.parse(buffer.toString('utf8', start, end));
  }

  members(): ReadonlyMap<string, DocumentNode> {
    if (this.scanned.members === undefined) {
      throw new Error('The scan did not outline this object: see REGISTRY_OUTLINE.');
    }
    const members = new Map<string, DocumentNode>();
    for (const { key, value } of this.scanned.members) {
      members.set(key, new ScannedNode(this.bytes, value));
    }
    return members;
  }
}

const KNOWN_VERSIONS = `${READABLE_SCHEMA_VERSIONS.map((v) => `"${v}"`).join(', ')} and the older bare {model: {...}} dictionary`;

function schemaVersionOf(
  members: ReadonlyMap<string, DocumentNode>,
  file: string,
): RegistrySchemaVersion {
  const node = members.get('version');
  // A bare dictionary may hold a model called "version".
  if (node === undefined || node.kind === 'object') return 'bare';
  const version = node.value();
  if (
    typeof version === 'string' &&
    (READABLE_SCHEMA_VERSIONS as readonly string[]).includes(version)
  ) {
    return version as RegistrySchemaVersion;
  }
  throw corruptRegistry(
    file,
    `its schema version ${JSON.stringify(version)} is unknown; this package reads ${KNOWN_VERSIONS} and writes "${WRITTEN_SCHEMA_VERSION}". If a newer AFS release wrote the file, upgrade @afs/registry-store-json`,
    { schemaVersion: version },
  );
}

/** `metadata` and `versions` may be missing or null (defaults apply), but nothing else than an object. */
function checkMember(
  members: ReadonlyMap<string, DocumentNode>,
  key: string,
  path: Path,
  issues: FileIssue[],
): void {
  const node = members.get(key);
  if (node !== undefined && node.kind === 'other') {
    issues.push({
      path: [...path, key],
      message: `expected an object, got ${describeJsonValue(node.value())}`,
    });
  }
}

/**
 * The shape of a registry document (schema "1.0", "2.0" or the bare models
 * dictionary): a top-level object of a known schema version, `models` an
 * object, every key a valid model name (so never `__proto__`), every entry an
 * object whose `metadata` and `versions` are objects. Anything else is a
 * `CORRUPT_REGISTRY` error naming `file` and the path of each problem. What
 * is inside the entries is checked per model, when it is read.
 */
function checkShape(
  root: DocumentNode,
  file: string,
  storedModel: (name: string, entry: DocumentNode, path: Path, wrapped: boolean) => StoredModel,
): RegistryDocument {
  if (root.kind !== 'object') {
    throw corruptRegistry(
      file,
      `the top level is ${describeJsonValue(root.value())}, but a registry is an object like {"version": "${WRITTEN_SCHEMA_VERSION}", "models": {...}}`,
    );
  }
  const rootMembers = root.members();
  const schemaVersion = schemaVersionOf(rootMembers, file);
  const wrapped = schemaVersion !== 'bare';
  const models = wrapped ? rootMembers.get('models') : root;
  if (models !== undefined && models.kind === 'other') {
    throw invalidRegistryContent(file, [
      {
        path: ['models'],
        message: `expected an object of models, got ${describeJsonValue(models.value())}`,
      },
    ]);
  }
  const entries = models?.kind === 'object' ? models.members() : new Map<string, DocumentNode>();
  const issues: FileIssue[] = [];
  const stored = new Map<string, StoredModel>();
  for (const [name, entry] of entries) {
    const path = wrapped ? ['models', name] : [name];
    const problem = nameProblem(name, 'model name');
    if (problem !== undefined) {
      issues.push({ path, message: problem });
      continue;
    }
    if (entry.kind !== 'object') {
      issues.push({
        path,
        message: `expected an object with "metadata" and "versions", got ${describeJsonValue(entry.value())}`,
      });
      continue;
    }
    const members = entry.members();
    checkMember(members, 'metadata', path, issues);
    checkMember(members, 'versions', path, issues);
    stored.set(name, storedModel(name, entry, path, wrapped));
  }
  if (issues.length > 0) throw invalidRegistryContent(file, issues);
  const top: JsonObject = {};
  if (wrapped) {
    for (const [key, node] of rootMembers) if (key !== 'models') defineOwn(top, key, node.value());
  }
  return { schemaVersion, top, models: stored };
}

/**
 * A registry document from its parsed JSON (an import's source), checked for
 * shape as described at `checkShape`.
 */
export function decodeRegistryDocument(json: unknown, file: string): RegistryDocument {
  return checkShape(
    new ParsedNode(json),
    file,
    (name, entry, path) => new StoredModel(name, path, () => entry.value() as JsonObject),
  );
}

/**
 * A registry document from the file's bytes and their outline (see
 * `scanRegistryBytes`), checked for shape. A model entry is parsed from its
 * bytes when it is first used, and an entry laid out for the depth where
 * this store writes entries is kept as its exact bytes, for commits that do
 * not change it.
 */
export function documentFromBytes(
  bytes: Uint8Array,
  outline: ScannedValue,
  file: string,
): RegistryDocument {
  return checkShape(new ScannedNode(bytes, outline), file, (name, entry, path, wrapped) => {
    const { scanned } = entry as ScannedNode;
    // Entries of the bare form sit one level higher: indented again on the first commit.
    const text =
      wrapped && fitsEntryDepth(bytes, scanned)
        ? bytes.subarray(scanned.start, scanned.end)
        : undefined;
    return new StoredModel(name, path, () => entry.value() as JsonObject, text);
  });
}

/**
 * Every model of a document, decoded and validated at once (for imports,
 * which refuse a source with any bad model). The records are new objects.
 */
export function decodeEveryModel(
  document: RegistryDocument,
  file: string,
): Map<string, ModelRecord> {
  const issues: FileIssue[] = [];
  const records = new Map<string, ModelRecord>();
  for (const [name, model] of document.models) {
    const decoded = decodeModelEntry(name, model.raw, model.path, issues);
    if (decoded !== undefined) records.set(name, decoded.record);
  }
  if (issues.length > 0) throw invalidRegistryContent(file, issues);
  return records;
}
