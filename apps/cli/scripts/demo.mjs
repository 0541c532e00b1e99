#!/usr/bin/env node
// The seed's end-to-end workflow, run through the real `afs` binary against a
// fresh temporary registry: each step prints its command, then its output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../dist/bin.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'afs-demo-'));
const registry = join(dir, 'registry.json');

const steps = [
  [
    'Register v1 of majora with training metadata, metrics and lineage',
    [
      'registry',
      'add',
      'majora',
      'v1',
      '--description',
      'Code generation model',
      '--owner',
      'scawful',
      '--base-model',
      'Qwen2.5-Coder-7B',
      '--framework',
      'unsloth',
      '--samples',
      '223',
      '--epochs',
      '3',
      '--learning-rate',
      '0.0002',
      '--duration-hours',
      '3',
      '--cost-usd',
      '0.8',
      '--hardware',
      '1x A100',
      '--data',
      'code-instruct-v1',
      '--git-commit',
      'abc123def456',
      '--lora-path',
      '/models/majora-v1-lora',
      '--gguf-path',
      '/models/majora-v1-Q8_0.gguf',
      '--accuracy',
      '0.85',
      '--f1-score',
      '0.82',
      '--speed',
      '120',
    ],
  ],
  [
    'Register v2, fine-tuned from v1 on more data (version computed automatically)',
    [
      'registry',
      'add',
      'majora',
      '--parent',
      'v1',
      '--base-model',
      'Qwen2.5-Coder-7B',
      '--framework',
      'unsloth',
      '--samples',
      '480',
      '--epochs',
      '3',
      '--data',
      'code-instruct-v1',
      '--data',
      'code-review-v2',
      '--git-commit',
      'def789abc012',
      '--lora-path',
      '/models/majora-v2-lora',
    ],
  ],
  [
    'Score v2 after evaluation',
    [
      'registry',
      'score',
      'majora',
      'v2',
      '--accuracy',
      '0.87',
      '--f1-score',
      '0.84',
      '--perplexity',
      '5.9',
      '--speed',
      '115',
      '--metric',
      'tool_use=0.62',
    ],
  ],
  ['Compare v1 and v2', ['registry', 'compare', 'majora', 'v1', 'v2']],
  ['Deploy v1', ['registry', 'deploy', 'majora', 'v1']],
  [
    'Deploy v2 (v1 is deprecated automatically)',
    ['registry', 'deploy', 'majora', 'v2', '--notes', 'better accuracy'],
  ],
  ['Roll back to the previous deployment', ['registry', 'rollback', 'majora']],
  ['What is in production?', ['registry', 'versions', 'majora']],
  ['Lineage tree', ['registry', 'tree', 'majora']],
  ['Deployment history', ['registry', 'history', 'majora']],
  [
    'Which versions learned from code-instruct-v1?',
    ['registry', 'impact', '--dataset', 'code-instruct-v1'],
  ],
];

let failed = false;
try {
  for (const [title, args] of steps) {
    const shown = args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
    console.log(`\n# ${title}\n$ afs ${shown}`);
    const result = spawnSync(process.execPath, [bin, ...args, '--registry', registry], {
      encoding: 'utf8',
      env: { ...process.env, AFS_REGISTRY: registry },
    });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    if (result.status !== 0) {
      console.error(`step failed with exit code ${result.status}`);
      failed = true;
      break;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  failed ? '\nDemo failed.' : `\nDemo complete: every step ran through the real afs binary.`,
);
process.exit(failed ? 1 : 0);
