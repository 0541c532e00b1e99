import { type NumericVersion, type ParsedVersion, parseVersion } from './parse.js';

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `v2` and `v2.0` are the same number; missing components count as zero. */
function compareRelease(a: bigint[], b: bigint[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareBig(a[i] ?? 0n, b[i] ?? 0n);
    if (order !== 0) return order;
  }
  return 0;
}

/** Semver precedence: a pre-release sorts before its release; numeric ids before text ids. */
function comparePrerelease(
  a: NumericVersion['prerelease'],
  b: NumericVersion['prerelease'],
): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] as bigint | string;
    const y = b[i] as bigint | string;
    if (typeof x === 'bigint' && typeof y === 'bigint') {
      const order = compareBig(x, y);
      if (order !== 0) return order;
    } else if (typeof x === 'bigint') {
      return -1;
    } else if (typeof y === 'bigint') {
      return 1;
    } else {
      const order = compareText(x, y);
      if (order !== 0) return order;
    }
  }
  return a.length - b.length;
}

/**
 * Total order over version strings: opaque versions (`experimental`) first, in
 * text order, then numeric versions by number and semver pre-release rules.
 * Strings that are numerically equal (`v2`, `2`, `v2.0`) are ordered by
 * length and then text, so only identical strings compare equal.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  return compareParsed(parseVersion(a), parseVersion(b));
}

function compareParsed(x: ParsedVersion, y: ParsedVersion): number {
  const a = x.raw;
  const b = y.raw;
  if (a === b) return 0;
  if (x.kind !== y.kind) return x.kind === 'opaque' ? -1 : 1;
  if (x.kind === 'numeric' && y.kind === 'numeric') {
    const order =
      compareRelease(x.release, y.release) || comparePrerelease(x.prerelease, y.prerelease);
    if (order !== 0) return Math.sign(order);
    if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  }
  return compareText(a, b);
}

/** Each version parsed once: listing a model of 10,000 versions sorts or scans them all. */
export function sortVersions(versions: Iterable<string>): string[] {
  return [...versions]
    .map(parseVersion)
    .sort(compareParsed)
    .map((parsed) => parsed.raw);
}

/** `v12`, `V12` or `12`, no leading zero, at most 15 digits: exact as a Number. */
const PLAIN_NUMBER = /^[vV]?(?:0|[1-9]\d{0,14})$/;

/** The number of a plain numeric version, or -1 for any other. */
function plainNumber(version: string): number {
  if (!PLAIN_NUMBER.test(version)) return -1;
  const code = version.charCodeAt(0);
  return Number(code === 0x76 || code === 0x56 ? version.slice(1) : version);
}

/**
 * The greatest version in the registry's order, or `undefined` for none.
 * Plain numeric versions (nearly all of a big registry) are compared as
 * numbers without parsing: the result is the same as with compareVersions.
 */
export function maxVersion(versions: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestNumber = -1;
  let bestParsed: ParsedVersion | undefined;
  for (const version of versions) {
    const number = plainNumber(version);
    let greater: boolean;
    if (best === undefined) greater = true;
    else if (number >= 0 && bestNumber >= 0 && number !== bestNumber) greater = number > bestNumber;
    else {
      bestParsed ??= parseVersion(best);
      greater = compareParsed(parseVersion(version), bestParsed) > 0;
    }
    if (greater) {
      best = version;
      bestNumber = number;
      bestParsed = undefined;
    }
  }
  return best;
}
