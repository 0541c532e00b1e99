import { type ModelSummary, maxVersion, nameProblem, TimestampSchema } from '@afs/registry-core';
import { decodeMetadata } from './decode.js';
import {
  afterWhitespace,
  type OutlineRule,
  outlineValue,
  type ScannedValue,
  stringEnd,
} from './json-scan.js';

/*
 * A model's summary (what `afs registry list` shows) straight from the bytes
 * of its entry, without building its version records: listing a registry of
 * 10,000 versions otherwise converts and validates every one of them. What
 * the summary is made of is checked as the full decode checks it (the
 * metadata, the version names, every version's deployed flag and time);
 * anything unusual returns `undefined`, and the caller summarises the
 * decoded record instead, which reports a damaged entry as usual. Damage in
 * fields a summary does not use (a version's metrics, say) is reported when
 * that model is read, as for any model a command does not read.
 */

const OPEN_OBJECT = 0x7b;
const NULL_START = 0x6e;
const TRUE_START = 0x74;
const FALSE_START = 0x66;
const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const DIGITS = /^\d+$/;

function lastMembers(entry: ScannedValue): Map<string, ScannedValue> {
  const members = new Map<string, ScannedValue>();
  for (const { key, value } of entry.members ?? []) members.set(key, value);
  return members;
}

function parsed(bytes: Buffer, value: ScannedValue): unknown {
  return JSON.parse(bytes.toString('utf8', value.start, value.end));
}

interface Deployment {
  readonly deployed: boolean;
  readonly deployedAt: string | undefined;
}

const NOT_DEPLOYED: Deployment = { deployed: false, deployedAt: undefined };
const KEY_PREFIX = Buffer.from('"deployed');
const AT_SUFFIX = Buffer.from('_at"');
const ESCAPE = Buffer.from('\\u');
const WHOLE_VERSION: OutlineRule = (path) => path.length === 0;

/** The version's deployed flag and time as the decoded record has them, or `undefined` when the schema refuses them. */
function deploymentOf(bytes: Buffer, version: ScannedValue): Deployment | undefined {
  const members = lastMembers(outlineValue(bytes, version.start, WHOLE_VERSION));
  const flag = members.get('deployed');
  const at = members.get('deployed_at');
  let deployed = false;
  if (flag !== undefined && flag.first !== NULL_START) {
    if (flag.first !== TRUE_START && flag.first !== FALSE_START) return undefined;
    deployed = flag.first === TRUE_START;
  }
  let deployedAt: string | undefined;
  if (at !== undefined && at.first !== NULL_START) {
    if (at.first !== QUOTE) return undefined;
    const value = parsed(bytes, at);
    if (!TimestampSchema.safeParse(value).success) return undefined;
    deployedAt = value as string;
  }
  return { deployed, deployedAt };
}

/** Whether `bytes` hold `word` at `at`. */
function holds(bytes: Buffer, at: number, word: Buffer): boolean {
  for (let k = 0; k < word.length; k += 1) if (bytes[at + k] !== word[k]) return false;
  return true;
}

/** Past the literal, or the string, that starts at `at`. */
function valueEnd(bytes: Buffer, at: number): number {
  const first = bytes[at];
  if (first === TRUE_START || first === NULL_START) return at + 4;
  if (first === FALSE_START) return at + 5;
  return stringEnd(bytes, at);
}

/**
 * Each version's deployed flag and time, reading few of them. Every
 * `deployed` and `deployed_at` member appears in the bytes as that key in
 * quotes, a colon and a value, unless the key is written with `\u` escapes
 * (then every version is read). Each such place is looked at: a value that
 * is neither false nor null makes its version one to read exactly (usually
 * only the deployed one), and a value the schema would refuse gives
 * `undefined`. A match that is not a member of a version (inside a string,
 * deeper down) costs at most an exact read, never a wrong answer.
 */
function deployments(
  bytes: Buffer,
  versions: readonly ScannedValue[],
): Map<ScannedValue, Deployment> | undefined {
  const found = new Map<ScannedValue, Deployment>();
  const first = versions[0];
  const last = versions[versions.length - 1];
  if (first === undefined || last === undefined) return found;
  const region = bytes.subarray(first.start, last.end);
  // Byte loops on a plain view: the scanner's loops are slower on a Buffer.
  const plain = new Uint8Array(region.buffer, region.byteOffset, region.byteLength);
  const toRead = new Set<ScannedValue>();
  if (region.indexOf(ESCAPE) >= 0) for (const version of versions) toRead.add(version);
  else {
    let index = 0;
    let at = region.indexOf(KEY_PREFIX);
    while (at >= 0) {
      let i = at + KEY_PREFIX.length;
      const isFlag = region[i] === QUOTE;
      let next = at + 1;
      if (isFlag || holds(region, i, AT_SUFFIX)) {
        i += isFlag ? 1 : AT_SUFFIX.length;
        i = afterWhitespace(plain, i);
        if (region[i] === COLON) {
          i = afterWhitespace(plain, i + 1);
          const value = region[i];
          if (value !== NULL_START && !(isFlag && value === FALSE_START)) {
            if (isFlag ? value !== TRUE_START : value !== QUOTE) return undefined;
            while ((versions[index]?.end ?? Number.POSITIVE_INFINITY) < first.start + at) {
              index += 1;
            }
            const version = versions[index];
            if (version !== undefined) toRead.add(version);
          }
          next = valueEnd(region, i);
        }
      }
      // The two keys usually sit side by side: look right there before searching.
      let j = afterWhitespace(plain, next);
      if (region[j] === COMMA) j = afterWhitespace(plain, j + 1);
      at = holds(region, j, KEY_PREFIX) ? j : region.indexOf(KEY_PREFIX, next);
    }
  }
  for (const version of versions) {
    const deployment = toRead.has(version) ? deploymentOf(bytes, version) : NOT_DEPLOYED;
    if (deployment === undefined) return undefined;
    found.set(version, deployment);
  }
  return found;
}

/**
 * The summary of the model entry at `entry` in `bytes` (outlined with its
 * members and the members of `versions`), or `undefined` when it has to come
 * from the decoded record.
 */
export function summaryFromEntry(
  name: string,
  bytes: Uint8Array,
  entry: ScannedValue,
): ModelSummary | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const members = lastMembers(entry);
  const metadataNode = members.get('metadata');
  const metadata = decodeMetadata(
    name,
    metadataNode === undefined ? undefined : parsed(buffer, metadataNode),
  );
  if (metadata === undefined) return undefined;

  const versionsNode = members.get('versions');
  const versions = new Map<string, ScannedValue>();
  let digitsOnly = false;
  if (versionsNode !== undefined && versionsNode.first !== NULL_START) {
    if (versionsNode.first !== OPEN_OBJECT || versionsNode.members === undefined) return undefined;
    for (const { key, value } of versionsNode.members) {
      if (nameProblem(key, 'version') !== undefined || value.first !== OPEN_OBJECT) {
        return undefined;
      }
      // A repeated key keeps its first place and its last value, as in an object.
      versions.set(key, value);
      digitsOnly ||= DIGITS.test(key);
    }
  }
  // The decoded record's keys come in object order, which puts integer-like
  // keys first; that order decides ties between deployed versions.
  const keys = digitsOnly ? Object.keys(Object.fromEntries(versions)) : [...versions.keys()];
  const byVersion = deployments(
    buffer,
    [...versions.values()].sort((a, b) => a.start - b.start),
  );
  if (byVersion === undefined) return undefined;
  let deployedVersion: string | undefined;
  let deployedAt = '';
  for (const key of keys) {
    const deployment = byVersion.get(versions.get(key) as ScannedValue) ?? NOT_DEPLOYED;
    if (!deployment.deployed) continue;
    const at = deployment.deployedAt ?? '';
    if (deployedVersion === undefined || at > deployedAt) {
      deployedVersion = key;
      deployedAt = at;
    }
  }
  return {
    modelName: metadata.modelName,
    description: metadata.description,
    owner: metadata.owner,
    tags: metadata.tags,
    versionCount: keys.length,
    latestVersion: maxVersion(keys),
    deployedVersion,
    createdAt: metadata.createdAt,
  };
}
