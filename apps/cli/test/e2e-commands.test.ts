import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afs, json, tempRegistry } from './afs.js';

let reg: ReturnType<typeof tempRegistry>;
let r: string[];
beforeEach(() => {
  reg = tempRegistry();
  r = ['--registry', reg.file];
});
afterEach(() => reg.cleanup());

function addTwo() {
  expect(
    afs([
      ...r,
      'registry',
      'add',
      'majora',
      'v1',
      '--base-model',
      'Qwen2.5-Coder-7B',
      '--samples',
      '223',
      '--epochs',
      '3',
      '--accuracy',
      '0.85',
      '--data',
      'code-v1',
      '--lora-path',
      '/m/v1',
    ]).status,
  ).toBe(0);
  expect(
    afs([
      ...r,
      'registry',
      'add',
      'majora',
      '--parent',
      'v1',
      '--samples',
      '400',
      '--accuracy',
      '0.87',
      '--perplexity',
      '5.9',
      '--data',
      'code-v2',
    ]).status,
  ).toBe(0);
}

describe('afs registry (human output)', () => {
  it('add, list, info, versions', () => {
    const added = afs([
      ...r,
      'registry',
      'add',
      'majora',
      '--base-model',
      'Qwen2.5-Coder-7B',
      '--accuracy',
      '0.85',
    ]);
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('Registered majora v1');
    afs([...r, 'registry', 'add', 'majora', '--parent', 'v1', '--accuracy', '0.87']);
    const list = afs([...r, 'registry', 'list']);
    expect(list.stdout).toMatch(/^MODEL\s+VERSIONS\s+LATEST/);
    expect(list.stdout).toMatch(/majora\s+2\s+v2\s+-/);
    const info = afs([...r, 'registry', 'info', 'majora']);
    expect(info.stdout).toContain('majora v2');
    expect(info.stdout).toMatch(/parents\s+v1/);
    expect(afs([...r, 'registry', 'info', 'majora', '--version', 'v1']).stdout).toContain(
      'majora v1',
    );
    const versions = afs([...r, 'registry', 'versions', 'majora']);
    expect(versions.stdout.split('\n').filter((l) => /^v\d/.test(l))).toHaveLength(2);
  });

  it('compare marks the better side', () => {
    addTwo();
    const out = afs([...r, 'registry', 'compare', 'majora', 'v1', 'v2']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/accuracy\s+0\.85\s+0\.87\s+\+0\.02\s+v2 better/);
  });

  it('deploy, rollback, history, status, score, delete', () => {
    addTwo();
    expect(afs([...r, 'registry', 'deploy', 'majora', 'v1']).stdout).toMatch(
      /● majora v1 deployed at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    expect(afs([...r, 'registry', 'deploy', 'majora', 'v2']).stdout).toContain('(v1 deprecated)');
    expect(afs([...r, 'registry', 'rollback', 'majora']).stdout).toContain(
      'rolled back from v2 to v1',
    );
    const history = afs([...r, 'registry', 'history', 'majora']);
    expect(history.stdout).toMatch(/deploy\s+v1/);
    expect(history.stdout).toMatch(/rollback\s+v1\s+v2/);
    expect(history.stdout).toContain('Deployed now: ● v1');
    expect(
      afs([
        ...r,
        'registry',
        'score',
        'majora',
        'v2',
        '--f1-score',
        '0.8',
        '--metric',
        'tool_use=0.6',
      ]).stdout,
    ).toContain('tool_use: 0.6');
    expect(afs([...r, 'registry', 'status', 'majora', 'v2', 'archived']).stdout).toBe(
      'majora v2 is now archived\n',
    );
    expect(afs([...r, 'registry', 'delete', 'majora', 'v2']).stdout).toBe('Deleted majora v2\n');
  });

  it('uses AFS_REGISTRY when --registry is absent, and a folder path means registry.json inside it', () => {
    expect(afs(['registry', 'add', 'din'], { AFS_REGISTRY: reg.dir }).status).toBe(0);
    expect(JSON.parse(readFileSync(reg.file, 'utf8')).models.din.versions.v1.version).toBe('v1');
  });

  it('the plain JSON store works too', () => {
    expect(afs([...r, '--store', 'json', 'registry', 'add', 'din']).status).toBe(0);
    expect(
      json<Array<{ modelName: string }>>(
        afs([...r, '--store', 'json', 'registry', 'list', '--json']),
      )[0]?.modelName,
    ).toBe('din');
  });
});

describe('afs registry --json', () => {
  it('prints only JSON with the API field names', () => {
    addTwo();
    const list = json<Array<Record<string, unknown>>>(afs([...r, 'registry', 'list', '--json']));
    expect(list).toEqual([
      expect.objectContaining({ modelName: 'majora', versionCount: 2, latestVersion: 'v2' }),
    ]);
    const info = json<{ version: { training: { baseModel: string } } }>(
      afs([...r, 'registry', 'info', 'majora', '--version', 'v1', '--json']),
    );
    expect(info.version.training.baseModel).toBe('Qwen2.5-Coder-7B');
    const versions = json<Array<{ version: string }>>(
      afs([...r, 'registry', 'versions', 'majora', '--json']),
    );
    expect(versions.map((v) => v.version)).toEqual(['v1', 'v2']);
    const diff = json<{ metrics: Array<{ metric: string; delta: number; better: string }> }>(
      afs([...r, 'registry', 'compare', 'majora', 'v1', 'v2', '--json']),
    );
    expect(diff.metrics.find((m) => m.metric === 'accuracy')).toMatchObject({
      delta: 0.02,
      better: 'b',
    });
    const added = json<{ version: string; parentVersion: string }>(
      afs([...r, 'registry', 'add', 'majora', '--parent', 'v2', '--json']),
    );
    expect(added).toMatchObject({ version: 'v3', parentVersion: 'v2' });
    const deployed = json<{ deployed: { version: string } }>(
      afs([...r, 'registry', 'deploy', 'majora', 'v3', '--json']),
    );
    expect(deployed.deployed.version).toBe('v3');
    afs([...r, 'registry', 'deploy', 'majora', 'v2']);
    const rolled = json<{ deployed: { version: string }; previous: string }>(
      afs([...r, 'registry', 'rollback', 'majora', '--json']),
    );
    expect(rolled).toMatchObject({ deployed: { version: 'v3' }, previous: 'v2' });
    const scored = json<{ evaluationScores: { bleuScore: number } }>(
      afs([...r, 'registry', 'score', 'majora', 'v1', '--bleu-score', '0.3', '--json']),
    );
    expect(scored.evaluationScores.bleuScore).toBe(0.3);
    const status = json<{ status: string }>(
      afs([...r, 'registry', 'status', 'majora', 'v1', 'archived', '--json']),
    );
    expect(status.status).toBe('archived');
    const history = json<{ events: Array<{ action: string }> }>(
      afs([...r, 'registry', 'history', 'majora', '--json']),
    );
    expect(history.events.map((e) => e.action)).toEqual(['deploy', 'deploy', 'rollback']);
    const deleted = json<{ deleted: { version: string } }>(
      afs([...r, 'registry', 'delete', 'majora', 'v3', '--force', '--json']),
    );
    expect(deleted.deleted.version).toBe('v3');
  });

  it('failures put {"error": {code, message}} on stderr and nothing on stdout', () => {
    addTwo();
    const missing = afs([...r, 'registry', 'info', 'nayru', '--json']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(JSON.parse(missing.stderr)).toEqual({
      error: { code: 'MODEL_NOT_FOUND', message: expect.stringContaining('Known models: majora') },
    });
    const usage = afs([...r, 'registry', 'add', 'majora', '--samples', 'many', '--json']);
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stderr).error.code).toBe('USAGE');
  });
});

describe('exit codes and messages', () => {
  it('0 on success, 1 when the operation fails, 2 for usage errors', () => {
    addTwo();
    expect(afs([...r, 'registry', 'list']).status).toBe(0);
    const exists = afs([...r, 'registry', 'add', 'majora', 'v1']);
    expect(exists.status).toBe(1);
    expect(exists.stderr).toContain('already exists');
    expect(afs([...r, 'registry', 'deploy', 'majora', 'v9']).status).toBe(1);
    expect(afs([...r, 'registry', 'rollback', 'majora']).status).toBe(1);
    expect(afs([...r, 'registry', 'delete', 'majora', 'v1']).status).toBe(1);
    expect(afs([...r, 'registry']).status).toBe(2);
    expect(afs([...r, 'registry', 'nonsense']).status).toBe(2);
    expect(afs([...r, 'registry', 'list', '--no-such-flag']).status).toBe(2);
    expect(afs([...r, 'registry', 'versions', 'majora', '--status', 'shipping']).status).toBe(2);
    expect(afs([...r, 'registry', 'add', 'bad/name']).status).toBe(2);
    expect(afs([...r, 'registry', 'add', 'majora', '--learning-rate', '-1']).status).toBe(2);
  });

  it('errors are one readable line without a stack trace unless --verbose', () => {
    const plain = afs([...r, 'registry', 'info', 'nayru']);
    expect(plain.stderr).toMatch(/^error: Model "nayru" is not in the registry\./);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const verbose = afs([...r, 'registry', 'info', 'nayru', '--verbose']);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('a corrupt registry is refused with exit 1 and left as it was', () => {
    writeFileSync(reg.file, '{"version": "1.0", "models": {');
    const out = afs([...r, 'registry', 'add', 'majora']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(reg.file);
    expect(readFileSync(reg.file, 'utf8')).toBe('{"version": "1.0", "models": {');
  });

  it('--version prints the package version, --help lists options with examples', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(afs(['--version']).stdout.trim()).toBe(pkg.version);
    const help = afs(['registry', 'add', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--base-model');
    expect(help.stdout).toContain('Examples:');
  });

  it('colour only when asked for, never with NO_COLOR', () => {
    addTwo();
    expect(afs([...r, 'registry', 'list', '--color']).stdout).toContain('\u001b[');
    expect(afs([...r, 'registry', 'list']).stdout).not.toContain('\u001b[');
    expect(
      afs([...r, 'registry', 'list'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout,
    ).not.toContain('\u001b[');
  });
});
