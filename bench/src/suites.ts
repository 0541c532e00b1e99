import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineageGraph } from '@afs/lineage';
import { ModelRegistry, type RegistryStore } from '@afs/registry-core';
import { createFsLockStore } from '@afs/registry-store-fs-lock';
import { createJsonStore } from '@afs/registry-store-json';
import { generateRecords, renderRegistry } from './generate.js';
import { type ProcessSpec, peakMemoryMb, timeAgainstBaseline, timeInProcess } from './measure.js';
import { median, ratio, round } from './stats.js';

export type CommandKind = 'read' | 'write';

export interface CliCase {
  command: string;
  kind: CommandKind;
  args: (run: number) => string[];
}

const MODEL = 'model-0000';

/** The commands the budget names, each against the first model of the registry. */
export const CLI_CASES: readonly CliCase[] = [
  { command: 'list', kind: 'read', args: () => ['registry', 'list'] },
  { command: 'info', kind: 'read', args: () => ['registry', 'info', MODEL] },
  { command: 'versions', kind: 'read', args: () => ['registry', 'versions', MODEL] },
  { command: 'compare', kind: 'read', args: () => ['registry', 'compare', MODEL, 'v1', 'v2'] },
  { command: 'tree', kind: 'read', args: () => ['registry', 'tree', MODEL] },
  {
    command: 'add',
    kind: 'write',
    args: () => ['registry', 'add', MODEL, '--samples', '100', '--accuracy', '0.5'],
  },
  // Alternating versions, so that every run really changes what is deployed.
  {
    command: 'deploy',
    kind: 'write',
    args: (run) => ['registry', 'deploy', MODEL, run % 2 === 0 ? 'v1' : 'v2'],
  },
  {
    command: 'score',
    kind: 'write',
    args: (run) => ['registry', 'score', MODEL, 'v1', '--accuracy', String(0.5 + (run % 10) / 100)],
  },
];

/** Median-ratio budgets per registry size; `undefined`: reported only. */
export function budgetFor(versions: number, kind: CommandKind): number | undefined {
  if (versions <= 2) return kind === 'read' ? 2.0 : 2.5;
  if (versions === 10_000) return kind === 'read' ? 3.5 : 5.0;
  return undefined;
}

export const MEMORY_BUDGET_MB = 150;

export interface CliRow {
  versions: number;
  command: string;
  kind: CommandKind;
  medianMs: number;
  baselineMs: number;
  ratio: number;
  budget: number | undefined;
  peakMb: number;
}

export function makeRegistryFile(dir: string, versions: number): string {
  const file = join(dir, `registry-${versions}.json`);
  writeFileSync(
    file,
    renderRegistry(generateRecords({ versions, perModel: Math.min(100, Math.max(2, versions)) })),
  );
  return file;
}

/** Whole-process timings of the built CLI against `node -e 0`, fs-lock store. */
export function runCliSuite(cliBin: string, versions: number, runs: number): CliRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'afs-bench-'));
  try {
    const pristine = makeRegistryFile(dir, versions);
    const registry = join(dir, 'registry.json');
    const rows: CliRow[] = [];
    for (const testCase of CLI_CASES) {
      copyFileSync(pristine, registry);
      let run = 0;
      const spec: ProcessSpec = {
        args: [],
        env: { NO_COLOR: '1', AFS_REGISTRY: registry },
        before: () => {
          spec.args = [cliBin, ...testCase.args(run++)];
          // Writes that grow the file (add) start from the same registry every time.
          if (testCase.command === 'add') copyFileSync(pristine, registry);
        },
      };
      spec.args = [cliBin, ...testCase.args(0)];
      const timed = timeAgainstBaseline(spec, runs);
      const medianMs = median(timed.commandMs);
      const baselineMs = median(timed.baselineMs);
      rows.push({
        versions,
        command: testCase.command,
        kind: testCase.kind,
        medianMs: round(medianMs, 1),
        baselineMs: round(baselineMs, 1),
        ratio: round(ratio(medianMs, baselineMs)),
        budget: budgetFor(versions, testCase.kind),
        peakMb: round(peakMemoryMb(spec), 1),
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ApiRow {
  store: string;
  operation: string;
  medianMs: number;
}

/** In-process registry operations on a 1,000-version registry, with each file store. */
export async function runApiSuite(versions: number, runs: number): Promise<ApiRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'afs-bench-api-'));
  try {
    const pristine = makeRegistryFile(dir, versions);
    const stores: Array<[string, (path: string) => RegistryStore]> = [
      ['json', (path) => createJsonStore({ path })],
      ['fs-lock', (path) => createFsLockStore({ path })],
    ];
    const rows: ApiRow[] = [];
    for (const [name, create] of stores) {
      const file = join(dir, `${name}.json`);
      copyFileSync(pristine, file);
      const store = create(file);
      const registry = new ModelRegistry({ store });
      let toggle = 0;
      const operations: Array<[string, () => Promise<unknown>]> = [
        ['getVersion', () => registry.getVersion(MODEL, 'v1')],
        ['getLatest', () => registry.getLatest(MODEL)],
        ['listVersions', () => registry.listVersions(MODEL)],
        ['listModels', () => registry.listModels()],
        ['compareVersions', () => registry.compareVersions(MODEL, 'v1', 'v2')],
        ['registerModel', () => registry.registerModel({ modelName: 'bench-target', samples: 10 })],
        [
          'updateEvaluationScores',
          () =>
            registry.updateEvaluationScores(MODEL, 'v1', { accuracy: 0.5 + (toggle++ % 10) / 100 }),
        ],
        ['setDeployed', () => registry.setDeployed(MODEL, toggle++ % 2 === 0 ? 'v1' : 'v2')],
      ];
      for (const [operation, run] of operations) {
        rows.push({ store: name, operation, medianMs: round(await timeInProcess(run, runs), 2) });
      }
      await store.close?.();
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LineageRow {
  query: string;
  medianMs: number;
  resultSize: number;
}

/** Lineage graph build and queries on a large generated graph. */
export async function runLineageSuite(versions: number, runs: number): Promise<LineageRow[]> {
  const records = generateRecords({ versions, perModel: 100 });
  let graph = LineageGraph.fromRecords(records);
  const deepest = `v${Math.min(100, versions)}`;
  const rows: LineageRow[] = [];
  const measure = async (query: string, run: () => number) => {
    let size = 0;
    const ms = await timeInProcess(
      () => {
        size = run();
      },
      runs,
      1,
    );
    rows.push({ query, medianMs: round(ms, 1), resultSize: size });
  };
  await measure('build graph', () => {
    graph = LineageGraph.fromRecords(records);
    return graph.size;
  });
  await measure(`ancestors of ${MODEL}:${deepest}`, () => graph.ancestors(MODEL, deepest).length);
  await measure(`descendants of ${MODEL}:v1`, () => graph.descendants(MODEL, 'v1').length);
  await measure(
    'dataset impact of dataset-0',
    () => graph.datasetImpact('dataset-0').versions.length,
  );
  await measure(
    'dataset impact of shared-corpus-3',
    () => graph.datasetImpact('shared-corpus-3').versions.length,
  );
  return rows;
}
