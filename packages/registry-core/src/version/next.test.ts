import { describe, expect, it } from 'vitest';
import { nextVersion } from './next.js';

describe('nextVersion', () => {
  it('auto-increments v1 → v2 → v3 by default', () => {
    expect(nextVersion([])).toBe('v1');
    expect(nextVersion(['v1'])).toBe('v2');
    expect(nextVersion(['v1', 'v2'])).toBe('v3');
    expect(nextVersion(['v9', 'v10'])).toBe('v11');
  });

  it('bumps minor: v2 → v2.1 → v2.2', () => {
    expect(nextVersion(['v1', 'v2'], 'minor')).toBe('v2.1');
    expect(nextVersion(['v2', 'v2.1'], 'minor')).toBe('v2.2');
    expect(nextVersion(['v1.0.0'], 'minor')).toBe('v1.1.0');
  });

  it('bumps patch: v1.0.0 → v1.0.1', () => {
    expect(nextVersion(['v1.0.0'], 'patch')).toBe('v1.0.1');
    expect(nextVersion(['v2'], 'patch')).toBe('v2.0.1');
  });

  it('bumps major keeping the shape: v1.2.3 → v2.0.0', () => {
    expect(nextVersion(['v1.2.3'], 'major')).toBe('v2.0.0');
    expect(nextVersion(['1.2.3'], 'major')).toBe('2.0.0');
  });

  it('ignores opaque versions and moves past a pre-release', () => {
    expect(nextVersion(['experimental'])).toBe('v1');
    expect(nextVersion(['experimental', 'v3'])).toBe('v4');
    expect(nextVersion(['v2.0.0-rc.1'], 'patch')).toBe('v2.0.1');
  });

  it('starts small for minor and patch bumps', () => {
    expect(nextVersion([], 'minor')).toBe('v0.1');
    expect(nextVersion([], 'patch')).toBe('v0.0.1');
  });
});
