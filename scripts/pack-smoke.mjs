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
  // vitest is the conformance kit's peer: install the version the workspace tests with.
  const vitest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies
    .vitest;
  const npmInstall = ['install', '--no-fund', '--no-audit', '--loglevel=error'];
  run('npm', [...npmInstall, ...tarballs, `vitest@${vitest}`], scratch);
  const copy = (name, as) =>
    writeFileSync(join(scratch, as), readFileSync(join(root, 'scripts', name)));
  copy('pack-smoke-usage.mjs', 'smoke.mjs');
  process.stdout.write(run('node', ['smoke.mjs'], scratch));
  copy('pack-smoke-conformance.test.mjs', 'kit.test.mjs');
  const kit = run(join('node_modules', '.bin', 'vitest'), ['run', '--reporter=json'], scratch);
  const results = JSON.parse(kit.slice(kit.indexOf('{')));
  if (results.numTotalTests === 0 || results.numFailedTests > 0) {
    throw new Error(
      `conformance kit from the tarball: ${results.numFailedTests} of ${results.numTotalTests} failed`,
    );
  }
  console.log(
    `conformance kit from the tarball: ${results.numPassedTests} passed against the packed JSON store`,
  );
  console.log(`pack smoke test passed for ${publishable.map((p) => p.name).join(', ')}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
