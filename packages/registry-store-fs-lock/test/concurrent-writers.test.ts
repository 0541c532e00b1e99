import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWorkers } from './harness.js';
import { leftovers, versionNotes } from './registry-files.js';
import { tempDir } from './support.js';

const WORKERS = 8;
const EACH = 100;
const MODELS = 4;

interface Ack {
  /** `model version` */
  key: string;
  /** Which worker and which of its registrations: also written as the version's notes. */
  who: string;
}

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
  const acks: Ack[] = workers.flatMap((w) =>
    w.linesOf('ack').map((line) => {
      const [model, version, who] = line.split(' ');
      return { key: `${model} ${version}`, who: who ?? '' };
    }),
  );
  const conflicts = workers.reduce(
    (sum, w) => sum + w.lines.filter((l) => l === 'conflict').length,
    0,
  );
  return { dir, acks, conflicts, stored: await versionNotes(file) };
}

/** Acknowledged registrations that are not in the file as the worker wrote them. */
function lost(acks: Ack[], stored: Map<string, string>): Ack[] {
  return acks.filter((ack) => stored.get(ack.key) !== ack.who);
}

describe('many processes registering at once', () => {
  it(`fs-lock store: ${WORKERS} processes × ${EACH} registrations give ${WORKERS * EACH} distinct versions`, async () => {
    const { dir, acks, conflicts, stored } = await run('lock');
    expect(conflicts).toBe(0);
    expect(acks).toHaveLength(WORKERS * EACH);
    // No version handed out twice...
    expect(new Set(acks.map((a) => a.key)).size).toBe(WORKERS * EACH);
    // ...none lost or overwritten, and nothing in the file that was not acknowledged.
    expect(lost(acks, stored)).toEqual([]);
    expect(stored.size).toBe(WORKERS * EACH);
    expect(await leftovers(dir)).toEqual([]);
  }, 150_000);

  it('plain JSON store: losers get CONFLICT, and every acknowledged registration is in the file', async () => {
    const { acks, conflicts, stored } = await run('json');
    expect(acks.length + conflicts).toBe(WORKERS * EACH);
    expect(conflicts).toBeGreaterThan(0);
    // A silent loss shows up as an acknowledged version that another worker's
    // commit replaced (same vN, other notes) or removed.
    expect(lost(acks, stored)).toEqual([]);
    expect(stored.size).toBe(acks.length);
  }, 150_000);
});
