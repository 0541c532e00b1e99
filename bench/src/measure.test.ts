import { describe, expect, it } from 'vitest';
import { BASELINE, peakMemoryMb, timeAgainstBaseline, timeInProcess } from './measure.js';

describe('process measurement', () => {
  it('times a command and the baseline alternately, after warm-up', () => {
    const sample = timeAgainstBaseline({ args: ['-e', 'for (let i = 0; i < 1e6; i++);'] }, 2, 1);
    expect(sample.commandMs).toHaveLength(2);
    expect(sample.baselineMs).toHaveLength(2);
    for (const ms of [...sample.commandMs, ...sample.baselineMs]) expect(ms).toBeGreaterThan(0);
  });

  it('fails loudly when the measured command fails, instead of timing the error path', () => {
    expect(() => timeAgainstBaseline({ args: ['-e', 'process.exit(3)'] }, 1, 0)).toThrow(/exit 3/);
  });

  it('reports peak memory that grows with what the process allocates', () => {
    const small = peakMemoryMb(BASELINE, 1);
    const large = peakMemoryMb(
      { args: ['-e', 'globalThis.keep = Buffer.alloc(120 * 1024 * 1024, 1)'] },
      1,
    );
    expect(small).toBeGreaterThan(5);
    expect(large - small).toBeGreaterThan(100);
  });

  it('times in-process operations', async () => {
    let calls = 0;
    const ms = await timeInProcess(
      () => {
        calls++;
      },
      4,
      2,
    );
    expect(calls).toBe(6);
    expect(ms).toBeGreaterThanOrEqual(0);
  });
});
