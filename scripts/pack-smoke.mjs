#!/usr/bin/env node
// Packaging smoke test: build, `pnpm pack` every publishable package, install
// the tarballs into an empty scratch project with npm, and use the public API
// from there. What we publish is what we test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const publishable = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const pkgDir = join(root, dir, name);
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    return pkg.private ? [] : [{ dir: pkgDir, name: pkg.name }];
  }),
);

const scratch = mkdtempSync(join(tmpdir(), 'afs-pack-smoke-'));
try {
  run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], root);
  const tarballs = publishable.map(({ dir }) => {
    const out = run('pnpm', ['pack', '--pack-destination', scratch], dir).trim().split('\n').pop();
    return out.startsWith('/') ? out : join(scratch, out);
  });
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
  );
  run('npm', ['install', '--no-fund', '--no-audit', '--loglevel=error', ...tarballs], scratch);
  writeFileSync(
    join(scratch, 'smoke.mjs'),
    readFileSync(join(root, 'scripts', 'pack-smoke-usage.mjs')),
  );
  const output = run('node', ['smoke.mjs'], scratch);
  process.stdout.write(output);
  console.log(`pack smoke test passed for ${publishable.map((p) => p.name).join(', ')}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
