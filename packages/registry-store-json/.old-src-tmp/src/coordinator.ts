/**
 * The hook a cross-process lock (such as `@afs/registry-store-fs-lock`) uses to
 * plug into the JSON store. The store keeps the file format, atomic writes and
 * conflict detection; the coordinator only adds exclusion between processes.
 */
export interface CommitGuard {
  /** Throws a RegistryError (e.g. code 'LOCK_LOST') if exclusion was lost; the store calls it right before the rename that publishes a commit. */
  assertHeld(): Promise<void>;
}

export interface WriteCoordinator {
  /** Store name to report, e.g. 'fs-lock'. */
  readonly name: string;
  /** Run one transaction's whole read-modify-write while excluding other processes. `registryFile` is the resolved absolute registry file path. */
  exclusive<T>(registryFile: string, critical: (guard: CommitGuard) => Promise<T>): Promise<T>;
  close?(): Promise<void>;
}
