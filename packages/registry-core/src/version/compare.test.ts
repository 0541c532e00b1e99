import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, maxVersion, sortVersions } from './compare.js';
import { nextVersion } from './next.js';
import { parseVersion } from './parse.js';

describe('parseVersion', () => {
  it('reads prefixed, bare and pre-release versions as numbers', () => {
    expect(parseVersion('v2.1')).toMatchObject({ kind: 'numeric', prefix: 'v', release: [2n, 1n] });
    expect(parseVersion('1.2.3')).toMatchObject({
      kind: 'numeric',
      prefix: '',
      release: [1n, 2n, 3n],
    });
    expect(parseVersion('v2.0.0-rc.1')).toMatchObject({ prerelease: ['rc', 1n] });
  });

  it('keeps any other string as an opaque version', () => {
    expect(parseVersion('experimental')).toEqual({ kind: 'opaque', raw: 'experimental' });
    expect(parseVersion('v1..2')).toEqual({ kind: 'opaque', raw: 'v1..2' });
  });

  it('keeps digit runs longer than a double can hold exact', () => {
    const parsed = parseVersion('v123456789012345678901234567890');
    expect(parsed.kind === 'numeric' && parsed.release[0]).toBe(123456789012345678901234567890n);
  });
});

describe('compareVersions', () => {
  it('orders by number, not text', () => {
    expect(sortVersions(['v10', 'v9', 'v2.1', 'v2', 'v1'])).toEqual([
      'v1',
      'v2',
      'v2.1',
      'v9',
      'v10',
    ]);
  });

  it('sorts a pre-release before its release', () => {
    expect(sortVersions(['v2.0.0', 'v2.0.0-rc.1', 'v2.0.0-beta', 'v1.9.9'])).toEqual([
      'v1.9.9',
      'v2.0.0-beta',
      'v2.0.0-rc.1',
      'v2.0.0',
    ]);
    expect(compareVersions('1.0.0-alpha', '1.0.0-alpha.1')).toBe(-1);
    expect(compareVersions('1.0.0-alpha.beta', '1.0.0-alpha.1')).toBe(1);
    expect(compareVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBe(-1);
  });

  it('puts opaque versions before numeric ones, in text order', () => {
    expect(sortVersions(['v1', 'zeta', 'experimental'])).toEqual(['experimental', 'zeta', 'v1']);
    expect(maxVersion(['experimental', 'v3', 'v1'])).toBe('v3');
    expect(maxVersion([])).toBeUndefined();
  });

  it('tells apart numerically equal spellings deterministically', () => {
    expect(sortVersions(['v2.0', '2', 'v2'])).toEqual(['2', 'v2', 'v2.0']);
  });

  const anyVersion = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc
      .tuple(
        fc.constantFrom('', 'v'),
        fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }),
        fc.option(
          fc.array(fc.oneof(fc.nat({ max: 5 }), fc.constantFrom('rc', 'alpha', 'beta')), {
            minLength: 1,
            maxLength: 3,
          }),
        ),
      )
      .map(
        ([prefix, release, pre]) =>
          `${prefix}${release.join('.')}${pre ? `-${pre.join('.')}` : ''}`,
      ),
  );

  it('is a total order: antisymmetric, transitive, equal only for equal strings', () => {
    fc.assert(
      fc.property(anyVersion, anyVersion, anyVersion, (a, b, c) => {
        expect(Math.sign(compareVersions(a, b)) + Math.sign(compareVersions(b, a))).toBe(0);
        expect(compareVersions(a, b) === 0).toBe(a === b);
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) {
          expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('maxVersion is the last of the sorted versions (plain numbers take a shortcut)', () => {
    const plain = fc
      .tuple(fc.constantFrom('', 'v', 'V'), fc.oneof(fc.nat({ max: 40 }), fc.nat()))
      .map(([prefix, n]) => `${prefix}${n}`);
    const padded = fc.nat({ max: 40 }).map((n) => `v0${n}`);
    const huge = fc.bigInt({ min: 10n ** 14n, max: 10n ** 17n }).map((n) => `v${n}`);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(plain, padded, huge, anyVersion), { maxLength: 15 }),
        (versions) => {
          expect(maxVersion(versions)).toBe(sortVersions(versions).at(-1));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('sorting is independent of input order', () => {
    fc.assert(
      fc.property(fc.array(anyVersion, { maxLength: 12 }), (versions) => {
        expect(sortVersions([...versions].reverse())).toEqual(sortVersions(versions));
      }),
    );
  });

  it('nextVersion is greater than every existing version, for every bump', () => {
    fc.assert(
      fc.property(
        fc.array(anyVersion, { maxLength: 10 }),
        fc.constantFrom('major', 'minor', 'patch'),
        (existing, bump) => {
          const next = nextVersion(existing, bump as 'major' | 'minor' | 'patch');
          for (const version of existing) expect(compareVersions(next, version)).toBe(1);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
