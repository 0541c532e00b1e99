/**
 * The two calls this store needs from a key-value service (Redis, etcd,
 * DynamoDB, a REST API...): read a value with its revision, and write it only
 * if nobody else wrote it since.
 */
export interface KeyValueService {
  get(key: string): Promise<{ value: string; revision: number } | undefined>;
  /** Store `value` if the key's revision is still `expectedRevision` (0: absent). False if it moved on. */
  compareAndSet(key: string, expectedRevision: number, value: string): Promise<boolean>;
}

/** A stand-in for a real service, for tests and this example. */
export class InMemoryKeyValueService implements KeyValueService {
  readonly #entries = new Map<string, { value: string; revision: number }>();

  async get(key: string) {
    const entry = this.#entries.get(key);
    return entry === undefined ? undefined : { ...entry };
  }

  async compareAndSet(key: string, expectedRevision: number, value: string) {
    const current = this.#entries.get(key)?.revision ?? 0;
    if (current !== expectedRevision) return false;
    this.#entries.set(key, { value, revision: current + 1 });
    return true;
  }
}
