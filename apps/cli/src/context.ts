import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Clock, ModelRegistry, type RegistryStore, systemClock } from '@afs/registry-core';
import { createStyle, type Style } from './format/style.js';

export type StoreKind = 'fs-lock' | 'json';

/** What every command implementation gets: no argument parser, no process globals. */
export interface CommandContext {
  registry: ModelRegistry;
  store: RegistryStore;
  /** Where the registry lives, for messages. */
  location: string;
  style: Style;
  clock: Clock;
  /** Lines for stderr that are not results (upgrade notices and the like). */
  notice(message: string): void;
}

/** A command's result: `data` is printed for `--json`, `text` for people. */
export interface CommandOutput {
  data: unknown;
  text: string;
}

const LOCK_TIMEOUT_MS = 30_000;

export const DEFAULT_REGISTRY = join(homedir(), '.context', 'training', 'registry.json');

/** `--registry`, else `AFS_REGISTRY`, else the Python system's default location. */
export function registryLocation(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined && flag !== '') return flag;
  const fromEnv = env.AFS_REGISTRY;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return DEFAULT_REGISTRY;
}

export interface ContextOptions {
  location: string;
  storeKind: StoreKind;
  color: boolean;
  notice: (message: string) => void;
  clock?: Clock;
}

export async function openStore(options: ContextOptions): Promise<RegistryStore> {
  const onNotice = options.notice;
  if (options.storeKind === 'json') {
    const { createJsonStore } = await import('@afs/registry-store-json');
    return createJsonStore({ path: options.location, onNotice, publishTimeoutMs: LOCK_TIMEOUT_MS });
  }
  const { createFsLockStore } = await import('@afs/registry-store-fs-lock');
  // A command queued behind a few busy writers on a loaded machine should wait
  // rather than fail: 30 s, where the library default is 10 s.
  return createFsLockStore({ path: options.location, onNotice, timeoutMs: LOCK_TIMEOUT_MS });
}

export async function createContext(options: ContextOptions): Promise<CommandContext> {
  const store = await openStore(options);
  return contextFor(store, { ...options });
}

/** A context over any store: the CLI's tests use it with the in-memory store. */
export function contextFor(
  store: RegistryStore,
  options: {
    location?: string;
    color?: boolean;
    clock?: Clock;
    notice?: (message: string) => void;
  } = {},
): CommandContext {
  const clock = options.clock ?? systemClock;
  return {
    registry: new ModelRegistry({ store, clock }),
    store,
    location: options.location ?? store.name,
    style: createStyle(options.color ?? false),
    clock,
    notice: options.notice ?? (() => undefined),
  };
}
