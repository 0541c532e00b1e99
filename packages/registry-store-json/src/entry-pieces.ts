import type { ModelRecord, ModelVersion } from '@afs/registry-core';
import { encodeModel, MODEL_ENTRY_LEVEL, VERSION_LEVEL } from './encode.js';
import { defineOwn, type JsonObject } from './json-value.js';
import { PreRendered, stringifyStable } from './stable-json.js';

/** One version as a commit wrote it: its validated record, its encoding and its bytes. */
export interface RenderedVersion {
  readonly record: ModelVersion;
  readonly raw: JsonObject;
  readonly bytes: Uint8Array;
}

export interface RenderedEntry {
  /** The encoded entry (what `encodeModel` gives). */
  readonly raw: JsonObject;
  /** Its text as it goes into the file, in order: the text around the versions, and each version's bytes. */
  readonly pieces: Uint8Array[];
  readonly versions: ReadonlyMap<string, RenderedVersion>;
}

// Marks where each version goes in the rendered entry. It cannot occur in
// rendered JSON otherwise: a NUL in keys or strings is always escaped.
const SLOT = '\u0000';

/**
 * A model entry encoded and rendered as `renderModelEntry` would, but as
 * pieces, so that a commit changing one version of many neither renders nor
 * copies the others: a version whose validated record is the very object in
 * `previous` (which `validateRecord` keeps for versions that did not change)
 * is taken from there as it is.
 */
export function renderEntryPieces(
  record: ModelRecord,
  raw: JsonObject | undefined,
  previous: ReadonlyMap<string, RenderedVersion> | undefined,
): RenderedEntry {
  const kept = (key: string, version: ModelVersion) => {
    const earlier = previous?.get(key);
    return earlier?.record === version ? earlier : undefined;
  };
  const encoded = encodeModel(record, raw, (key, version) => kept(key, version)?.raw);
  const encodedVersions = encoded.versions as JsonObject;
  const versions = new Map<string, RenderedVersion>();
  const slots: JsonObject = {};
  for (const key of Object.keys(encodedVersions)) {
    const version = record.versions[key] as ModelVersion;
    const versionRaw = encodedVersions[key] as JsonObject;
    versions.set(
      key,
      kept(key, version) ?? {
        record: version,
        raw: versionRaw,
        bytes: Buffer.from(stringifyStable(versionRaw, VERSION_LEVEL), 'utf8'),
      },
    );
    defineOwn(slots, key, new PreRendered(SLOT));
  }
  const around = stringifyStable({ ...encoded, versions: slots }, MODEL_ENTRY_LEVEL).split(SLOT);
  // stringifyStable writes the versions in sorted key order, which is the order of the slots.
  const order = Object.keys(slots).sort();
  const pieces: Uint8Array[] = [];
  around.forEach((text, index) => {
    pieces.push(Buffer.from(text, 'utf8'));
    const key = order[index];
    if (key !== undefined) pieces.push((versions.get(key) as RenderedVersion).bytes);
  });
  return { raw: encoded, pieces, versions };
}
