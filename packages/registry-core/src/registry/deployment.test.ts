import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCode } from '../../test/expect-code.js';
import { isRegistryError } from '../errors.js';
import {
  type ModelRecord,
  type ModelRecordInput,
  ModelRecordSchema,
  type ModelVersionInput,
} from '../schema/records.js';
import { VERSION_STATUSES, type VersionStatus } from '../schema/status.js';
import { createMemoryStore } from '../store/memory-store.js';
import {
  deployedVersionOf,
  deployInRecord,
  rollbackTarget,
  undeployInRecord,
} from './deployment.js';
import { ModelRegistry } from './model-registry.js';

/** 2026-01-01T00:00:00Z on the first call, one minute later on every further call. */
function steppingClock() {
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  let calls = 0;
  return {
    clock: () => new Date(start + 60_000 * calls++),
    at: (n: number) => new Date(start + 60_000 * n).toISOString(),
  };
}

function setup(initial: readonly ModelRecordInput[] = []) {
  const { clock, at } = steppingClock();
  const registry = new ModelRegistry({ store: createMemoryStore({ initial }), clock });
  return { registry, at };
}

/** A registry holding model `m` with versions v1..v{count}; clock calls 0..count-1 are used. */
async function withVersions(count: number) {
  const context = setup();
  for (let i = 0; i < count; i++) await context.registry.registerModel({ modelName: 'm' });
  return context;
}

async function deployedVersions(registry: ModelRegistry, name = 'm'): Promise<string[]> {
  return (await registry.listVersions(name)).filter((v) => v.deployed).map((v) => v.version);
}

function version(v: string, extra: Partial<ModelVersionInput> = {}): ModelVersionInput {
  return { modelName: 'legacy', version: v, ...extra };
}

/** A legacy file: two versions both marked deployed, v2 the more recently deployed. */
const legacyRecord: ModelRecordInput = {
  metadata: { modelName: 'legacy' },
  versions: {
    v1: version('v1', { status: 'deployed', deployed: true, deployedAt: '2025-01-01T00:00:00Z' }),
    v2: version('v2', { status: 'deployed', deployed: true, deployedAt: '2025-02-01T00:00:00Z' }),
    v3: version('v3', { status: 'completed' }),
  },
};

describe('changeDeployment', () => {
  it('says which version a deploy or a rollback replaced, from the same transaction', async () => {
    const { registry } = await withVersions(3);
    const first = await registry.changeDeployment('m', { action: 'deploy', version: 'v1' });
    expect(first.deployed).toMatchObject({ version: 'v1', deployed: true });
    expect(first.previousVersion).toBeUndefined();
    const second = await registry.changeDeployment('m', { action: 'deploy', version: 'v3' });
    expect(second.previousVersion).toBe('v1');
    const again = await registry.changeDeployment('m', { action: 'deploy', version: 'v3' });
    expect(again.previousVersion).toBeUndefined();
    const back = await registry.changeDeployment('m', { action: 'rollback', notes: 'bad eval' });
    expect(back.deployed).toMatchObject({ version: 'v1', deploymentNotes: 'bad eval' });
    expect(back.previousVersion).toBe('v3');
    const history = await registry.getDeploymentHistory('m');
    expect(history.map((e) => [e.action, e.version, e.previousVersion])).toEqual([
      ['deploy', 'v1', undefined],
      ['deploy', 'v3', 'v1'],
      ['rollback', 'v1', 'v3'],
    ]);
  });

  it('rolls back to a named version', async () => {
    const { registry } = await withVersions(3);
    await registry.setDeployed('m', 'v3');
    const change = await registry.changeDeployment('m', { action: 'rollback', version: 'v2' });
    expect(change).toMatchObject({ deployed: { version: 'v2' }, previousVersion: 'v3' });
    expect(await deployedVersions(registry)).toEqual(['v2']);
  });
});

describe('setDeployed', () => {
  it('deploys a version, stamping it and recording the event', async () => {
    const { registry, at } = await withVersions(2);
    const deployed = await registry.setDeployed('m', 'v1', true, { notes: 'first rollout' }); // t2
    expect(deployed).toMatchObject({
      version: 'v1',
      status: 'deployed',
      deployed: true,
      deployedAt: at(2),
      deploymentNotes: 'first rollout',
    });
    expect(await registry.getDeployed('m')).toEqual(deployed);
    expect(await registry.getDeploymentHistory('m')).toEqual([
      { version: 'v1', action: 'deploy', at: at(2), notes: 'first rollout' },
    ]);
  });

  it('deploying auto-deprecates the previously deployed version', async () => {
    const { registry, at } = await withVersions(3);
    await registry.setDeployed('m', 'v1'); // t3
    const v2 = await registry.setDeployed('m', 'v2'); // t4
    expect(v2).toMatchObject({ status: 'deployed', deployed: true, deployedAt: at(4) });
    expect(await registry.getVersion('m', 'v1')).toMatchObject({
      status: 'deprecated',
      deployed: false,
    });
    expect(await deployedVersions(registry)).toEqual(['v2']);
    expect((await registry.getVersion('m', 'v3'))?.status).toBe('draft');
    expect(await registry.getDeploymentHistory('m')).toEqual([
      { version: 'v1', action: 'deploy', at: at(3) },
      { version: 'v2', action: 'deploy', at: at(4), previousVersion: 'v1' },
    ]);
  });

  it('deploying the deployed version again records nothing', async () => {
    const { registry, at } = await withVersions(1);
    await registry.setDeployed('m', 'v1'); // t1
    const again = await registry.setDeployed('m', 'v1');
    expect(again.deployedAt).toBe(at(1));
    expect(await registry.getDeploymentHistory('m')).toHaveLength(1);
  });

  it('undeploys a version (deployed = false) and records the event', async () => {
    const { registry, at } = await withVersions(2);
    await registry.setDeployed('m', 'v2'); // t2
    const undeployed = await registry.setDeployed('m', 'v2', false, { notes: 'incident' }); // t3
    expect(undeployed).toMatchObject({ status: 'deprecated', deployed: false });
    expect(await registry.getDeployed('m')).toBeUndefined();
    expect(await registry.getDeploymentHistory('m')).toEqual([
      { version: 'v2', action: 'deploy', at: at(2) },
      { version: 'v2', action: 'undeploy', at: at(3), notes: 'incident' },
    ]);
  });

  it('undeploying a version that is not deployed changes nothing', async () => {
    const { registry } = await withVersions(2);
    await registry.setDeployed('m', 'v1');
    const v2 = await registry.setDeployed('m', 'v2', false);
    expect(v2).toMatchObject({ status: 'draft', deployed: false });
    expect(await deployedVersions(registry)).toEqual(['v1']);
    expect(await registry.getDeploymentHistory('m')).toHaveLength(1);
  });

  it('refuses unknown models and versions', async () => {
    const { registry } = await withVersions(2);
    const error = await expectCode(registry.setDeployed('m', 'v9'), 'VERSION_NOT_FOUND');
    expect(error.message).toContain('Known versions: v1, v2.');
    await expectCode(registry.setDeployed('m', 'v9', false), 'VERSION_NOT_FOUND');
    await expectCode(registry.setDeployed('ghost', 'v1'), 'MODEL_NOT_FOUND');
    expect(await registry.getDeploymentHistory('m')).toEqual([]);
  });

  it('refuses a version that is not a valid name with INVALID_INPUT, like every other operation', async () => {
    const { registry } = await withVersions(1);
    await expectCode(registry.setDeployed('m', '../v1'), 'INVALID_INPUT');
    await expectCode(registry.setDeployed('m', 'constructor', false), 'INVALID_INPUT');
    await expectCode(registry.rollback('m', '__proto__'), 'INVALID_INPUT');
  });
});

describe('rollback', () => {
  it('without a version returns to the version deployed before the current one', async () => {
    const { registry, at } = await withVersions(3);
    await registry.setDeployed('m', 'v1'); // t3
    await registry.setDeployed('m', 'v2'); // t4
    await registry.setDeployed('m', 'v3'); // t5
    const back = await registry.rollback('m', undefined, { notes: 'regression' }); // t6
    expect(back).toMatchObject({
      version: 'v2',
      status: 'deployed',
      deployed: true,
      deployedAt: at(6),
      deploymentNotes: 'regression',
    });
    expect(await registry.getVersion('m', 'v3')).toMatchObject({
      status: 'deprecated',
      deployed: false,
    });
    expect((await registry.getDeploymentHistory('m')).at(-1)).toEqual({
      version: 'v2',
      action: 'rollback',
      at: at(6),
      previousVersion: 'v3',
      notes: 'regression',
    });
  });

  it('rolling back twice toggles back', async () => {
    const { registry } = await withVersions(2);
    await registry.setDeployed('m', 'v1');
    await registry.setDeployed('m', 'v2');
    expect((await registry.rollback('m')).version).toBe('v1');
    expect((await registry.rollback('m')).version).toBe('v2');
    expect((await registry.rollback('m')).version).toBe('v1');
    expect(await deployedVersions(registry)).toEqual(['v1']);
    expect((await registry.getDeploymentHistory('m')).map((e) => e.action)).toEqual([
      'deploy',
      'deploy',
      'rollback',
      'rollback',
      'rollback',
    ]);
  });

  it('with a version redeploys that one, recorded as a rollback', async () => {
    const { registry, at } = await withVersions(3);
    await registry.setDeployed('m', 'v2'); // t3
    await registry.setDeployed('m', 'v3'); // t4
    const target = await registry.rollback('m', 'v1'); // t5
    expect(target).toMatchObject({ version: 'v1', deployed: true, status: 'deployed' });
    expect(await deployedVersions(registry)).toEqual(['v1']);
    expect((await registry.getDeploymentHistory('m')).at(-1)).toEqual({
      version: 'v1',
      action: 'rollback',
      at: at(5),
      previousVersion: 'v3',
    });
    await expectCode(registry.rollback('m', 'v9'), 'VERSION_NOT_FOUND');
  });

  it('with no history is NO_ROLLBACK_TARGET, naming the way out', async () => {
    const { registry } = await withVersions(2);
    const error = await expectCode(registry.rollback('m'), 'NO_ROLLBACK_TARGET');
    expect(error.message).toContain('"m"');
    expect(error.message).toContain('rollback("m", "<version>")');
    await registry.setDeployed('m', 'v1');
    // Deployed, but nothing was deployed before it.
    const first = await expectCode(registry.rollback('m'), 'NO_ROLLBACK_TARGET');
    expect(first.details).toMatchObject({ modelName: 'm', currentVersion: 'v1' });
    await expectCode(registry.rollback('ghost'), 'MODEL_NOT_FOUND');
  });

  it('is NO_ROLLBACK_TARGET when the previous version was deleted', async () => {
    const { registry } = await withVersions(2);
    await registry.setDeployed('m', 'v1');
    await registry.setDeployed('m', 'v2');
    await registry.deleteVersion('m', 'v1');
    const error = await expectCode(registry.rollback('m'), 'NO_ROLLBACK_TARGET');
    expect(error.message).toContain('"v1"');
    expect(error.message).toContain('deleted');
    expect(error.details).toMatchObject({ missingVersion: 'v1' });
    expect(await deployedVersions(registry)).toEqual(['v2']);
  });

  it('after an undeploy, with nothing deployed, redeploys the one last taken down', async () => {
    const { registry, at } = await withVersions(3);
    await registry.setDeployed('m', 'v1'); // t3
    await registry.setDeployed('m', 'v2'); // t4
    await registry.setDeployed('m', 'v2', false); // t5
    expect(await registry.getDeployed('m')).toBeUndefined();
    const back = await registry.rollback('m'); // t6
    expect(back).toMatchObject({ version: 'v2', deployed: true, status: 'deployed' });
    expect((await registry.getDeploymentHistory('m')).at(-1)).toEqual({
      version: 'v2',
      action: 'rollback',
      at: at(6),
    });
  });

  it('after an undeploy whose version was deleted, is NO_ROLLBACK_TARGET', async () => {
    const { registry } = await withVersions(2);
    await registry.setDeployed('m', 'v2');
    await registry.setDeployed('m', 'v2', false);
    await registry.deleteVersion('m', 'v2');
    await expectCode(registry.rollback('m'), 'NO_ROLLBACK_TARGET');
  });

  it('uses the newest deployment of the current version', async () => {
    const { registry } = await withVersions(3);
    await registry.setDeployed('m', 'v1');
    await registry.setDeployed('m', 'v2'); // previous v1
    await registry.setDeployed('m', 'v3'); // previous v2
    await registry.setDeployed('m', 'v2'); // previous v3
    expect((await registry.rollback('m')).version).toBe('v3');
  });
});

describe('setStatus', () => {
  it("'deployed' deploys the version and deprecates the previous one", async () => {
    const { registry, at } = await withVersions(2);
    await registry.setDeployed('m', 'v1'); // t2
    const v2 = await registry.setStatus('m', 'v2', 'deployed'); // t3
    expect(v2).toMatchObject({ status: 'deployed', deployed: true, deployedAt: at(3) });
    expect(await registry.getVersion('m', 'v1')).toMatchObject({
      status: 'deprecated',
      deployed: false,
    });
    expect((await registry.getDeploymentHistory('m')).at(-1)).toEqual({
      version: 'v2',
      action: 'deploy',
      at: at(3),
      previousVersion: 'v1',
    });
  });

  it('leaving deployed undeploys the version and records it', async () => {
    const { registry, at } = await withVersions(1);
    await registry.setStatus('m', 'v1', 'deployed'); // t1
    const archived = await registry.setStatus('m', 'v1', 'archived'); // t2
    expect(archived).toMatchObject({ status: 'archived', deployed: false });
    expect(await registry.getDeploymentHistory('m')).toEqual([
      { version: 'v1', action: 'deploy', at: at(1) },
      { version: 'v1', action: 'undeploy', at: at(2) },
    ]);
  });

  it('sets any status of an undeployed version without touching the history', async () => {
    const { registry } = await withVersions(1);
    for (const status of ['training', 'completed', 'deprecated', 'archived', 'draft'] as const) {
      expect((await registry.setStatus('m', 'v1', status)).status).toBe(status);
    }
    expect(await registry.getDeploymentHistory('m')).toEqual([]);
  });

  it('refuses an unknown status, model or version', async () => {
    const { registry } = await withVersions(1);
    const error = await expectCode(
      registry.setStatus('m', 'v1', 'live' as VersionStatus),
      'INVALID_INPUT',
    );
    expect(error.message).toContain('status');
    await expectCode(registry.setStatus('m', 'v2', 'completed'), 'VERSION_NOT_FOUND');
    await expectCode(registry.setStatus('ghost', 'v1', 'completed'), 'MODEL_NOT_FOUND');
    await expectCode(registry.setStatus('m', 'a..b', 'completed'), 'INVALID_INPUT');
  });
});

describe('a legacy record with two deployed versions', () => {
  it('reports the more recently deployed one', async () => {
    const { registry } = setup([legacyRecord]);
    expect((await registry.getDeployed('legacy'))?.version).toBe('v2');
    expect((await registry.listModels())[0]?.deployedVersion).toBe('v2');
  });

  it('setDeployed leaves exactly one deployed', async () => {
    const { registry, at } = setup([legacyRecord]);
    await registry.setDeployed('legacy', 'v3'); // t0
    expect(await deployedVersions(registry, 'legacy')).toEqual(['v3']);
    for (const v of ['v1', 'v2']) {
      expect(await registry.getVersion('legacy', v)).toMatchObject({
        status: 'deprecated',
        deployed: false,
      });
    }
    expect(await registry.getDeploymentHistory('legacy')).toEqual([
      { version: 'v3', action: 'deploy', at: at(0), previousVersion: 'v2' },
    ]);
  });

  it('deploying one of the two deployed versions undeploys the other', async () => {
    const { registry, at } = setup([legacyRecord]);
    await registry.setDeployed('legacy', 'v1'); // t0
    expect(await deployedVersions(registry, 'legacy')).toEqual(['v1']);
    expect(await registry.getDeploymentHistory('legacy')).toEqual([
      { version: 'v1', action: 'deploy', at: at(0), previousVersion: 'v2' },
    ]);
    const { registry: second } = setup([legacyRecord]);
    await second.setDeployed('legacy', 'v2');
    expect(await deployedVersions(second, 'legacy')).toEqual(['v2']);
  });

  it('setStatus deployed leaves exactly one deployed', async () => {
    const { registry } = setup([legacyRecord]);
    await registry.setStatus('legacy', 'v1', 'deployed');
    expect(await deployedVersions(registry, 'legacy')).toEqual(['v1']);
  });

  it('rollback with a version leaves exactly one deployed', async () => {
    const { registry } = setup([legacyRecord]);
    await registry.rollback('legacy', 'v3');
    expect(await deployedVersions(registry, 'legacy')).toEqual(['v3']);
  });

  it('rollback without a version has no recorded target', async () => {
    const { registry } = setup([legacyRecord]);
    await expectCode(registry.rollback('legacy'), 'NO_ROLLBACK_TARGET');
    expect(await deployedVersions(registry, 'legacy')).toEqual(['v1', 'v2']);
    // Once a deployment is recorded, rollback returns to it with one deployed version.
    await registry.setDeployed('legacy', 'v3');
    expect((await registry.rollback('legacy')).version).toBe('v2');
    expect(await deployedVersions(registry, 'legacy')).toEqual(['v2']);
  });
});

describe('deployment helpers on a record', () => {
  function record(): ModelRecord {
    return ModelRecordSchema.parse(legacyRecord);
  }

  it('deployedVersionOf picks the newest deployment and handles missing dates', () => {
    expect(deployedVersionOf(record())?.version).toBe('v2');
    const undated = ModelRecordSchema.parse({
      metadata: { modelName: 'legacy' },
      versions: {
        v1: version('v1', { deployed: true, status: 'deployed' }),
        v2: version('v2', {
          deployed: true,
          status: 'deployed',
          deployedAt: '2025-01-01T00:00:00Z',
        }),
        v3: version('v3', { deployed: true, status: 'deployed' }),
      },
    });
    expect(deployedVersionOf(undated)?.version).toBe('v2');
    expect(
      deployedVersionOf(ModelRecordSchema.parse({ metadata: { modelName: 'x' }, versions: {} })),
    ).toBeUndefined();
  });

  it('deployInRecord returns whether anything changed', () => {
    const r = record();
    expect(deployInRecord(r, 'v2', '2026-01-01T00:00:00.000Z', 'deploy')).toBe(true);
    expect(deployInRecord(r, 'v2', '2026-01-02T00:00:00.000Z', 'deploy')).toBe(false);
    expect(r.deployments).toHaveLength(1);
    expect(() => deployInRecord(r, 'v9', '2026-01-02T00:00:00.000Z', 'deploy')).toThrow(
      expect.objectContaining({ code: 'VERSION_NOT_FOUND' }),
    );
  });

  it('undeployInRecord returns whether anything changed', () => {
    const r = record();
    expect(undeployInRecord(r, 'v3', '2026-01-01T00:00:00.000Z')).toBe(false);
    expect(undeployInRecord(r, 'v1', '2026-01-01T00:00:00.000Z', 'why')).toBe(true);
    expect(r.deployments).toEqual([
      { version: 'v1', action: 'undeploy', at: '2026-01-01T00:00:00.000Z', notes: 'why' },
    ]);
  });

  it('rollbackTarget with nothing deployed returns to the last deployed version that still exists', () => {
    const r = ModelRecordSchema.parse({
      metadata: { modelName: 'legacy' },
      versions: { v1: version('v1', { status: 'deprecated' }) },
      deployments: [{ version: 'v1', action: 'deploy', at: '2024-01-01T00:00:00Z' }],
    });
    expect(rollbackTarget(r)).toBe('v1');
  });

  it('rollbackTarget with nothing deployed and no history has no target', () => {
    const r = ModelRecordSchema.parse({
      metadata: { modelName: 'legacy' },
      versions: { v1: version('v1', { status: 'deprecated' }) },
    });
    expect(() => rollbackTarget(r)).toThrow(
      expect.objectContaining({ code: 'NO_ROLLBACK_TARGET' }),
    );
  });

  it('rollbackTarget skips history events that are not the current deployment', () => {
    const r = record();
    r.deployments = [
      { version: 'v1', action: 'deploy', at: '2024-01-01T00:00:00Z' },
      { version: 'v2', action: 'deploy', at: '2024-02-01T00:00:00Z', previousVersion: 'v1' },
      { version: 'v3', action: 'undeploy', at: '2024-03-01T00:00:00Z' },
    ];
    expect(rollbackTarget(r)).toBe('v1');
  });
});

type Op =
  | { kind: 'register' }
  | { kind: 'deploy'; v: number }
  | { kind: 'undeploy'; v: number }
  | { kind: 'rollback'; v: number | undefined }
  | { kind: 'status'; v: number; status: VersionStatus };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'register' }),
  fc.record({ kind: fc.constant('deploy' as const), v: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('undeploy' as const), v: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    kind: fc.constant('rollback' as const),
    v: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    v: fc.integer({ min: 1, max: 5 }),
    status: fc.constantFrom(...VERSION_STATUSES),
  }),
);

async function apply(registry: ModelRegistry, op: Op): Promise<void> {
  switch (op.kind) {
    case 'register':
      await registry.registerModel({ modelName: 'm' });
      return;
    case 'deploy':
      await registry.setDeployed('m', `v${op.v}`);
      return;
    case 'undeploy':
      await registry.setDeployed('m', `v${op.v}`, false);
      return;
    case 'rollback':
      await registry.rollback('m', op.v === undefined ? undefined : `v${op.v}`);
      return;
    case 'status':
      await registry.setStatus('m', `v${op.v}`, op.status);
      return;
  }
}

describe('property: deployment invariants', () => {
  it('never more than one deployed; status deployed iff deployed; history names the deployed version', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArbitrary, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        async (ops, legacyStart) => {
          const { clock } = steppingClock();
          // The legacy start holds two deployed versions, as old files may.
          const initial: ModelRecordInput[] = legacyStart
            ? [
                {
                  metadata: { modelName: 'm' },
                  versions: {
                    v1: { modelName: 'm', version: 'v1', status: 'deployed', deployed: true },
                    v2: {
                      modelName: 'm',
                      version: 'v2',
                      status: 'deployed',
                      deployed: true,
                      deployedAt: '2025-01-01T00:00:00Z',
                    },
                  },
                },
              ]
            : [];
          const registry = new ModelRegistry({ store: createMemoryStore({ initial }), clock });
          if (!legacyStart) await registry.registerModel({ modelName: 'm' });
          for (const op of ops) {
            try {
              await apply(registry, op);
            } catch (error) {
              const expected =
                isRegistryError(error, 'VERSION_NOT_FOUND') ||
                isRegistryError(error, 'NO_ROLLBACK_TARGET');
              if (!expected) throw error;
            }
            const versions = await registry.listVersions('m');
            const deployed = versions.filter((v) => v.deployed);
            for (const v of versions) expect(v.status === 'deployed').toBe(v.deployed);

            const history = await registry.getDeploymentHistory('m');
            let lastDeploy = -1;
            for (let i = 0; i < history.length; i++) {
              if (history[i]?.action !== 'undeploy') lastDeploy = i;
            }
            if (lastDeploy !== -1) {
              // Every deploy/rollback leaves one version deployed; only undeploys follow it.
              const undeployedSince = history.length - 1 > lastDeploy;
              if (undeployedSince) expect(deployed).toEqual([]);
              else expect(deployed.map((v) => v.version)).toEqual([history[lastDeploy]?.version]);
            } else if (!legacyStart) {
              expect(deployed).toEqual([]);
            }
            if (!legacyStart || lastDeploy !== -1) expect(deployed.length).toBeLessThanOrEqual(1);
            else expect(deployed.length).toBeLessThanOrEqual(2);
            const current = (await registry.getDeployed('m'))?.version;
            if (deployed.length <= 1) expect(current).toBe(deployed[0]?.version);
            else expect(deployed.map((v) => v.version)).toContain(current);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('forced deletion of the deployed version', () => {
  it('records an undeploy so that rollback can return to it by name', async () => {
    const { ModelRegistry } = await import('./model-registry.js');
    const { createMemoryStore } = await import('../store/memory-store.js');
    const registry = new ModelRegistry({
      store: createMemoryStore(),
      clock: () => new Date('2026-01-01T00:00:00Z'),
    });
    await registry.registerModel({ modelName: 'm' });
    await registry.registerModel({ modelName: 'm' });
    await registry.setDeployed('m', 'v1');
    await registry.setDeployed('m', 'v2');
    await registry.deleteVersion('m', 'v2', { force: true });
    const history = await registry.getDeploymentHistory('m');
    expect(history.at(-1)).toMatchObject({ version: 'v2', action: 'undeploy', notes: 'deleted' });
    expect(await registry.getDeployed('m')).toBeUndefined();
    // v2 is gone, so rollback returns to the version v2 had replaced.
    expect((await registry.rollback('m')).version).toBe('v1');
  });
});

describe('updateMetadata', () => {
  it('leaves fields passed as undefined unchanged', async () => {
    const { ModelRegistry } = await import('./model-registry.js');
    const { createMemoryStore } = await import('../store/memory-store.js');
    const registry = new ModelRegistry({ store: createMemoryStore() });
    await registry.registerModel({ modelName: 'm', description: 'kept', owner: 'lab' });
    const metadata = await registry.updateMetadata('m', { owner: 'team', description: undefined });
    expect(metadata).toMatchObject({ description: 'kept', owner: 'team' });
  });
});
