import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built binary: these tests exercise what users install. */
export const BIN = new URL('../dist/bin.js', import.meta.url).pathname;
export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.AFS_REGISTRY;
  delete env.FORCE_COLOR;
  return env;
};

export function afs(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...baseEnv(), ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function afsAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...baseEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A fresh folder per test, removed afterwards. */
export function tempRegistry(): { dir: string; file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'afs-cli-test-'));
  return {
    dir,
    file: join(dir, 'registry.json'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function copyFixture(name: string, to: string): string {
  copyFileSync(join(FIXTURES, name), to);
  return to;
}

export function json<T = unknown>(result: RunResult): T {
  if (result.status !== 0) throw new Error(`afs failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
