import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afs, copyFixture, FIXTURES, json, tempRegistry } from './afs.js';

let reg: ReturnType<typeof tempRegistry>;
let r: string[];
beforeEach(() => {
  reg = tempRegistry();
  r = ['--registry', reg.file];
});
afterEach(() => reg.cleanup());

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function lineageFixture() {
  const steps = [
    [
      'majora',
      'v1',
      '--base-model',
      'Qwen2.5-Coder-7B',
      '--data',
      'code-v1',
      '--accuracy',
      '0.85',
      '--git-commit',
      'aaa111',
    ],
    ['majora', 'v2', '--parent', 'v1', '--data', 'code-v2', '--accuracy', '0.87'],
    ['majora', 'v3', '--parent', 'v1', '--data', 'docs', '--accuracy', '0.86'],
    ['majora', 'v4', '--parent', 'v2', '--parent', 'v3', '--accuracy', '0.9'],
    ['nayru', 'v1', '--parent', 'majora:v4', '--data', 'chat'],
  ];
  for (const step of steps) expect(afs([...r, 'registry', 'add', ...step]).status).toBe(0);
  expect(afs([...r, 'registry', 'deploy', 'majora', 'v4']).status).toBe(0);
}

describe('tree', () => {
  it('draws merges once and names the other parent', () => {
    lineageFixture();
    const out = afs([...r, 'registry', 'tree', 'majora']);
    expect(out.status).toBe(0);
    expect(out.stdout.match(/v4/g)).toHaveLength(1);
    expect(out.stdout).toMatch(/v4 .*also from v3/);
    expect(out.stdout).toContain('└──');
  });

  it('renders Mermaid, DOT and a JSON graph', () => {
    lineageFixture();
    const mermaid = afs([...r, 'registry', 'tree', 'majora', '--format', 'mermaid']).stdout;
    expect(mermaid.startsWith('graph TD')).toBe(true);
    expect(mermaid).toContain('-->');
    const dot = afs([...r, 'registry', 'tree', 'majora', '--format', 'dot']).stdout;
    expect(dot).toMatch(/^digraph/);
    expect(dot).toContain('"majora:v1" -> "majora:v2"');
    const graph = json<{ nodes: Array<{ id: string }>; edges: unknown[] }>(
      afs([...r, 'registry', 'tree', 'majora', '--json']),
    );
    expect(graph.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(['majora:v1', 'majora:v4', 'nayru:v1']),
    );
    expect(graph.edges.length).toBeGreaterThanOrEqual(5);
  });

  it('an unknown model exits 1', () => {
    lineageFixture();
    expect(afs([...r, 'registry', 'tree', 'zelda']).status).toBe(1);
  });
});

describe('lineage and impact', () => {
  it('lineage lists versions chronologically with parents and data', () => {
    lineageFixture();
    const out = afs([...r, 'registry', 'lineage', 'majora']);
    const rows = out.stdout.split('\n').filter((line) => /^\s*●?\s*v\d/.test(line));
    expect(rows.map((row) => row.trim().replace('● ', '').split(/\s+/)[0])).toEqual([
      'v1',
      'v2',
      'v3',
      'v4',
    ]);
    expect(out.stdout).toMatch(/v4 .*v2, v3/);
    const entries = json<Array<{ version: string; parents: string[] }>>(
      afs([...r, 'registry', 'lineage', 'majora', '--json']),
    );
    expect(entries.find((e) => e.version === 'v4')?.parents).toEqual(['majora:v2', 'majora:v3']);
  });

  it('impact finds every version a dataset reached and marks the deployed ones', () => {
    lineageFixture();
    const report = json<{
      versions: Array<{ id: string; direct: boolean }>;
      deployed: Array<{ id: string }>;
    }>(afs([...r, 'registry', 'impact', '--dataset', 'code-v2', '--json']));
    expect(report.versions.map((v) => v.id)).toEqual(['majora:v2', 'majora:v4', 'nayru:v1']);
    expect(report.deployed.map((v) => v.id)).toEqual(['majora:v4']);
    const human = afs([...r, 'registry', 'impact', '--dataset', 'code-v2']).stdout;
    expect(human).toContain('3 versions reached by dataset "code-v2"; deployed now: majora:v4');
    expect(human).toMatch(/nayru:v1\s+draft\s+via majora:v2 \(2 steps\)/);
    const base = json<{ versions: unknown[] }>(
      afs([...r, 'registry', 'impact', '--base-model', 'Qwen2.5-Coder-7B', '--json']),
    );
    expect(base.versions).toHaveLength(5);
    expect(afs([...r, 'registry', 'impact']).status).toBe(2);
  });
});

describe('files from the Python system', () => {
  it('reads the Python registry.json as it is, without changing it', () => {
    copyFixture('python-registry.json', reg.file);
    const before = sha(reg.file);
    const list = json<Array<{ modelName: string; deployedVersion: string }>>(
      afs([...r, 'registry', 'list', '--json']),
    );
    expect(list.map((m) => [m.modelName, m.deployedVersion])).toEqual([
      ['din', 'v1'],
      ['farore', undefined],
    ]);
    const info = json<{ version: { evaluationScores: { customMetrics: Record<string, number> } } }>(
      afs([...r, 'registry', 'info', 'din', '--version', 'v1', '--json']),
    );
    expect(info.version.evaluationScores.customMetrics).toEqual({ tool_use: 0.6 });
    expect(afs([...r, 'registry', 'versions', 'farore']).stdout).toContain('v1.0.0');
    expect(sha(reg.file)).toBe(before);
  });

  it("reads the seed document's sample registry.json", () => {
    copyFixture('seed-sample-registry.json', reg.file);
    const info = json<{
      model: { owner: string };
      version: { version: string; deployed: boolean; training: { costUsd: number } };
    }>(afs([...r, 'registry', 'info', 'majora', '--json']));
    expect(info.model.owner).toBe('scawful');
    expect(info.version).toMatchObject({
      version: 'v1',
      deployed: true,
      training: { costUsd: 0.8 },
    });
  });

  it('the first write to a Python file keeps a backup of the original and says so', () => {
    copyFixture('python-registry.json', reg.file);
    const original = readFileSync(reg.file, 'utf8');
    const out = afs([...r, 'registry', 'add', 'din', '--parent', 'v2']);
    expect(out.status).toBe(0);
    expect(out.stderr).toContain('registry.json.v1.bak');
    expect(readFileSync(`${reg.file}.v1.bak`, 'utf8')).toBe(original);
    expect(JSON.parse(readFileSync(reg.file, 'utf8')).version).toBe('2.0');
  });

  it('imports a legacy registry.json and lineage.json and reports what it merged', () => {
    afs([...r, 'registry', 'add', 'majora']);
    const imported = afs([
      ...r,
      'registry',
      'import',
      join(FIXTURES, 'python-registry.json'),
      '--lineage',
      join(FIXTURES, 'python-lineage.json'),
    ]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/added 3 versions \(new models: din, farore\)/);
    expect(imported.stdout).toMatch(/^Lineage .*python-lineage\.json: /m);
    const list = json<Array<{ modelName: string }>>(afs([...r, 'registry', 'list', '--json']));
    expect(list.map((m) => m.modelName)).toEqual(['din', 'farore', 'majora']);
    const v2 = json<{ version: { parentVersion: string; trainingDataSources: string[] } }>(
      afs([...r, 'registry', 'info', 'din', '--version', 'v2', '--json']),
    );
    expect(v2.version.parentVersion).toBe('v1');
    expect(v2.version.trainingDataSources).toContain('asm-qa-2');

    const again = json<{ registry: { added: unknown[]; skipped: unknown[] } }>(
      afs([...r, 'registry', 'import', join(FIXTURES, 'python-registry.json'), '--json']),
    );
    expect(again.registry.added).toEqual([]);
    expect(again.registry.skipped).toHaveLength(3);
  });

  it('import needs a file or --lineage, and a missing file is reported', () => {
    expect(afs([...r, 'registry', 'import']).status).toBe(2);
    const missing = afs([...r, 'registry', 'import', join(reg.dir, 'nope.json'), '--json']);
    expect(missing.status).not.toBe(0);
    expect(JSON.parse(missing.stderr).error.message).toContain('nope.json');
  });
});
