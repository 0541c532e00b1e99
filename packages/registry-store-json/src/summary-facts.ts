import { type ModelSummary, maxVersion, nameProblem, TimestampSchema } from '@afs/registry-core';
import type { FileIssue } from './corrupt.js';
import { decodeModelEntry } from './decode.js';
import { objectMembers, type ScannedValue } from './json-scan.js';

/*
 * A model's summary (what `afs registry list` shows) straight from the bytes
 * of its entry, without building its version records: listing a registry of
 * 10,000 versions otherwise converts and validates every one of them. The
 * parts the summary shows are checked as the full decode checks them (the
 * metadata, the version names, the deployed flags and times it compares);
 * anything unusual returns `undefined`, and the caller summarises the
 * decoded record instead, which reports a damaged entry as usual.
 */

const OPEN_OBJECT = 0x7b;
const NULL_START = 0x6e;
const TRUE_START = 0x74;
const FALSE_START = 0x66;
const QUOTE = 0x22;
const COLON = 0x3a;
const DEPLOYED_KEY = Buffer.from('"deployed"');
const TRUE = Buffer.from('true');
const ESCAPED_CHARACTER = Buffer.from('\\u');

function lastMembers(entry: ScannedValue): Map<string, ScannedValue> {
  const members = new Map<string, ScannedValue>();
  for (const { key, value } of entry.members ?? []) members.set(key, value);
  return members;
}

function parsed(bytes: Buffer, value: ScannedValue): unknown {
  return JSON.parse(bytes.toString('utf8', value.start, value.end));
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * The versions whose `deployed` member may be `true`: every such member
 * appears in the bytes as `"deployed"`, a colon and `true`, with only
 * whitespace between, unless the key is written with `\u` escapes (then
 * every version is a candidate). Booleans are rare in a version, so the
 * search is for `true`, looking back from each. Candidates are checked
 * exactly afterwards, so a `true` anywhere else costs only that check.
 */
function deployedCandidates(
  bytes: Buffer,
  versions: readonly ScannedValue[],
): Set<ScannedValue | undefined> {
  const first = versions[0];
  const last = versions[versions.length - 1];
  const candidates = new Set<ScannedValue | undefined>();
  if (first === undefined || last === undefined) return candidates;
  const region = bytes.subarray(first.start, last.end);
  if (region.indexOf(ESCAPED_CHARACTER) >= 0) return new Set(versions);
  let version = 0;
  for (let found = region.indexOf(TRUE); found >= 0; found = region.indexOf(TRUE, found + 1)) {
    let i = found - 1;
    while (isSpace(region[i])) i -= 1;
    if (region[i] !== COLON) continue;
    i -= 1;
    while (isSpace(region[i])) i -= 1;
    const keyStart = i + 1 - DEPLOYED_KEY.length;
    if (keyStart < 0 || !region.subarray(keyStart, i + 1).equals(DEPLOYED_KEY)) continue;
    const at = first.start + found;
    while ((versions[version]?.end ?? Number.POSITIVE_INFINITY) < at) version += 1;
    candidates.add(versions[version]);
  }
  return candidates;
}

interface Deployment {
  readonly deployed: boolean;
  readonly deployedAt: string | undefined;
}

/** The version's deployed flag and time as the decoded record has them, or `undefined` when unusual. */
function deploymentOf(bytes: Buffer, version: ScannedValue): Deployment | undefined {
  const [flag, at] = objectMembers(bytes, version.start, ['deployed', 'deployed_at']);
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
  const metadata = members.get('metadata');
  const issues: FileIssue[] = [];
  const decoded = decodeModelEntry(
    name,
    metadata === undefined ? {} : { metadata: parsed(buffer, metadata) },
    [],
    issues,
  );
  if (decoded === undefined) return undefined;

  const versionsNode = members.get('versions');
  // Keys go through a plain object so that they come out in the order the
  // decoded record's keys have (integer-like keys first), which decides ties.
  const byKey: Record<string, ScannedValue> = {};
  if (versionsNode !== undefined && versionsNode.first !== NULL_START) {
    if (versionsNode.first !== OPEN_OBJECT || versionsNode.members === undefined) return undefined;
    for (const { key, value } of versionsNode.members) {
      if (nameProblem(key, 'version') !== undefined || value.first !== OPEN_OBJECT) {
        return undefined;
      }
      byKey[key] = value;
    }
  }
  const keys = Object.keys(byKey);
  const values = keys.map((key) => byKey[key] as ScannedValue);
  const candidates = deployedCandidates(
    buffer,
    [...values].sort((a, b) => a.start - b.start),
  );

  let deployedVersion: string | undefined;
  let deployedAt = '';
  for (const [index, key] of keys.entries()) {
    const value = values[index] as ScannedValue;
    if (!candidates.has(value)) continue;
    const deployment = deploymentOf(buffer, value);
    if (deployment === undefined) return undefined;
    if (!deployment.deployed) continue;
    const at = deployment.deployedAt ?? '';
    if (deployedVersion === undefined || at > deployedAt) {
      deployedVersion = key;
      deployedAt = at;
    }
  }
  const { metadata: meta } = decoded.record;
  return {
    modelName: meta.modelName,
    description: meta.description,
    owner: meta.owner,
    tags: meta.tags,
    versionCount: keys.length,
    latestVersion: maxVersion(keys),
    deployedVersion,
    createdAt: meta.createdAt,
  };
}
