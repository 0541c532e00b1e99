import { summarizeModel } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { attempt, expectSameAsWholeFile, random, registryFile } from '../test/streamed.js';
import type { FileIssue } from './corrupt.js';
import { decodeModelEntry } from './decode.js';
import { outlineValue } from './json-scan.js';
import { createJsonStore } from './json-store.js';
import { summaryFromEntry } from './summary-facts.js';

/** The entry outlined as the streamed read outlines it when summaries are asked for. */
function summaryOf(name: string, entryText: string) {
  const bytes = Buffer.from(`  ${entryText}  `);
  const entry = outlineValue(
    bytes,
    2,
    (path) => path.length === 0 || (path.length === 1 && path[0] === 'versions'),
  );
  return summaryFromEntry(name, bytes, entry);
}

function decodedSummary(name: string, entryText: string) {
  const issues: FileIssue[] = [];
  const decoded = decodeModelEntry(name, JSON.parse(entryText), ['models', name], issues);
  return decoded === undefined ? undefined : summarizeModel(decoded.record);
}

const KEYS = ['1', '2', '10', '01', 'v1', 'v2', 'v10', 'nightly', 'a.b', 'Z'];
const TIMES = [
  '"2026-01-01T00:00:00Z"',
  '"2026-01-01T00:00:00Z"',
  '"2026-03-01T00:00:00.000Z"',
  '"2025-12-31T23:59:59+01:00"',
  'null',
];
const FLAGS = ['true', 'false', 'null', 'true'];
const SPACES = ['', ' ', '\n  ', '\t', '\r\n'];

/** A random entry of valid versions: duplicates, escapes, ties, `true` elsewhere. */
function randomEntry(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const s = () => pick(SPACES);
  const versions: string[] = [];
  const count = Math.floor(next() * 7);
  for (let v = 0; v < count; v += 1) {
    const members: string[] = [];
    const memberCount = Math.floor(next() * 5);
    for (let m = 0; m < memberCount; m += 1) {
      const kind = Math.floor(next() * 8);
      if (kind <= 2) {
        const key = next() < 0.15 ? '"deploy\\u0065d"' : '"deployed"';
        members.push(`${key}${s()}:${s()}${pick(FLAGS)}`);
      } else if (kind <= 4) members.push(`"deployed_at"${s()}:${s()}${pick(TIMES)}`);
      else if (kind === 5) members.push(`"notes":${s()}"\\"deployed\\": true"`);
      else if (kind === 6) members.push(`"custom":${s()}{"deployed":${s()}true}`);
      else members.push(`"tags":${s()}["true", "caf\\u00e9 ☕"]`);
    }
    const key = next() < 0.1 ? `"v\\u0031"` : `"${pick(KEYS)}"`;
    versions.push(`${key}${s()}:${s()}{${s()}${members.join(`,${s()}`)}${s()}}`);
  }
  const metadata = pick([
    '',
    '"metadata": null,',
    '"metadata": {"description": "d", "owner": "o", "tags": ["x"], "created_at": "2026-01-01T00:00:00Z"},',
  ]);
  const versionsText = next() < 0.1 ? 'null' : `{${s()}${versions.join(`,${s()}`)}${s()}}`;
  return `{${s()}${metadata}${s()}"versions":${s()}${versionsText}${s()}}`;
}

describe('summaryFromEntry', () => {
  it('equals the summary of the decoded record whenever it gives one', () => {
    const next = random(11);
    let fromBytes = 0;
    for (let i = 0; i < 3000; i += 1) {
      const text = randomEntry(next);
      const summary = summaryOf('m', text);
      if (summary === undefined) continue;
      fromBytes += 1;
      expect(summary, text).toEqual(decodedSummary('m', text));
    }
    // Most of these entries are ordinary: the byte path must really be used.
    expect(fromBytes).toBeGreaterThan(1000);
  });

  it('decides ties by the order of the record keys (integer-like keys first)', () => {
    const text = `{"versions": {
      "v1": {"deployed": true},
      "10": {"deployed": true},
      "2": {"deployed": true, "deployed_at": null},
      "nightly": {"deployed": true}
    }}`;
    expect(
      summaryOf('m', text)?.deployedVersion ?? decodedSummary('m', text)?.deployedVersion,
    ).toBe('2');
    expect(summaryOf('m', text)).toEqual(decodedSummary('m', text));
  });

  it('finds a deployed flag written with escapes, and ignores `true` elsewhere', () => {
    const escaped = '{"versions": {"v1": {}, "v2": {"deploy\\u0065d": true}}}';
    expect(summaryOf('m', escaped)?.deployedVersion).toBe('v2');
    expect(decodedSummary('m', escaped)?.deployedVersion).toBe('v2');
    const elsewhere =
      '{"versions": {"v1": {"notes": "\\"deployed\\": true", "x": {"deployed": true}}}}';
    expect(summaryOf('m', elsewhere)?.deployedVersion).toBeUndefined();
  });

  it('gives nothing for an entry the decode refuses', () => {
    const refused = [
      '{"versions": {"bad key": {}}}',
      '{"versions": {"v1": 3}}',
      '{"versions": {"v1": {"deployed": true, "deployed_at": "not a time"}}}',
      '{"versions": {"v1": {"deployed": true, "deployed_at": 5}}}',
      '{"metadata": {"model_name": "other"}}',
      '{"metadata": {"tags": "x"}}',
      '{"metadata": {"created_at": "soon"}}',
    ];
    for (const text of refused) {
      expect(decodedSummary('m', text), text).toBeUndefined();
      expect(summaryOf('m', text), text).toBeUndefined();
    }
  });
});

/**
 * Entries whose summary cannot be read from the bytes as they are, but that
 * are fine JSON of the right shape: the decode refuses them, so the streamed
 * `modelSummary` must throw the same CORRUPT_REGISTRY error as `getModel`.
 */
const DAMAGED_ENTRIES: Record<string, string> = {
  'deployed is "yes"': '{"versions": {"v1": {"deployed": "yes"}}}',
  'deployed is "yes" beside a deployed version':
    '{"versions": {"v1": {"deployed": true}, "v2": {"deployed": "yes"}}}',
  'deployed is 1': '{"versions": {"v1": {"deployed": 1}}}',
  'deployed_at is not a timestamp (deployed)':
    '{"versions": {"v1": {"deployed": true, "deployed_at": "yesterday"}}}',
  'deployed_at is not a timestamp (not deployed)':
    '{"versions": {"v1": {"deployed": false, "deployed_at": "yesterday"}}}',
  'deployed_at is a number': '{"versions": {"v1": {"deployed": true, "deployed_at": 17}}}',
  'an invalid version key': '{"versions": {"v1": {}, "no spaces": {}}}',
  'a version key __proto__': '{"versions": {"__proto__": {}}}',
  'a version that is not an object': '{"versions": {"v1": []}}',
  'metadata names another model': '{"metadata": {"model_name": "other"}, "versions": {}}',
  'metadata tags not a list': '{"metadata": {"tags": "a,b"}}',
  'metadata created_at not a timestamp': '{"metadata": {"created_at": "soon"}}',
};

/**
 * Damage in parts of an entry the summary does not use, each with the entry
 * repaired. The contract lets `modelSummary` either refuse as `getModel`
 * does or summarise what it uses; a summary must then be the one of the
 * repaired entry (the damage is reported when the model is read).
 */
const DAMAGE_ELSEWHERE: Record<string, readonly [damaged: string, repaired: string]> = {
  'a version status that does not exist': [
    '{"versions": {"v1": {"status": "bogus"}}}',
    '{"versions": {"v1": {}}}',
  ],
  'a training sample count that is text': [
    '{"versions": {"v1": {"training": {"samples": "many"}}}}',
    '{"versions": {"v1": {"training": {}}}}',
  ],
  'a parent reference that is not a name': [
    '{"versions": {"v1": {"deployed": true, "parent_version": "a b"}}}',
    '{"versions": {"v1": {"deployed": true}}}',
  ],
  'a version that names another model': [
    '{"versions": {"v1": {"model_name": "other"}, "v2": {}}}',
    '{"versions": {"v1": {}, "v2": {}}}',
  ],
  'deployments not a list': [
    '{"versions": {}, "deployments": {"v1": "deploy"}}',
    '{"versions": {}}',
  ],
};

async function expectSummaryOfRepairedOrRefused(damaged: string, repaired: string): Promise<void> {
  const path = await registryFile(
    `{"version": "2.0", "models": {"fine": {"versions": {"v1": {}}}, "damaged": ${damaged}}}`,
  );
  const whole = await createJsonStore({ path }).read();
  const refusal = attempt(() => whole.getModel('damaged'));
  expect(refusal).toMatchObject({ ok: false, code: 'CORRUPT_REGISTRY' });
  const repairedSummary = decodedSummary('damaged', repaired);
  expect(repairedSummary).toBeDefined();
  for (const intent of [{ summaries: true }, { summaries: true, models: ['damaged'] }]) {
    const reader = await createJsonStore({ path }).read(intent);
    const label = JSON.stringify(intent);
    const outcome = attempt(() => reader.modelSummary?.('damaged'));
    if (outcome.ok) expect(outcome.value, label).toEqual(repairedSummary);
    else expect(outcome, label).toEqual(refusal);
    expect(
      attempt(() => reader.getModel('damaged')),
      label,
    ).toEqual(refusal);
  }
  await expectSameAsWholeFile(path);
}

async function expectSummaryRefusedLikeGetModel(entry: string): Promise<void> {
  const path = await registryFile(
    `{"version": "2.0", "models": {"fine": {"versions": {"v1": {}}}, "damaged": ${entry}}}`,
  );
  const whole = await createJsonStore({ path }).read();
  const expected = attempt(() => whole.getModel('damaged'));
  expect(expected).toMatchObject({ ok: false, code: 'CORRUPT_REGISTRY' });
  for (const intent of [{ summaries: true }, { summaries: true, models: ['damaged'] }, {}]) {
    const reader = await createJsonStore({ path }).read(intent);
    const label = JSON.stringify(intent);
    expect(
      attempt(() => reader.getModel('damaged')),
      label,
    ).toEqual(expected);
    // A fresh reader, so that the summary is asked for before the record.
    const fresh = await createJsonStore({ path }).read(intent);
    expect(fresh.modelSummary, label).toBeTypeOf('function');
    expect(
      attempt(() => fresh.modelSummary?.('damaged')),
      `${label} modelSummary('damaged')`,
    ).toEqual(expected);
    expect(fresh.modelSummary?.('fine'), label).toEqual(
      summarizeModel(whole.getModel('fine') ?? fail()),
    );
  }
  await expectSameAsWholeFile(path);
}

function fail(): never {
  throw new Error('missing');
}

describe('modelSummary of a damaged entry throws the error getModel throws', () => {
  for (const [name, entry] of Object.entries(DAMAGED_ENTRIES)) {
    it(`${name}`, async () => {
      await expectSummaryRefusedLikeGetModel(entry);
    });
  }
});

describe('modelSummary of an entry damaged where the summary does not look', () => {
  for (const [name, [damaged, repaired]] of Object.entries(DAMAGE_ELSEWHERE)) {
    it(`${name}`, async () => {
      await expectSummaryOfRepairedOrRefused(damaged, repaired);
    });
  }
});
