import { invalidInput, isRegistryError, type RegistryError } from '@afs/registry-core';
import { DEFAULT_MAX_BYTES } from './constants.js';
import { readRegistryFile } from './file-read.js';
import { parseRegistryBytes } from './parse-json.js';

/** Where an import reads from: a file path, or JSON already parsed by the caller. */
export type ImportSource = string | { readonly json: unknown; readonly label?: string };

export interface LoadedSource {
  readonly json: unknown;
  /** The path, or the caller's label, for messages and reports. */
  readonly label: string;
}

/** A bad import source is the caller's input, not the store's file: INVALID_INPUT, same detail. */
export function asImportError(error: unknown, label: string, what: string): unknown {
  if (!isRegistryError(error, 'CORRUPT_REGISTRY')) return error;
  const problem = String((error as RegistryError).details.problem ?? error.message);
  return invalidInput(
    `The ${what} ${label} cannot be imported: ${problem}. Nothing was imported.`,
    {
      ...(error as RegistryError).details,
      source: label,
    },
  );
}

export async function loadImportSource(
  source: ImportSource,
  what: string,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<LoadedSource> {
  if (typeof source !== 'string') return { json: source.json, label: source.label ?? '(object)' };
  try {
    // Reading only: a symlinked source is fine to follow.
    const content = await readRegistryFile(source, { maxBytes, allowSymlink: true });
    if (!content.exists) {
      throw invalidInput(`The ${what} ${source} does not exist. Check the path.`, {
        source,
      });
    }
    return { json: parseRegistryBytes(content.bytes, source), label: source };
  } catch (error) {
    throw asImportError(error, source, what);
  }
}
