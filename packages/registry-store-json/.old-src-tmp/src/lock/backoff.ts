import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The delay before retry number `attempt` (from 0): doubling from `min` up to
 * `max`, then drawn from the upper half of that range so that waiters that
 * started together drift apart instead of retrying in lockstep.
 */
export function retryDelay(
  attempt: number,
  min: number,
  max: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(max, min * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + (random() * ceiling) / 2;
}

export function pause(ms: number): Promise<void> {
  return ms > 0 ? sleep(ms) : Promise.resolve();
}
