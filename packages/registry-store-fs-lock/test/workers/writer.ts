// writer <registry file> <name>
// Writes while told to ('go' until 'pause'; 'one' for a single write) and
// prints every acknowledged write: `ack reg <model> <version>` for a
// registration, `ack score <name> <n>` after setting metric w_<name> to n.
import { arg, commands, emit, fatal, openRegistry } from './common.js';

const registry = openRegistry('lock', arg(0));
const name = arg(1);
let running = false;
let singles = 0;
let wake: () => void = () => {};
let counter = 0;

async function writeOnce(): Promise<void> {
  counter += 1;
  if (counter % 3 === 0) {
    const modelName = counter % 2 === 0 ? 'kill-a' : 'kill-b';
    const created = await registry.registerModel({ modelName });
    emit(`ack reg ${modelName} ${created.version}`);
  } else {
    await registry.updateEvaluationScores('kill-a', 'v1', { [`w_${name}`]: counter });
    emit(`ack score ${name} ${counter}`);
  }
}

async function listen(): Promise<void> {
  const input = commands();
  for (;;) {
    const next = await input.next();
    if (next.done) process.exit(0);
    if (next.value === 'go') running = true;
    else if (next.value === 'pause') running = false;
    else if (next.value === 'one') singles += 1;
    wake();
  }
}

try {
  void listen().catch(fatal);
  emit('ready');
  let paused = true;
  for (;;) {
    if (running) {
      paused = false;
      await writeOnce();
    } else if (singles > 0) {
      singles -= 1;
      await writeOnce();
    } else {
      if (!paused) {
        paused = true;
        emit('paused');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }
} catch (error) {
  fatal(error);
}
