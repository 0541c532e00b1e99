import { ModelRegistry, type RegistryStore, STORE_SPECIFICATION_VERSION } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';

export function contractSuite(h: Harness<RegistryStore>): void {
  describe('contract shape', () => {
    it('declares the store specification, a name and its capabilities', async () => {
      const store = await h.open();
      expect(store.specificationVersion).toBe(STORE_SPECIFICATION_VERSION);
      expect(typeof store.name).toBe('string');
      expect(store.name.length).toBeGreaterThan(0);
      expect(store.capabilities).toEqual({
        persistent: expect.any(Boolean),
        crossProcess: expect.any(Boolean),
        detectsConflicts: expect.any(Boolean),
      });
      expect(typeof store.read).toBe('function');
      expect(typeof store.transact).toBe('function');
      if (store.close !== undefined) expect(typeof store.close).toBe('function');
    });

    it('is accepted by ModelRegistry', async () => {
      const store = await h.open();
      expect(new ModelRegistry({ store }).store).toBe(store);
    });
  });
}
