import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isRegistryError, ModelRegistry, type RegistryStore } from '@afs/registry-core';
import { createJsonStore } from '@afs/registry-store-json';
import { createFsLockStore } from '../../src/index.js';

/** Print one line to the parent before going on: a printed ack is an acknowledged write. */
export function emit(line: string): void {
  writeSync(1, `${line}\n`);
}

/** Report an unexpected failure in a form the harness shows, then exit non-zero. */
export function fatal(error: unknown): never {
  const code = isRegistryError(error) ? error.code : 'ERROR';
  emit(
    `fatal ${code} ${error instanceof Error ? error.message : String(error)}`.replace(/\n/g, ' '),
  );
  process.exit(1);
}

export function openStore(kind: string, path: string): RegistryStore {
  // A long stale time: these tests are about exclusion, not about taking over slow holders.
  if (kind === 'lock') return createFsLockStore({ path, timeoutMs: 120_000, onNotice: () => {} });
  if (kind === 'json') return createJsonStore({ path, onNotice: () => {} });
  throw new Error(`unknown store kind ${kind}`);
}

export function openRegistry(kind: string, path: string): ModelRegistry {
  return new ModelRegistry({ store: openStore(kind, path) });
}

/** Lines from the parent, one at a time. */
export function commands(): AsyncIterator<string> {
  return createInterface({ input: process.stdin })[Symbol.asyncIterator]();
}

/** Say `ready`, then wait for `go`, so that workers started one by one begin together. */
export async function readyThenGo(input: AsyncIterator<string>): Promise<void> {
  emit('ready');
  for (;;) {
    const next = await input.next();
    if (next.done) process.exit(0);
    if (next.value === 'go') return;
  }
}

/** A small seeded generator, so that a failing run can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

export function arg(index: number): string {
  const value = process.argv[index + 2];
  if (value === undefined) throw new Error(`missing argument ${index}`);
  return value;
}
