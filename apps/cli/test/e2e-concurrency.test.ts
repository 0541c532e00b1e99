import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { afsAsync, tempRegistry } from './afs.js';

let reg: ReturnType<typeof tempRegistry>;
beforeEach(() => {
  reg = tempRegistry();
});
afterEach(() => reg.cleanup());

it('8 parallel `afs registry add` all succeed with distinct versions', async () => {
  const runs = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      afsAsync([
        '--registry',
        reg.file,
        'registry',
        'add',
        'majora',
        '--samples',
        String(100 + i),
        '--json',
      ]),
    ),
  );
  for (const run of runs) expect(run.stderr).toBe('');
  expect(runs.map((run) => run.status)).toEqual(Array(8).fill(0));
  const versions = runs.map((run) => (JSON.parse(run.stdout) as { version: string }).version);
  expect(new Set(versions).size).toBe(8);
  expect([...versions].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual([
    'v1',
    'v2',
    'v3',
    'v4',
    'v5',
    'v6',
    'v7',
    'v8',
  ]);
  const file = JSON.parse(readFileSync(reg.file, 'utf8'));
  expect(Object.keys(file.models.majora.versions).sort()).toEqual([...versions].sort());
  const samples = Object.values(
    file.models.majora.versions as Record<string, { training: { samples: number } }>,
  )
    .map((v) => v.training.samples)
    .sort();
  expect(samples).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
}, 60_000);
