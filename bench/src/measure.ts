import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.js';

export interface ProcessSpec {
  /** Arguments to `node` (script and its arguments). */
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Runs before each measured run (not timed), e.g. to reset the registry. */
  before?: () => void;
}

export interface TimedSample {
  commandMs: number[];
  baselineMs: number[];
}

const REPORTER = new URL('./rss-reporter.mjs', import.meta.url).pathname;

function runOnce(
  spec: ProcessSpec,
  extraArgs: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): number {
  spec.before?.();
  const start = performance.now();
  const result = spawnSync(process.execPath, [...extraArgs, ...spec.args], {
    env: { ...process.env, ...spec.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const elapsed = performance.now() - start;
  // A failed run measures an error path, not the command: stop loudly.
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `measured process failed (exit ${result.status}): node ${spec.args.join(' ')}\n${result.stderr}`,
    );
  }
  return elapsed;
}

export const BASELINE: ProcessSpec = { args: ['-e', '0'] };

/**
 * Wall time of whole processes: the command and `node -e 0` alternately, so
 * that both see the same machine load. Warm-up runs are not counted.
 */
export function timeAgainstBaseline(spec: ProcessSpec, runs: number, warmup = 2): TimedSample {
  if (runs < 1) throw new Error(`runs must be at least 1, got ${runs}`);
  for (let i = 0; i < warmup; i++) {
    runOnce(BASELINE);
    runOnce(spec);
  }
  const sample: TimedSample = { commandMs: [], baselineMs: [] };
  for (let i = 0; i < runs; i++) {
    sample.baselineMs.push(runOnce(BASELINE));
    sample.commandMs.push(runOnce(spec));
  }
  return sample;
}

/** Peak resident memory of the process in MiB (median over `runs`), read by a preloaded reporter. */
export function peakMemoryMb(spec: ProcessSpec, runs = 3): number {
  const dir = mkdtempSync(join(tmpdir(), 'afs-bench-rss-'));
  try {
    const values: number[] = [];
    for (let i = 0; i < runs; i++) {
      const file = join(dir, `rss-${i}`);
      runOnce(spec, ['--import', REPORTER], { AFS_BENCH_RSS_FILE: file });
      const kib = Number(readFileSync(file, 'utf8'));
      if (!(kib > 0)) throw new Error(`no peak memory reported for node ${spec.args.join(' ')}`);
      values.push(kib / 1024);
    }
    return median(values);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median milliseconds of an in-process async operation, after warm-up. */
export async function timeInProcess(
  operation: () => Promise<unknown> | unknown,
  runs: number,
  warmup = 3,
): Promise<number> {
  for (let i = 0; i < warmup; i++) await operation();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await operation();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
