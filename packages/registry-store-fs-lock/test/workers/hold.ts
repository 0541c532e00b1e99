// hold <lock path> <stale ms> [hostname]
// Take the lock (claiming to be on [hostname] if given, to simulate a holder
// on another host), print 'held', and keep holding (and refreshing) until killed.
import { acquireLock, machineIdentity } from '../../src/index.js';
import { arg, emit, fatal } from './common.js';

const hostname = process.argv[4];
try {
  await acquireLock(arg(0), {
    staleMs: Number(arg(1)),
    ...(hostname === undefined ? {} : { identity: { ...machineIdentity(), hostname } }),
  });
  emit('held');
  setInterval(() => {}, 60_000);
} catch (error) {
  fatal(error);
}
