import { statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { invalidInput } from '@afs/registry-core';
import { DEFAULT_REGISTRY_FILE_NAME } from './constants.js';

function endsWithSeparator(path: string): boolean {
  return path.endsWith('/') || path.endsWith(sep);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The absolute registry file for a store path: a folder (an existing
 * directory, or a path ending with a separator) means `registry.json` inside
 * it; anything else is the file itself, whether it exists yet or not.
 */
export function resolveRegistryFile(path: string): string {
  if (path.length === 0) {
    throw invalidInput('The registry path is empty. Pass a file path or a folder path.');
  }
  const absolute = resolve(path);
  return endsWithSeparator(path) || isDirectory(absolute)
    ? join(absolute, DEFAULT_REGISTRY_FILE_NAME)
    : absolute;
}
