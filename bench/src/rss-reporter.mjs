// Preloaded (node --import) into a measured process: on exit, writes the
// process's peak resident set size in KiB to $AFS_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.AFS_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
