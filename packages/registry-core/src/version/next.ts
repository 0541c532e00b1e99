import { compareVersions } from './compare.js';
import { type NumericVersion, parseVersion } from './parse.js';

export type VersionBump = 'major' | 'minor' | 'patch';
export const VERSION_BUMPS: readonly VersionBump[] = ['major', 'minor', 'patch'];

const FIRST: Record<VersionBump, string> = { major: 'v1', minor: 'v0.1', patch: 'v0.0.1' };

function format(prefix: string, release: bigint[]): string {
  return prefix + release.join('.');
}

function bumpRelease(release: bigint[], bump: VersionBump): bigint[] {
  const position = bump === 'major' ? 0 : bump === 'minor' ? 1 : 2;
  // Keep the shape people chose (`v2` stays one number, `v1.0.0` stays three),
  // but grow it when the bump needs a component it lacks (`v2` + minor = `v2.1`).
  const length = Math.max(release.length, position + 1);
  const next: bigint[] = [];
  for (let i = 0; i < length; i++) {
    const current = release[i] ?? 0n;
    next.push(i < position ? current : i === position ? current + 1n : 0n);
  }
  return next;
}

/**
 * The version to register next: one step above the greatest numeric version
 * (`v1 → v2`, minor `v2 → v2.1`, patch `v1.0.0 → v1.0.1`, major `v1.2.3 → v2.0.0`).
 * The result is always greater than every existing version.
 */
export function nextVersion(existing: Iterable<string>, bump: VersionBump = 'major'): string {
  let greatest: NumericVersion | undefined;
  for (const raw of existing) {
    const parsed = parseVersion(raw);
    if (
      parsed.kind === 'numeric' &&
      (greatest === undefined || compareVersions(raw, greatest.raw) > 0)
    ) {
      greatest = parsed;
    }
  }
  if (greatest === undefined) return FIRST[bump];
  // Raising one component of the greatest numeric version (earlier ones kept)
  // gives a number above every numeric version; opaque versions sort below all.
  return format(greatest.prefix, bumpRelease(greatest.release, bump));
}
