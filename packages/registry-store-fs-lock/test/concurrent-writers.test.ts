import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWorkers } from './harness.js';
import { leftovers, versionKeys } from './registry-files.js';
import { tempDir } from './support.js';

const WORKERS = 8;
const EACH = 100;
const MODELS = 4;

async function run(kind: 'lock' | 'json') {
  const dir = await tempDir();
  const file = join(dir, 'registry.json');
  const workers = await startWorkers(WORKERS, 'register.ts', (i) => [
    kind,
    file,
    String(EACH),
    String(MODELS),
    String(i),
  ]);
  for (const worker of workers) worker.send('go');
  await Promise.all(workers.map((w) => w.finished()));
  const acks = workers.flatMap((w) => w.linesOf('ack'));
  const conflicts = workers.reduce(
    (sum, w) => sum + w.lines.filter((l) => l === 'conflict').length,
    0,
  );
  return { dir, file, acks, conflicts, stored: await versionKeys(file) };
}

describe('many processes registering at once', () => {
  it(`fs-lock store: ${WORKERS} processes × ${EACH} registrations give ${WORKERS * EACH} distinct versions`, async () => {
    const { dir, acks, conflicts, stored } = await run('lock');
    expect(conflicts).toBe(0);
    expect(acks).toHaveLength(WORKERS * EACH);
    // No version handed out twice...
    expect(new Set(acks).size).toBe(WORKERS * EACH);
    // ...and none lost: the file holds exactly what the workers were told.
    expect(stored.sort()).toEqual([...acks].sort());
    expect(await leftovers(dir)).toEqual([]);
  }, 150_000);

  it('plain JSON store: losers get CONFLICT, and every acknowledged registration is in the file', async () => {
    const { acks, conflicts, stored } = await run('json');
    expect(acks.length + conflicts).toBe(WORKERS * EACH);
    expect(conflicts).toBeGreaterThan(0);
    expect(new Set(acks).size).toBe(acks.length);
    expect(stored.sort()).toEqual([...acks].sort());
  }, 150_000);
});
