import type { ModelRecord, ReadIntent, RegistryReader, RegistryStore } from '@afs/registry-core';

/** Models holding a version with a parent ref into `modelName`, found naively from the records. */
export function modelsWithChildrenIn(records: readonly ModelRecord[], modelName: string): string[] {
  return records
    .filter((record) => record.metadata.modelName !== modelName)
    .filter((record) =>
      Object.values(record.versions).some((version) =>
        [version.parentVersion, ...version.additionalParents].some((ref) =>
          ref?.startsWith(`${modelName}:`),
        ),
      ),
    )
    .map((record) => record.metadata.modelName);
}

/** Models that the versions of `record` name as parent, other than its own. */
export function parentModelsOf(record: ModelRecord): string[] {
  const names = new Set<string>();
  for (const version of Object.values(record.versions)) {
    for (const ref of [version.parentVersion, ...version.additionalParents]) {
      const colon = ref?.indexOf(':') ?? -1;
      if (ref !== undefined && colon !== -1) names.add(ref.slice(0, colon));
    }
  }
  names.delete(record.metadata.modelName);
  return [...names];
}

export interface LinkedStore extends RegistryStore {
  /** Every `read` intent, in call order. */
  readonly intents: (ReadIntent | undefined)[];
  /** Every name passed to a reader's `getModel`, in call order. */
  readonly modelsRead: string[];
  /** What the readers' `modelsLinkedTo` returned, by model. */
  readonly linkedAnswers: Map<string, string[]>;
}

/**
 * A store whose readers have `modelsLinkedTo`, answering with the true set
 * plus `extra` names (the contract allows a superset), and which records what
 * the lineage code reads through it.
 */
export function linkedStore(inner: RegistryStore, extra: readonly string[] = []): LinkedStore {
  const intents: (ReadIntent | undefined)[] = [];
  const modelsRead: string[] = [];
  const linkedAnswers = new Map<string, string[]>();
  return {
    specificationVersion: inner.specificationVersion,
    name: 'linked',
    capabilities: inner.capabilities,
    intents,
    modelsRead,
    linkedAnswers,
    async read(intent?: ReadIntent): Promise<RegistryReader> {
      intents.push(intent);
      const snapshot = await inner.read();
      const records = snapshot.modelNames().flatMap((name) => snapshot.getModel(name) ?? []);
      return {
        modelNames: () => snapshot.modelNames(),
        getModel(name) {
          modelsRead.push(name);
          return snapshot.getModel(name);
        },
        modelsLinkedTo(name) {
          const answer = [...modelsWithChildrenIn(records, name), ...extra].filter(
            (other) => other !== name,
          );
          linkedAnswers.set(name, answer);
          return answer;
        },
      };
    },
    transact: (work) => inner.transact(work),
  };
}
