import { isRegistryError } from '@afs/registry-core';
import { describeStoreConformance } from '@afs/registry-store-testkit';
import { describe, expect, it } from 'vitest';
import { InMemoryKeyValueService } from './key-value-service.js';
import { createKeyValueStore } from './key-value-store.js';

describeStoreConformance(
  'key-value example',
  () => createKeyValueStore({ service: new InMemoryKeyValueService() }),
  // Same service, new store instance: as if another process connected.
  { reopen: (store) => createKeyValueStore({ service: store.service, key: store.key }) },
);

describe('the key-value example store', () => {
  it('refuses stored text that is not a registry', async () => {
    const service = new InMemoryKeyValueService();
    await service.compareAndSet('afs-registry', 0, '{"din": {"metadata": 5}}');
    await expect(createKeyValueStore({ service }).read()).rejects.toSatisfy((error) =>
      isRegistryError(error, 'CORRUPT_REGISTRY'),
    );
  });
});
