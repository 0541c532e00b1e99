import { isRegistryError, ModelRegistry, type RegistryStore } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import type { Harness } from '../harness.js';

let now = Date.parse('2026-12-01T00:00:00.000Z');
/** Strictly increasing, so deployment order never depends on timer resolution. */
function clock(): Date {
  now += 1000;
  return new Date(now);
}

export function registrySuite(h: Harness<RegistryStore>): void {
  describe('ModelRegistry on this store', () => {
    it('registers, deploys, rolls back, scores and deletes end to end', async () => {
      const store = await h.open();
      const registry = new ModelRegistry({ store, clock });
      const v1 = await registry.registerModel({
        modelName: 'din',
        description: 'Assembly tutor',
        owner: 'lab',
        baseModel: 'Qwen2.5-3B',
        samples: 120,
        evaluationScores: { accuracy: 0.7, rougeL: 0.3, tool_use: 0.6 },
        trainingData: ['asm-qa'],
        gitCommit: 'abc123',
      });
      expect(v1.version).toBe('v1');
      const v2 = await registry.registerModel({ modelName: 'din', parentVersion: 'v1' });
      expect(v2.version).toBe('v2');
      await registry.registerModel({ modelName: 'farore', version: 'v1.0.0' });

      expect((await registry.listModels()).map((m) => [m.modelName, m.versionCount])).toEqual([
        ['din', 2],
        ['farore', 1],
      ]);
      expect((await registry.getLatest('din'))?.version).toBe('v2');

      await registry.setDeployed('din', 'v1');
      await registry.setDeployed('din', 'v2', true, { notes: 'canary' });
      expect((await registry.getDeployed('din'))?.version).toBe('v2');
      expect((await registry.getVersion('din', 'v1'))?.status).toBe('deprecated');
      await registry.rollback('din');
      expect((await registry.getDeployed('din'))?.version).toBe('v1');
      const history = await registry.getDeploymentHistory('din');
      expect(history.map((event) => [event.action, event.version, event.previousVersion])).toEqual([
        ['deploy', 'v1', undefined],
        ['deploy', 'v2', 'v1'],
        ['rollback', 'v1', 'v2'],
      ]);

      const scored = await registry.updateEvaluationScores('din', 'v2', {
        accuracy: 0.8,
        rouge_scores: { rouge1: 0.5 },
        custom_metric: 2,
      });
      expect(scored.evaluationScores).toMatchObject({
        accuracy: 0.8,
        rougeScores: { rouge1: 0.5 },
        customMetrics: { custom_metric: 2 },
      });
      const comparison = await registry.compareVersions('din', 'v1', 'v2');
      expect(comparison.metrics.find((m) => m.metric === 'accuracy')?.better).toBe('b');

      await registry.updateMetadata('din', { tags: ['tutor'] });
      expect((await registry.getModel('din'))?.metadata.tags).toEqual(['tutor']);

      await expect(registry.deleteVersion('din', 'v1')).rejects.toSatisfy((error) =>
        isRegistryError(error, 'VERSION_IN_USE'),
      );
      await registry.deleteVersion('din', 'v2');
      expect(Object.keys((await registry.getModel('din'))?.versions ?? {})).toEqual(['v1']);
      expect((await registry.getVersion('din', 'v1'))?.trainingDataSources).toEqual(['asm-qa']);
    });

    it('a refused operation leaves the store unchanged', async () => {
      const store = await h.open();
      const registry = new ModelRegistry({ store, clock });
      await registry.registerModel({ modelName: 'din', version: 'v1' });
      const before = (await store.read()).getModel('din');
      await expect(registry.registerModel({ modelName: 'din', version: 'v1' })).rejects.toSatisfy(
        (error) => isRegistryError(error, 'VERSION_EXISTS'),
      );
      await expect(registry.setDeployed('din', 'v9')).rejects.toSatisfy((error) =>
        isRegistryError(error, 'VERSION_NOT_FOUND'),
      );
      expect((await store.read()).getModel('din')).toEqual(before);
    });
  });
}
