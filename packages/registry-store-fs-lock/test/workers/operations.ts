// operations <registry file> <count> <seed>
// Random register / deploy / undeploy / rollback / score operations on a few
// models, through the fs-lock store. Expected refusals (nothing to roll back
// to) are reported; anything else is fatal.
import { isRegistryError } from '@afs/registry-core';
import { arg, commands, emit, fatal, openRegistry, readyThenGo, seeded } from './common.js';

const registry = openRegistry('lock', arg(0));
const count = Number(arg(1));
const random = seeded(Number(arg(2)));
const MODELS = ['alpha', 'beta', 'gamma'];

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

async function someVersion(modelName: string): Promise<string> {
  const versions = await registry.listVersions(modelName);
  return pick(versions).version;
}

try {
  await readyThenGo(commands());
  for (let i = 0; i < count; i++) {
    const modelName = pick(MODELS);
    const roll = random();
    const kind =
      roll < 0.25
        ? 'register'
        : roll < 0.5
          ? 'deploy'
          : roll < 0.6
            ? 'undeploy'
            : roll < 0.8
              ? 'rollback'
              : 'score';
    try {
      if (kind === 'register') await registry.registerModel({ modelName });
      else if (kind === 'deploy')
        await registry.setDeployed(modelName, await someVersion(modelName));
      else if (kind === 'undeploy') {
        const deployed = await registry.getDeployed(modelName);
        if (deployed !== undefined) await registry.setDeployed(modelName, deployed.version, false);
      } else if (kind === 'rollback') await registry.rollback(modelName);
      else {
        await registry.updateEvaluationScores(modelName, await someVersion(modelName), {
          accuracy: random(),
        });
      }
      emit(`op ${kind} ok`);
    } catch (error) {
      if (!isRegistryError(error, 'NO_ROLLBACK_TARGET')) throw error;
      emit(`op ${kind} ${error.code}`);
    }
  }
  emit('done');
  process.exit(0);
} catch (error) {
  fatal(error);
}
