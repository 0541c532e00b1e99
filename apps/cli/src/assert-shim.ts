// Stand-in for `node:assert` inside the bundled CLI (see tsup.config.ts).
// yargs imports it only for two internal sanity checks, but loading the real
// module (and the internals it pulls in) cost every command about 8 ms of
// start-up (bench/README.md). These throw as the real ones do, with a plainer
// message.

function failed(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new Error(message ?? fallback);
}

export function strictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!Object.is(actual, expected)) {
    failed(
      message,
      `Expected values to be strictly equal: ${String(actual)} !== ${String(expected)}`,
    );
  }
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) {
    failed(message, `Expected "actual" to be strictly unequal to: ${String(expected)}`);
  }
}
