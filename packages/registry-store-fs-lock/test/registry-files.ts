import { readdir } from 'node:fs/promises';
import { type ModelRecord, ModelRecordSchema } from '@afs/registry-core';
import { createJsonStore } from '@afs/registry-store-json';

/** Every model in the registry file, read the way a user would and re-validated. */
export async function readModels(path: string): Promise<Map<string, ModelRecord>> {
  const reader = await createJsonStore({ path, onNotice: () => {} }).read();
  const models = new Map<string, ModelRecord>();
  for (const name of reader.modelNames()) {
    const record = reader.getModel(name);
    if (record === undefined) throw new Error(`model ${name} is listed but cannot be read`);
    models.set(name, ModelRecordSchema.parse(record));
  }
  return models;
}

/** `model version` for every version in the file. */
export async function versionKeys(path: string): Promise<string[]> {
  const keys: string[] = [];
  for (const [name, record] of await readModels(path)) {
    for (const version of Object.keys(record.versions)) keys.push(`${name} ${version}`);
  }
  return keys;
}

/** `model version` → the version's notes, for every version in the file. */
export async function versionNotes(path: string): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  for (const [name, record] of await readModels(path)) {
    for (const [version, entry] of Object.entries(record.versions)) {
      notes.set(`${name} ${version}`, entry.notes);
    }
  }
  return notes;
}

/** Entries next to the registry file other than the file itself: temp files, locks, leftovers. */
export async function leftovers(dir: string, registryName = 'registry.json'): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name !== registryName);
}
