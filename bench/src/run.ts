import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { apiTable, cliTable, lineageTable, misses } from './report.js';
import { type CliRow, runApiSuite, runCliSuite, runLineageSuite } from './suites.js';
import { replaceBetween } from './table.js';

// `pnpm bench -- --runs 9` passes the `--` through; it separates nothing here.
const args = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--'));
const { values } = parseArgs({
  args,
  options: {
    sizes: { type: 'string', default: '2,1000,10000,100000' },
    runs: { type: 'string', default: '15' },
    write: { type: 'boolean', default: false },
  },
});

const sizes = String(values.sizes).split(',').map(Number);
const runs = Number(values.runs);
const cliBin = new URL('../../apps/cli/dist/bin.js', import.meta.url).pathname;

const cli: CliRow[] = [];
for (const size of sizes) {
  // Big registries take seconds per run; fewer runs keep the suite bounded.
  const sizeRuns = size >= 100_000 ? Math.min(runs, 5) : runs;
  process.stderr.write(`CLI at ${size} versions (${sizeRuns} runs per command)…\n`);
  cli.push(...runCliSuite(cliBin, size, sizeRuns));
}
process.stderr.write('API operations at 1,000 versions…\n');
const api = await runApiSuite(1000, 30);
process.stderr.write('Lineage queries at 100,000 versions…\n');
const lineage = await runLineageSuite(100_000, 5);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const report = [
  `Machine: ${machine}`,
  '',
  '### CLI, whole process (fs-lock store), median of alternating runs',
  '',
  cliTable(cli),
  '',
  '### API in process, 1,000-version registry',
  '',
  apiTable(api),
  '',
  '### Lineage, 100,000-version graph',
  '',
  lineageTable(lineage),
].join('\n');
console.log(report);

const missed = misses(cli, api, lineage);
console.log(
  missed.length === 0
    ? '\nEvery row is within its budget.'
    : `\nOutside the budget:\n${missed.map((m) => `- ${m}`).join('\n')}`,
);

if (values.write) {
  const readme = new URL('../README.md', import.meta.url);
  const text = readFileSync(readme, 'utf8');
  writeFileSync(readme, replaceBetween(text, '<!-- bench:start -->', '<!-- bench:end -->', report));
  process.stderr.write('bench/README.md updated.\n');
}
