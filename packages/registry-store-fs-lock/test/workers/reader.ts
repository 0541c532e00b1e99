// reader <registry file> <reads>
// Reads the registry over and over while a writer works, validating every
// model of every read. Prints `done <reads> <versions seen last>`, or `bad <why>`.
import { ModelRecordSchema } from '@afs/registry-core';
import { arg, commands, emit, fatal, openStore, readyThenGo } from './common.js';

const store = openStore('lock', arg(0));
const reads = Number(arg(1));

try {
  await readyThenGo(commands());
  let previous = 0;
  for (let i = 0; i < reads; i++) {
    const reader = await store.read();
    let versions = 0;
    for (const name of reader.modelNames()) {
      const record = reader.getModel(name);
      const parsed = ModelRecordSchema.safeParse(record);
      if (!parsed.success) {
        emit(`bad model ${name} does not validate: ${parsed.error.message.slice(0, 200)}`);
        process.exit(1);
      }
      versions += Object.keys(parsed.data.versions).length;
    }
    // The writer only adds versions: a read showing fewer than an earlier one
    // would be a torn or stale snapshot.
    if (versions < previous) {
      emit(`bad read ${i} saw ${versions} versions after ${previous}`);
      process.exit(1);
    }
    previous = versions;
  }
  emit(`done ${reads} ${previous}`);
  process.exit(0);
} catch (error) {
  fatal(error);
}
