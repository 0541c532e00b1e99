/** A version string understood as numbers: `v1`, `v2.1`, `1.2.3`, `v2.0.0-rc.1`. */
export interface NumericVersion {
  kind: 'numeric';
  raw: string;
  prefix: '' | 'v';
  /** Release components as exact integers (no precision loss on long digit runs). */
  release: bigint[];
  /** Semver pre-release identifiers; empty for a release. */
  prerelease: Array<bigint | string>;
}

/** Any other version string (`experimental`, `best-so-far`): kept, ordered by text. */
export interface OpaqueVersion {
  kind: 'opaque';
  raw: string;
}

export type ParsedVersion = NumericVersion | OpaqueVersion;

const NUMERIC = /^(v|V)?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Never throws: a string that is not numeric is an opaque version. */
export function parseVersion(raw: string): ParsedVersion {
  const match = NUMERIC.exec(raw);
  if (match === null) return { kind: 'opaque', raw };
  const [, prefix, release = '', prerelease] = match;
  return {
    kind: 'numeric',
    raw,
    prefix: prefix === undefined ? '' : 'v',
    release: release.split('.').map((part) => BigInt(part)),
    prerelease:
      prerelease === undefined
        ? []
        : prerelease.split('.').map((id) => (/^\d+$/.test(id) ? BigInt(id) : id)),
  };
}
