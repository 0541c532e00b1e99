// register <kind> <registry file> <count> <models> <worker index>
// Registers <count> versions without naming them (auto-increment), spread over
// <models> models so that every model gets versions from every worker.
import { isRegistryError } from '@afs/registry-core';
import { arg, commands, emit, fatal, openRegistry, readyThenGo } from './common.js';

const registry = openRegistry(arg(0), arg(1));
const count = Number(arg(2));
const models = Number(arg(3));
const index = Number(arg(4));

try {
  await readyThenGo(commands());
  for (let i = 0; i < count; i++) {
    const modelName = `model-${(i + index) % models}`;
    try {
      // The notes say who registered it, so the test can tell an overwritten version.
      const who = `${index}-${i}`;
      const created = await registry.registerModel({ modelName, notes: who });
      emit(`ack ${modelName} ${created.version} ${who}`);
    } catch (error) {
      if (!isRegistryError(error, 'CONFLICT')) throw error;
      emit('conflict');
    }
  }
  emit('done');
  process.exit(0);
} catch (error) {
  fatal(error);
}
