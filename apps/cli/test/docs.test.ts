import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { afs } from './afs.js';

const guide = readFileSync(new URL('../../../docs/REGISTRY.md', import.meta.url), 'utf8');

function commandsInHelp(): string[] {
  const help = afs(['registry', '--help']).stdout;
  return [...help.matchAll(/^\s+afs registry ([a-z]+)/gm)].map((match) => match[1] as string);
}

function optionsInHelp(args: string[]): string[] {
  const help = afs([...args, '--help']).stdout;
  return [
    ...new Set([...help.matchAll(/^\s+(--[a-z][a-z-]*)/gm)].map((match) => match[1] as string)),
  ];
}

describe('docs/REGISTRY.md', () => {
  const commands = commandsInHelp();

  it('help lists every registry command', () => {
    expect(commands).toEqual(
      expect.arrayContaining([
        'list',
        'info',
        'versions',
        'compare',
        'add',
        'deploy',
        'rollback',
        'score',
        'tree',
        'lineage',
        'delete',
        'status',
        'history',
        'import',
        'impact',
      ]),
    );
  });

  it('documents every command with a section and an example', () => {
    for (const command of commands) {
      expect(guide, `section for ${command}`).toMatch(new RegExp(`^### \`${command}[ \`]`, 'm'));
      expect(guide, `example for ${command}`).toContain(`afs registry ${command}`);
    }
  });

  it('documents every option that --help shows', () => {
    const missing: string[] = [];
    for (const args of [[], ['registry'], ...commands.map((c) => ['registry', c])]) {
      for (const option of optionsInHelp(args)) {
        if (!guide.includes(`\`${option}`) && !guide.includes(` ${option} `))
          missing.push(`${args.join(' ')} ${option}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
