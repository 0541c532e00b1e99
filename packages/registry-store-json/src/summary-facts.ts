import { type ModelSummary, maxVersion, nameProblem, TimestampSchema } from '@afs/registry-core';
import { decodeMetadata } from './decode.js';
import type { NoteRule, ScannedValue } from './json-scan.js';

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
const DIGITS = /^\d+$/;

function lastMembers(entry: ScannedValue): Map<string, ScannedValue> {
  const members = new Map<string, ScannedValue>();
  for (const { key, value } of entry.members ?? []) members.set(key, value);
  return members;
}

function parsed(bytes: Buffer, value: ScannedValue): unknown {
  return JSON.parse(bytes.toString('utf8', value.start, value.end));
}

/** The keys noted in every version object while the entry is scanned (see `SUMMARY_NOTES`). */
const DEPLOYED_KEYS = [Buffer.from('"deployed"'), Buffer.from('"deployed_at"')];

/** For a scan whose summaries are wanted: note each version's deployed flag and time. */
export const SUMMARY_NOTES: NoteRule = (path) =>
  path.length === 2 && path[0] === 'versions' ? DEPLOYED_KEYS : undefined;

interface Deployment {
  readonly deployed: boolean;
  readonly deployedAt: string | undefined;
}

/**
 * The version's deployed flag and time as the decoded record has them, from
 * the values the scan noted; `undefined` when they are not what the schema
 * accepts (or a key was written with escapes, so one may have been missed).
 */
function deploymentOf(bytes: Buffer, version: ScannedValue): Deployment | undefined {
  if (version.notes === undefined || version.notesUnsure) return undefined;
  const [flag, at] = version.notes;
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
  let deployedVersion: string | undefined;
  let deployedAt = '';
  for (const key of keys) {
    const deployment = deploymentOf(buffer, versions.get(key) as ScannedValue);
    if (deployment === undefined) return undefined;
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
