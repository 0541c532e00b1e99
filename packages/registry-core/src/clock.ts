/** Source of "now". Injected so that tests and replays are deterministic. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** ISO-8601 UTC with milliseconds, e.g. `2026-01-14T12:00:00.000Z`. */
export function timestamp(clock: Clock): string {
  return clock().toISOString();
}
