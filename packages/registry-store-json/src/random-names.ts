import { createRequire } from 'node:module';

// node:crypto is loaded on first use: only commits and locks need random
// names, and loading it up front cost every read-only command about 10 ms
// of start-up (bench/README.md).
let crypto: typeof import('node:crypto') | undefined;

function loadCrypto(): typeof import('node:crypto') {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto;
}

/** A random UUID: lock tokens and process ids that must never repeat. */
export function randomToken(): string {
  return loadCrypto().randomUUID();
}

/** `bytes` random bytes as hex, for temporary file names. */
export function randomHex(bytes: number): string {
  return loadCrypto().randomBytes(bytes).toString('hex');
}
