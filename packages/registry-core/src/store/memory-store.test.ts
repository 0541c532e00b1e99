import { describe, expect, it } from 'vitest';
import { isRegistryError } from '../errors.js';
import { ModelRegistry } from '../registry/model-registry.js';
import { type ModelRecord, ModelRecordSchema } from '../schema/records.js';
import { STORE_SPECIFICATION_VERSION } from './contract.js';
import { TransactionDraft } from './draft.js';
import { createMemoryStore } from './memory-store.js';
import { createSerialQueue } from './serial-queue.js';

function record(modelName: string, versions: string[] = ['v1']): ModelRecord {
  return ModelRecordSchema.parse({
    metadata: { modelName },
    versions: Object.fromEntries(versions.map((version) => [version, { modelName, version }])),
  });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected the promise to reject, but it resolved'),
    (error: unknown) => error,
  );
}

describe('createMemoryStore', () => {
  it('implements the current store specification and declares its capabilities', () => {
    const store = createMemoryStore();
    expect(store.specificationVersion).toBe(STORE_SPECIFICATION_VERSION);
    expect(store.name).toBe('memory');
    expect(store.capabilities).toEqual({
      persistent: false,
      crossProcess: false,
      detectsConflicts: false,
    });
    expect(() => new ModelRegistry({ store })).not.toThrow();
  });

  it('starts empty, or with validated initial records', async () => {
    expect(await (await createMemoryStore().read()).modelNames()).toEqual([]);
    const store = createMemoryStore({
      initial: [
        { metadata: { modelName: 'a' }, versions: { v1: { modelName: 'a', version: 'v1' } } },
        { metadata: { modelName: 'b' }, versions: {} },
      ],
    });
    const reader = await store.read();
    expect(reader.modelNames().sort()).toEqual(['a', 'b']);
    expect(reader.getModel('a')).toEqual(record('a'));
    expect(reader.getModel('missing')).toBeUndefined();
  });

  it('refuses invalid initial records with a RegistryError', () => {
    let error: unknown;
    try {
      createMemoryStore({
        initial: [
          { metadata: { modelName: 'a' }, versions: { v1: { modelName: 'a', version: 'v2' } } },
        ],
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect(isRegistryError(error), 'expected a RegistryError, got a raw ZodError').toBe(true);
  });

  it('returns copies: changing a record read from it changes nothing', async () => {
    const store = createMemoryStore({ initial: [record('a')] });
    const reader = await store.read();
    const copy = reader.getModel('a');
    if (copy === undefined) throw new Error('missing');
    copy.metadata.description = 'changed';
    delete copy.versions.v1;
    expect(reader.getModel('a')).toEqual(record('a'));
    expect((await store.read()).getModel('a')).toEqual(record('a'));
    expect(reader.getModel('a')).not.toBe(reader.getModel('a'));
  });

  it('keeps a record put in a transaction safe from later changes to the object', async () => {
    const store = createMemoryStore();
    const mine = record('a');
    await store.transact((tx) => {
      tx.putModel(mine);
      mine.metadata.description = 'changed inside';
    });
    mine.metadata.owner = 'changed after';
    expect((await store.read()).getModel('a')).toEqual(record('a'));
  });

  it('snapshot isolation: a snapshot taken before a commit is unchanged after it', async () => {
    const store = createMemoryStore({ initial: [record('a')] });
    const before = await store.read();
    await store.transact((tx) => {
      tx.putModel(record('a', ['v1', 'v2']));
      tx.putModel(record('b'));
      tx.deleteModel('a');
      tx.putModel(record('c'));
    });
    expect(before.modelNames()).toEqual(['a']);
    expect(before.getModel('a')).toEqual(record('a'));
    expect(before.getModel('b')).toBeUndefined();
    const after = await store.read();
    expect(after.modelNames().sort()).toEqual(['b', 'c']);
    expect(after.getModel('a')).toBeUndefined();
  });

  it('a transaction sees its own writes and returns the result of its work', async () => {
    const store = createMemoryStore({ initial: [record('a')] });
    const result = await store.transact(async (tx) => {
      tx.putModel(record('b'));
      tx.deleteModel('a');
      await Promise.resolve();
      return { names: tx.modelNames().sort(), a: tx.getModel('a'), b: tx.getModel('b') };
    });
    expect(result).toEqual({ names: ['b'], a: undefined, b: record('b') });
  });

  it('a throwing transaction commits nothing and its error propagates unchanged', async () => {
    const store = createMemoryStore({ initial: [record('a')] });
    const failure = new Error('boom');
    const error = await rejectionOf(
      store.transact((tx) => {
        tx.putModel(record('b'));
        tx.deleteModel('a');
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    const asyncError = await rejectionOf(
      store.transact(async (tx) => {
        tx.putModel(record('c'));
        await Promise.resolve();
        throw failure;
      }),
    );
    expect(asyncError).toBe(failure);
    const reader = await store.read();
    expect(reader.modelNames()).toEqual(['a']);
    expect(reader.getModel('a')).toEqual(record('a'));
  });

  it('a transaction that writes nothing leaves every snapshot as it was', async () => {
    const store = createMemoryStore({ initial: [record('a')] });
    expect(await store.transact((tx) => tx.modelNames())).toEqual(['a']);
    expect((await store.read()).getModel('a')).toEqual(record('a'));
  });

  it('deleting a missing model is not an error', async () => {
    const store = createMemoryStore({ initial: [record('a')] });
    await store.transact((tx) => tx.deleteModel('ghost'));
    expect((await store.read()).modelNames()).toEqual(['a']);
  });

  it('refuses an invalid record put by custom code at commit, committing nothing', async () => {
    const store = createMemoryStore({ initial: [record('a')] });
    const broken = record('a', ['v1', 'v2']);
    const v2 = broken.versions.v2;
    if (v2 === undefined) throw new Error('missing');
    v2.version = 'v3'; // key and version disagree
    const error = await rejectionOf(
      store.transact((tx) => {
        tx.putModel(record('b'));
        tx.putModel(broken);
      }),
    );
    expect(error).toBeInstanceOf(Error);
    const reader = await store.read();
    expect(reader.modelNames()).toEqual(['a']);
    expect(reader.getModel('a')).toEqual(record('a'));
    // Failures are typed: a caller branches on the code, not on a zod class.
    expect(isRegistryError(error), 'expected a RegistryError, got a raw ZodError').toBe(true);
  });

  it('refuses a record with a non-finite number put by custom code', async () => {
    const store = createMemoryStore();
    const broken = record('a');
    const v1 = broken.versions.v1;
    if (v1 === undefined) throw new Error('missing');
    v1.evaluationScores.accuracy = Number.NaN;
    const error = await rejectionOf(store.transact((tx) => tx.putModel(broken)));
    expect(error).toBeInstanceOf(Error);
    expect((await store.read()).modelNames()).toEqual([]);
    expect(isRegistryError(error), 'expected a RegistryError, got a raw ZodError').toBe(true);
  });

  it('serialises concurrent transactions: no lost updates', async () => {
    const store = createMemoryStore({ initial: [record('counter', [])] });
    const increment = () =>
      store.transact(async (tx) => {
        const current = tx.getModel('counter');
        if (current === undefined) throw new Error('missing');
        const count = Object.keys(current.versions).length;
        await new Promise((resolve) => setTimeout(resolve, 0));
        const version = `v${count + 1}`;
        current.versions[version] = ModelRecordSchema.parse({
          metadata: { modelName: 'counter' },
          versions: { [version]: { modelName: 'counter', version } },
        }).versions[version] as ModelRecord['versions'][string];
        tx.putModel(current);
        return version;
      });
    const results = await Promise.all(Array.from({ length: 20 }, increment));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => `v${i + 1}`));
    expect(Object.keys((await store.read()).getModel('counter')?.versions ?? {})).toHaveLength(20);
  });

  it('a failed transaction does not block the next one', async () => {
    const store = createMemoryStore();
    const first = store.transact(() => {
      throw new Error('first fails');
    });
    const second = store.transact((tx) => {
      tx.putModel(record('a'));
      return 'ok';
    });
    await expect(first).rejects.toThrow('first fails');
    await expect(second).resolves.toBe('ok');
    expect((await store.read()).modelNames()).toEqual(['a']);
  });
});

describe('TransactionDraft', () => {
  function base(records: ModelRecord[]) {
    const map = new Map(records.map((r) => [r.metadata.modelName, r]));
    return {
      modelNames: () => [...map.keys()],
      getModel: (name: string) => {
        const found = map.get(name);
        return found === undefined ? undefined : structuredClone(found);
      },
    };
  }

  it('reads through to the base until something is written', () => {
    const draft = new TransactionDraft(base([record('a'), record('b')]));
    expect(draft.hasChanges).toBe(false);
    expect(draft.modelNames()).toEqual(['a', 'b']);
    expect(draft.getModel('a')).toEqual(record('a'));
    expect(draft.getModel('zz')).toBeUndefined();
    expect(draft.changes().size).toBe(0);
  });

  it('buffers puts and deletes, and reads see them', () => {
    const draft = new TransactionDraft(base([record('a'), record('b')]));
    draft.putModel(record('c'));
    draft.putModel(record('a', ['v1', 'v2']));
    draft.deleteModel('b');
    expect(draft.hasChanges).toBe(true);
    expect(draft.modelNames().sort()).toEqual(['a', 'c']);
    expect(draft.getModel('a')).toEqual(record('a', ['v1', 'v2']));
    expect(draft.getModel('b')).toBeUndefined();
    expect(draft.getModel('c')).toEqual(record('c'));
    expect([...draft.changes().entries()]).toEqual([
      ['c', record('c')],
      ['a', record('a', ['v1', 'v2'])],
      ['b', undefined],
    ]);
  });

  it('a put after a delete restores the model; a delete after a put removes it', () => {
    const draft = new TransactionDraft(base([record('a')]));
    draft.deleteModel('a');
    draft.putModel(record('a', ['v9']));
    expect(draft.modelNames()).toEqual(['a']);
    expect(Object.keys(draft.getModel('a')?.versions ?? {})).toEqual(['v9']);
    draft.putModel(record('n'));
    draft.deleteModel('n');
    expect(draft.modelNames()).toEqual(['a']);
    expect(draft.changes().get('n')).toBeUndefined();
    expect(draft.changes().has('n')).toBe(true);
  });

  it('copies records on the way in and on the way out', () => {
    const draft = new TransactionDraft(base([]));
    const mine = record('a');
    draft.putModel(mine);
    mine.metadata.owner = 'changed';
    const read = draft.getModel('a');
    expect(read?.metadata.owner).toBe('');
    if (read) read.metadata.owner = 'changed again';
    expect(draft.getModel('a')?.metadata.owner).toBe('');
  });
});

describe('createSerialQueue', () => {
  it('runs jobs one after another in call order', async () => {
    const serial = createSerialQueue();
    const log: string[] = [];
    const job = (name: string, ticks: number) => async () => {
      log.push(`start ${name}`);
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      serial(job('a', 5)),
      serial(job('b', 0)),
      serial(job('c', 2)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('propagates a failure to its caller only and keeps going', async () => {
    const serial = createSerialQueue();
    const log: string[] = [];
    const failing = serial(async () => {
      log.push('failing');
      throw new Error('nope');
    });
    const after = serial(async () => {
      log.push('after');
      return 42;
    });
    await expect(failing).rejects.toThrow('nope');
    await expect(after).resolves.toBe(42);
    expect(log).toEqual(['failing', 'after']);
  });

  it('does not start a job before the previous one settles', async () => {
    const serial = createSerialQueue();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let secondStarted = false;
    const first = serial(() => gate);
    const second = serial(async () => {
      secondStarted = true;
    });
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(secondStarted).toBe(false);
    release();
    await first;
    await second;
    expect(secondStarted).toBe(true);
  });

  it('separate queues do not wait for each other', async () => {
    const one = createSerialQueue();
    const two = createSerialQueue();
    let release: () => void = () => undefined;
    const blocked = one(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    await expect(two(async () => 'free')).resolves.toBe('free');
    release();
    await blocked;
  });
});
