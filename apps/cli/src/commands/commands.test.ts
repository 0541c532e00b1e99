import { createMemoryStore, isRegistryError } from '@afs/registry-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { type CommandContext, contextFor } from '../context.js';
import { addVersion } from './add.js';
import { compareVersions } from './compare.js';
import { deleteVersion } from './delete.js';
import { deployVersion } from './deploy.js';
import { deploymentHistory } from './history.js';
import { showInfo } from './info.js';
import { listModels } from './list.js';
import { rollbackModel } from './rollback.js';
import { scoreVersion } from './score.js';
import { setStatus } from './status.js';
import { listVersions } from './versions.js';

function steppingClock(start = Date.parse('2026-01-14T12:00:00Z')) {
  let now = start;
  return () => {
    now += 60_000;
    return new Date(now);
  };
}

let ctx: CommandContext;
beforeEach(() => {
  ctx = contextFor(createMemoryStore(), { clock: steppingClock(), location: 'memory' });
});

async function seed() {
  await addVersion(ctx, {
    model: 'majora',
    baseModel: 'Qwen2.5-Coder-7B',
    samples: 223,
    epochs: 3,
    accuracy: 0.85,
    data: ['code-v1'],
    loraPath: '/models/majora-v1-lora',
    description: 'Code generation model',
    owner: 'scawful',
  });
  await addVersion(ctx, {
    model: 'majora',
    parent: ['v1'],
    baseModel: 'Qwen2.5-Coder-7B',
    samples: 400,
    accuracy: 0.87,
    perplexity: 5.2,
    metric: ['tool_use=0.6'],
    rouge: ['rougeL=0.33'],
  });
}

describe('add', () => {
  it('registers the next version with every option in its field', async () => {
    const out = await addVersion(ctx, {
      model: 'din',
      baseModel: 'Qwen2.5-3B',
      framework: 'mlx',
      samples: 120,
      epochs: 2,
      batchSize: 32,
      learningRate: 0.0001,
      maxSeqLength: 2048,
      durationHours: 1.5,
      costUsd: 0.4,
      hardware: 'M2 Max',
      loraPath: '/l',
      ggufPath: '/g',
      checkpointPath: '/c',
      configPath: '/cfg',
      data: ['asm-qa', 'asm-docs'],
      gitCommit: '0a1b2c3',
      tag: ['first'],
      notes: 'hello',
      accuracy: 0.71,
      f1Score: 0.6,
      bleuScore: 0.22,
      speed: 120,
      metric: ['tool_use=0.6'],
    });
    const data = out.data as Awaited<ReturnType<typeof ctx.registry.registerModel>>;
    expect(data.version).toBe('v1');
    expect(data.training).toMatchObject({
      framework: 'mlx',
      baseModel: 'Qwen2.5-3B',
      samples: 120,
      epochs: 2,
      batchSize: 32,
      learningRate: 0.0001,
      maxSeqLength: 2048,
      durationHours: 1.5,
      costUsd: 0.4,
      hardware: 'M2 Max',
    });
    expect(data).toMatchObject({
      loraPath: '/l',
      ggufPath: '/g',
      checkpointPath: '/c',
      configPath: '/cfg',
      gitCommit: '0a1b2c3',
      tags: ['first'],
      notes: 'hello',
      trainingDataSources: ['asm-qa', 'asm-docs'],
    });
    expect(data.evaluationScores).toMatchObject({
      accuracy: 0.71,
      f1Score: 0.6,
      bleuScore: 0.22,
      inferenceSpeedTokensPerSec: 120,
      customMetrics: { tool_use: 0.6 },
    });
    expect(out.text).toContain('Registered din v1');
    expect(out.text).toContain('base model');
  });

  it('makes a merge from several --parent values', async () => {
    await seed();
    await addVersion(ctx, { model: 'nayru' });
    const out = await addVersion(ctx, { model: 'majora', parent: ['v2', 'nayru:v1'] });
    expect(out.data).toMatchObject({
      version: 'v3',
      parentVersion: 'v2',
      additionalParents: ['nayru:v1'],
    });
  });

  it('bumps minor when asked', async () => {
    await seed();
    expect((await addVersion(ctx, { model: 'majora', bump: 'minor' })).data).toMatchObject({
      version: 'v2.1',
    });
  });

  it('rejects a malformed --metric pair as a usage error', async () => {
    await expect(addVersion(ctx, { model: 'x', metric: ['no-equals'] })).rejects.toThrow(
      /name=value/,
    );
  });
});

describe('reading commands', () => {
  beforeEach(seed);

  it('list shows models with the deployed version marked', async () => {
    await deployVersion(ctx, { model: 'majora', version: 'v1' });
    const out = await listModels(ctx);
    expect(out.data).toEqual([
      expect.objectContaining({
        modelName: 'majora',
        versionCount: 2,
        latestVersion: 'v2',
        deployedVersion: 'v1',
      }),
    ]);
    const lines = out.text.split('\n');
    expect(lines[0]).toMatch(/^MODEL\s+VERSIONS\s+LATEST\s+DEPLOYED/);
    expect(lines[2]).toMatch(
      /^majora\s+2\s+v2\s+● v1\s+scawful\s+2026-01-14 12:01 UTC\s+Code generation model$/,
    );
  });

  it('list on an empty registry says how to start', async () => {
    const empty = contextFor(createMemoryStore());
    expect((await listModels(empty)).text).toMatch(/afs registry add/);
  });

  it('info shows the latest version by default and another on request', async () => {
    const latest = await showInfo(ctx, { model: 'majora' });
    expect(latest.data).toMatchObject({ version: { version: 'v2' }, versions: ['v1', 'v2'] });
    expect(latest.text).toContain('majora v2');
    const first = await showInfo(ctx, { model: 'majora', version: 'v1' });
    expect(first.text).toContain('/models/majora-v1-lora');
    await expect(showInfo(ctx, { model: 'majora', version: 'v9' })).rejects.toMatchObject({
      code: 'VERSION_NOT_FOUND',
    });
  });

  it('an unknown model names the known ones', async () => {
    const error = await showInfo(ctx, { model: 'majorra' }).catch((e: unknown) => e);
    expect(isRegistryError(error, 'MODEL_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toContain('Known models: majora');
  });

  it('versions lists in version order and filters by status', async () => {
    const all = await listVersions(ctx, { model: 'majora' });
    expect((all.data as Array<{ version: string }>).map((v) => v.version)).toEqual(['v1', 'v2']);
    expect(all.text.split('\n')[0]).toMatch(/^VERSION\s+STATUS\s+CREATED\s+ACCURACY/);
    const none = await listVersions(ctx, { model: 'majora', status: 'archived' });
    expect(none.text).toBe('majora has no versions with status archived.');
  });

  it('compare marks better and worse per metric direction', async () => {
    const out = await compareVersions(ctx, { model: 'majora', a: 'v1', b: 'v2' });
    const accuracy = out.text.split('\n').find((line) => line.startsWith('accuracy'));
    expect(accuracy).toMatch(/accuracy\s+0\.85\s+0\.87\s+\+0\.02\s+v2 better/);
    expect(out.text).toMatch(/samples\s+223\s+400\s+changed/);
  });
});

describe('writing commands', () => {
  beforeEach(seed);

  it('deploy, deploy again, rollback and history tell one story', async () => {
    await deployVersion(ctx, { model: 'majora', version: 'v1' });
    const second = await deployVersion(ctx, { model: 'majora', version: 'v2', notes: 'better' });
    expect(second.text).toMatch(/majora v2 deployed at .* \(v1 deprecated\)/);
    const back = await rollbackModel(ctx, { model: 'majora' });
    expect(back.data).toMatchObject({ deployed: { version: 'v1' }, previous: 'v2' });
    expect(back.text).toMatch(/rolled back from v2 to v1/);
    const history = await deploymentHistory(ctx, { model: 'majora' });
    expect(
      (history.data as { events: Array<{ action: string; version: string }> }).events.map(
        (e) => `${e.action}:${e.version}`,
      ),
    ).toEqual(['deploy:v1', 'deploy:v2', 'rollback:v1']);
    expect(history.text).toContain('Deployed now: ● v1');
  });

  it('history before any deployment says so', async () => {
    expect((await deploymentHistory(ctx, { model: 'majora' })).text).toBe(
      'No deployments of majora recorded yet.',
    );
  });

  it('score merges metrics and refuses an empty update', async () => {
    const out = await scoreVersion(ctx, {
      model: 'majora',
      version: 'v1',
      f1Score: 0.8,
      metric: ['tool_use=0.5'],
    });
    expect(out.data).toMatchObject({
      evaluationScores: { accuracy: 0.85, f1Score: 0.8, customMetrics: { tool_use: 0.5 } },
    });
    await expect(scoreVersion(ctx, { model: 'majora', version: 'v1' })).rejects.toThrow(
      /at least one metric/,
    );
  });

  it('status archives, and delete refuses a parent unless forced', async () => {
    expect((await setStatus(ctx, { model: 'majora', version: 'v2', state: 'archived' })).text).toBe(
      'majora v2 is now archived',
    );
    await expect(deleteVersion(ctx, { model: 'majora', version: 'v1' })).rejects.toMatchObject({
      code: 'VERSION_IN_USE',
    });
    const out = await deleteVersion(ctx, { model: 'majora', version: 'v1', force: true });
    expect(out.text).toBe('Deleted majora v1');
    expect(await ctx.registry.getVersion('majora', 'v1')).toBeUndefined();
  });
});
