import {
  assertName,
  type ModelRecord,
  modelNotFound,
  parentRefs,
  parseVersionRef,
  type ReadIntent,
  type RegistryReader,
} from '@afs/registry-core';

/** What to tell the store before reading the records around `modelName`. */
export function modelScopeIntent(modelName: string): ReadIntent {
  return { models: [modelName], linksTo: [modelName] };
}

/**
 * The records a graph needs to draw one model the way the whole graph would:
 * the model, every model that may hold a child of one of its versions, and
 * every model its own versions name as parent. Children of other models are
 * found through `modelsLinkedTo` when the reader has it; otherwise every model
 * is read, since any of them may hold one.
 *
 * A model that is not there throws the same `MODEL_NOT_FOUND`, naming the same
 * known models, as querying the whole graph would.
 */
export function modelScopeRecords(reader: RegistryReader, modelName: string): ModelRecord[] {
  assertName(modelName, 'model name');
  const own = reader.getModel(modelName);
  if (own === undefined) throw modelNotFound(modelName, reader.modelNames().sort());

  const names = new Set<string>(reader.modelsLinkedTo?.(modelName) ?? reader.modelNames());
  for (const version of Object.values(own.versions)) {
    for (const ref of parentRefs(version)) {
      // A bare `v1` names this model; the graph build checks it like any other ref.
      if (ref.includes(':')) names.add(parseVersionRef(ref, modelName).modelName);
    }
  }
  names.delete(modelName);

  const records = [own];
  for (const name of names) {
    // `modelsLinkedTo` may name more than exists, and a parent's model may be gone.
    const record = reader.getModel(name);
    if (record !== undefined) records.push(record);
  }
  return records;
}
