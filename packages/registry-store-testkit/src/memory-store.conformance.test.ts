import { createMemoryStore } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { applicableSuites, describeStoreConformance } from './index.js';

describeStoreConformance('memory', () => createMemoryStore());

describe('suite selection', () => {
  it('runs only the groups the declared capabilities call for', () => {
    const none = { persistent: false, crossProcess: false, detectsConflicts: false };
    expect(applicableSuites(none, false)).not.toContain('persistence');
    expect(applicableSuites({ ...none, persistent: true }, false)).not.toContain('persistence');
    expect(applicableSuites({ ...none, persistent: true }, true)).toContain('persistence');
    expect(applicableSuites({ ...none, detectsConflicts: true }, true)).toContain('conflicts');
    const locked = { persistent: true, crossProcess: true, detectsConflicts: true };
    expect(applicableSuites(locked, true)).toContain('cross-process');
    expect(applicableSuites(locked, true)).not.toContain('conflicts');
  });
});
