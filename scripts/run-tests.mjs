#!/usr/bin/env node
// Runs every package's tests through turbo, then prints one closing line,
// `N passed, N failed`, summed from each package's vitest JSON report. The
// reports are deleted first, so a package that crashed before writing one
// counts as a failure instead of reusing an old result.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(root, dir, entry.name, 'package.json')),
    )
    .map((entry) => join(root, dir, entry.name)),
);
const withTests = workspaces.filter((dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return typeof pkg.scripts?.test === 'string';
});
for (const dir of withTests) rmSync(join(dir, '.test-report'), { recursive: true, force: true });

const extra = process.argv.slice(2);
const turbo = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'test',
    '--continue',
    '--concurrency=2',
    ...(extra.length ? ['--', ...extra] : []),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const dir of withTests) {
  const report = join(dir, '.test-report', 'results.json');
  if (!existsSync(report)) {
    failed += 1;
    problems.push(`${dir}: no test report (the test run crashed or did not start)`);
    continue;
  }
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + (results.numTodoTests ?? 0);
  // A file that fails to load has no tests to count; it is still a failure.
  const brokenFiles = results.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  failed += brokenFiles.length;
  for (const file of brokenFiles) problems.push(`${file.name}: ${file.message.split('\n')[0]}`);
}
for (const problem of problems) console.log(`problem: ${problem}`);
if (turbo.status !== 0 && failed === 0) {
  failed += 1;
  console.log(
    'problem: turbo exited non-zero without a failing test (a build or config step failed)',
  );
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
