import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { type CommandOutput, createContext, registryLocation, type StoreKind } from './context.js';
import { registryCommands } from './definitions/registry.js';
import { classify, EXIT_OK, UsageError } from './errors.js';
import { colorWanted } from './format/style.js';
import type { GlobalArgs, Runner } from './runner.js';

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

function cliVersion(): string {
  // src/ and dist/ both sit one level below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function printResult(io: CliIO, args: Partial<GlobalArgs>, output: CommandOutput): void {
  if (args.json) io.stdout.write(`${JSON.stringify(output.data, null, 2)}\n`);
  else io.stdout.write(`${output.text}\n`);
}

/** Runs the CLI and resolves to the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${cliVersion()}\n`);
    return EXIT_OK;
  }
  const wantsJson = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  const run: Runner = async (args, implementation) => {
    const color = args.color ?? colorWanted(io.env, io.stdout.isTTY === true);
    const ctx = await createContext({
      location: registryLocation(args.registry, io.env),
      storeKind: args.store ?? 'fs-lock',
      color: color && !args.json,
      notice: (message) => io.stderr.write(`${message}\n`),
    });
    try {
      printResult(io, args, await implementation(ctx));
    } finally {
      await ctx.store.close?.();
    }
  };

  const parser = yargs([...argv])
    .scriptName('afs')
    // `version` is a positional and an option of several commands, so yargs'
    // own --version is off and `afs --version` is handled before parsing.
    .version(false)
    .usage(
      '$0 <command>\n\nThe AFS model registry: register, compare, deploy and roll back fine-tuned model versions.',
    )
    .option('registry', {
      type: 'string',
      requiresArg: true,
      global: true,
      describe:
        'Registry file or folder (default: $AFS_REGISTRY, else ~/.context/training/registry.json)',
    })
    .option('store', {
      choices: ['fs-lock', 'json'] as const,
      default: 'fs-lock' as StoreKind,
      global: true,
      describe: 'fs-lock: safe for concurrent processes; json: plain file with conflict detection',
    })
    .option('version', {
      type: 'boolean',
      global: false,
      describe: 'Show the afs version (on its own: afs --version)',
    })
    .option('json', {
      type: 'boolean',
      default: false,
      global: true,
      describe: 'Print only JSON on stdout',
    })
    .option('verbose', {
      type: 'boolean',
      default: false,
      global: true,
      describe: 'Show stack traces on errors',
    })
    .option('color', {
      type: 'boolean',
      global: true,
      describe: 'Force colour on or off (default: on for a terminal, off with NO_COLOR)',
    })
    .command('registry', 'Manage model versions in the registry', (y) => {
      for (const command of registryCommands(run)) y.command(command);
      return y.demandCommand(1, 'Name a registry command; see afs registry --help.');
    })
    .demandCommand(1, 'Name a command; see afs --help.')
    .recommendCommands()
    .strict()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      // yargs reports its own parsing problems as a message; our errors come through as `error`.
      throw error ?? new UsageError(message);
    });

  try {
    await parser.parseAsync();
    return EXIT_OK;
  } catch (error) {
    const failure = classify(
      error instanceof Error && error.name === 'YError' ? new UsageError(error.message) : error,
    );
    if (wantsJson) {
      io.stderr.write(
        `${JSON.stringify({ error: { code: failure.code, message: failure.message } })}\n`,
      );
    } else {
      const hint = failure.code === 'USAGE' ? '\nRun with --help for usage.' : '';
      io.stderr.write(`error: ${failure.message}${hint}\n`);
    }
    if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return failure.exitCode;
  }
}
