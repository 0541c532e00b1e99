import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ModelRegistry } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { createFsLockStore, inspectLock, lockPathFor } from '../src/index.js';
import { Worker } from './harness.js';
import { leftovers, readModels } from './registry-files.js';
import { tempDir } from './support.js';

const ROUNDS = 25;
const WRITERS = 4;

async function lockHolderPid(file: string): Promise<number | undefined> {
  const state = await inspectLock(lockPathFor(file));
  return state.kind === 'present' ? state.holders[0]?.record?.pid : undefined;
}

const isAck = (line: string) => line.startsWith('ack ');

interface Acknowledged {
  registrations: string[];
  /** Last acknowledged value of each writer's metric. */
  scores: Map<string, number>;
  /** Writers killed (their last write may have landed without an ack). */
  killed: Set<string>;
}

function collect(workers: Iterable<{ name: string; worker: Worker }>, acked: Acknowledged): void {
  for (const { name, worker } of workers) {
    for (const line of worker.linesOf('ack')) {
      const [kind, a, b] = line.split(' ');
      if (kind === 'reg') acked.registrations.push(`${a} ${b}`);
      else if (kind === 'score')
        acked.scores.set(name, Math.max(acked.scores.get(name) ?? 0, Number(b)));
    }
  }
}

async function checkFile(
  file: string,
  acked: Acknowledged,
  context: string,
  writing = false,
): Promise<void> {
  const models = await readModels(file);
  const stored = new Set<string>();
  for (const [name, record] of models) {
    for (const version of Object.keys(record.versions)) stored.add(`${name} ${version}`);
  }
  expect(new Set(acked.registrations).size, context).toBe(acked.registrations.length);
  for (const registration of acked.registrations) {
    expect(stored.has(registration), `${registration} missing (${context})`).toBe(true);
  }
  const metrics = models.get('kill-a')?.versions.v1?.evaluationScores.customMetrics ?? {};
  for (const [name, last] of acked.scores) {
    const value = metrics[`w_${name}`];
    if (writing) {
      // Acks were collected before the file was read; running writers have moved on since.
      expect(value, `metric of writer ${name} (${context})`).toBeGreaterThanOrEqual(last);
    } else {
      // A killed writer may have committed one more write than it acknowledged
      // (writer.ts: every third write is a registration, the others scores).
      const next = (last + 1) % 3 === 0 ? last + 2 : last + 1;
      const allowed = acked.killed.has(name) ? [last, next] : [last];
      expect(allowed, `metric of writer ${name} (${context})`).toContain(value);
    }
  }
}

describe('writers killed with SIGKILL', () => {
  it(`${ROUNDS} rounds: the file stays valid, acknowledged writes survive, the lock recovers`, async () => {
    const dir = await tempDir();
    const file = join(dir, 'registry.json');
    const setup = new ModelRegistry({ store: createFsLockStore({ path: file }) });
    await setup.registerModel({ modelName: 'kill-a' });
    await setup.registerModel({ modelName: 'kill-b' });

    let spawned = 0;
    const start = () => {
      const name = `writer${spawned++}`;
      return { name, worker: new Worker('writer.ts', [file, name]) };
    };
    let writers = Array.from({ length: WRITERS }, start);
    let standby = start();
    const all = [...writers, standby];
    let killedHolding = 0;
    const acked = (): Acknowledged => {
      const result: Acknowledged = {
        registrations: [],
        scores: new Map(),
        killed: new Set(all.filter((w) => !w.worker.alive).map((w) => w.name)),
      };
      collect(all, result);
      return result;
    };
    const pausedCount = new Map<Worker, number>();
    const pause = async (worker: Worker) => {
      const count = (pausedCount.get(worker) ?? 0) + 1;
      pausedCount.set(worker, count);
      worker.send('pause');
      await worker.waitFor((line) => line === 'paused', count);
    };

    try {
      await Promise.all(writers.map((w) => w.worker.waitForLine('ready')));
      for (let round = 0; round < ROUNDS; round++) {
        const context = `round ${round}`;
        for (const { worker } of writers) worker.send('go');
        await sleep(Math.random() * 250);
        // Every other round, kill whoever holds the lock at that moment, so
        // that dying while holding it is always covered.
        const holderPid = round % 2 === 0 ? await lockHolderPid(file) : undefined;
        const victim =
          writers.find((w) => w.worker.pid === holderPid) ??
          writers[Math.floor(Math.random() * writers.length)];
        if (victim === undefined) throw new Error('no victim');
        victim.worker.kill('SIGKILL');
        await victim.worker.exited;
        if (victim.worker.pid === holderPid) killedHolding += 1;
        const replacement = standby;
        standby = start();
        all.push(standby);
        const survivors = writers.filter((w) => w !== victim);

        // Right after the kill, with the others still writing.
        await checkFile(file, acked(), `${context}, just after the kill`, true);
        await Promise.all(survivors.map(({ worker }) => pause(worker)));
        await checkFile(file, acked(), `${context}, writers paused`);

        // The lock is recovered: each survivor gets a write through, and the
        // first of those writes cleans up whatever the killed writer left.
        for (const { worker } of survivors) {
          const acksBefore = worker.lines.filter(isAck).length;
          worker.send('one');
          await worker.waitFor(isAck, acksBefore + 1, 30_000);
          expect(await leftovers(dir), context).toEqual([]);
        }
        await checkFile(file, acked(), `${context}, after the next writes`);

        await replacement.worker.waitForLine('ready');
        void standby.worker.waitForLine('ready').catch(() => undefined);
        writers = [...survivors, replacement];
      }
      await checkFile(file, acked(), 'end');
      expect(killedHolding).toBeGreaterThan(0);
      expect(acked().registrations.length).toBeGreaterThan(ROUNDS);
    } finally {
      for (const { worker } of all) worker.kill('SIGKILL');
    }
  }, 150_000);
});
