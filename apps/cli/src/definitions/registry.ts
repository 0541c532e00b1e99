import type { CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import type { GlobalArgs, Runner } from '../runner.js';
import { BUMP_CHOICES, METRIC_OPTIONS, STATUS_CHOICES, TRAINING_OPTIONS } from './options.js';

// Every handler imports its implementation on demand, so `afs registry list`
// never loads the code of `import`, lineage rendering, and so on.
// Each implementation types its own arguments; yargs' inferred argv types add nothing here.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Command = CommandModule<GlobalArgs, any>;

const model = { type: 'string', describe: 'Model name', demandOption: true } as const;
const version = {
  type: 'string',
  describe: 'Version (v1, v2.1, v1.0.0, ...)',
  demandOption: true,
} as const;

export function registryCommands(run: Runner): Command[] {
  return [
    {
      command: 'list',
      describe: 'List all models with their latest and deployed versions',
      builder: (y) =>
        y
          .example('$0 registry list', 'Every model in the registry')
          .example('$0 registry list --json', 'As JSON'),
      handler: (argv) =>
        run(argv, async (ctx) => (await import('../commands/list.js')).listModels(ctx)),
    },
    {
      command: 'info <model>',
      describe: "Show a model and one version's details (the latest by default)",
      builder: (y) =>
        y
          .positional('model', model)
          .option('version', {
            type: 'string',
            requiresArg: true,
            describe: 'Show this version instead of the latest',
          })
          .example('$0 registry info majora', 'Latest version of majora')
          .example('$0 registry info majora --version v1', 'A specific version'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/info.js')).showInfo(ctx, {
            model: argv.model,
            version: argv.version,
          }),
        ),
    },
    {
      command: 'versions <model>',
      describe: 'List the versions of a model in version order',
      builder: (y) =>
        y
          .positional('model', model)
          .option('status', { choices: STATUS_CHOICES, describe: 'Only versions with this status' })
          .example('$0 registry versions majora', 'All versions')
          .example('$0 registry versions majora --status deprecated', 'Only deprecated ones'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/versions.js')).listVersions(ctx, {
            model: argv.model,
            status: argv.status,
          }),
        ),
    },
    {
      command: 'compare <model> <a> <b>',
      describe: 'Compare two versions: metric deltas (better/worse marked), training and files',
      builder: (y) =>
        y
          .positional('model', model)
          .positional('a', { ...version, describe: 'Baseline version' })
          .positional('b', { ...version, describe: 'Candidate version' })
          .example('$0 registry compare majora v1 v2', 'What changed from v1 to v2'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/compare.js')).compareVersions(ctx, {
            model: argv.model,
            a: argv.a,
            b: argv.b,
          }),
        ),
    },
    {
      command: 'add <model> [version]',
      describe: 'Register a version (the next one when no version is given)',
      builder: (y) =>
        y
          .positional('model', model)
          .positional('version', {
            type: 'string',
            describe: 'Version to register; omit to auto-increment',
          })
          .option('bump', {
            choices: BUMP_CHOICES,
            describe: 'Which part to increment when no version is given (default major: v1 → v2)',
          })
          .option('overwrite', {
            type: 'boolean',
            describe: 'Replace an existing version instead of failing',
          })
          .option('status', {
            choices: STATUS_CHOICES.filter((s) => s !== 'deployed'),
            describe: 'Initial status (default draft)',
          })
          .option('description', {
            type: 'string',
            requiresArg: true,
            describe: 'Model description (when this creates the model)',
          })
          .option('owner', {
            type: 'string',
            requiresArg: true,
            describe: 'Model owner (when this creates the model)',
          })
          .options(TRAINING_OPTIONS)
          .options(METRIC_OPTIONS)
          .example(
            '$0 registry add majora --base-model Qwen2.5-Coder-7B --samples 223 --epochs 3 --accuracy 0.85',
            'Register the next version',
          )
          .example(
            '$0 registry add majora v2.1 --parent v2 --data code-v2 --data docs --lora-path /models/majora-v2.1',
            'Explicit version with lineage',
          )
          .example('$0 registry add majora --bump minor', 'v2 → v2.1'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/add.js')).addVersion(ctx, argv as never),
        ),
    },
    {
      command: 'deploy <model> <version>',
      describe: 'Deploy a version; the previously deployed one is deprecated',
      builder: (y) =>
        y
          .positional('model', model)
          .positional('version', version)
          .option('notes', { type: 'string', requiresArg: true, describe: 'Deployment notes' })
          .example('$0 registry deploy majora v2', 'Put v2 in production'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/deploy.js')).deployVersion(ctx, {
            model: argv.model,
            version: argv.version,
            notes: argv.notes,
          }),
        ),
    },
    {
      command: 'rollback <model> [version]',
      describe: 'Redeploy the previously deployed version, or the one given',
      builder: (y) =>
        y
          .positional('model', model)
          .positional('version', {
            type: 'string',
            describe: 'Version to go back to; omit for the previous deployment',
          })
          .option('notes', {
            type: 'string',
            requiresArg: true,
            describe: 'Why (kept in the history)',
          })
          .example(
            '$0 registry rollback majora',
            'Back to the version deployed before the current one',
          )
          .example('$0 registry rollback majora v1', 'Back to v1'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/rollback.js')).rollbackModel(ctx, {
            model: argv.model,
            version: argv.version,
            notes: argv.notes,
          }),
        ),
    },
    {
      command: 'score <model> <version>',
      describe: 'Add or update evaluation scores of a version',
      builder: (y) =>
        y
          .positional('model', model)
          .positional('version', version)
          .options(METRIC_OPTIONS)
          .example(
            '$0 registry score majora v2 --accuracy 0.87 --perplexity 5.9',
            'Standard metrics',
          )
          .example(
            '$0 registry score majora v2 --metric tool_use=0.62 --rouge rougeL=0.33',
            'Custom and ROUGE metrics',
          ),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/score.js')).scoreVersion(ctx, argv as never),
        ),
    },
    {
      command: 'status <model> <version> <state>',
      describe: 'Set the status of a version (deployed deploys it)',
      builder: (y) =>
        y
          .positional('model', model)
          .positional('version', version)
          .positional('state', {
            choices: STATUS_CHOICES,
            describe: 'New status',
            demandOption: true,
          })
          .example('$0 registry status majora v1 archived', 'Archive v1'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/status.js')).setStatus(ctx, {
            model: argv.model,
            version: argv.version,
            state: argv.state,
          }),
        ),
    },
    {
      command: 'delete <model> <version>',
      describe: 'Delete a version (refuses a deployed version or a parent unless --force)',
      builder: (y) =>
        y
          .positional('model', model)
          .positional('version', version)
          .option('force', {
            type: 'boolean',
            describe: 'Delete even if deployed or a parent of other versions',
          })
          .example('$0 registry delete majora v3', 'Remove v3'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/delete.js')).deleteVersion(ctx, {
            model: argv.model,
            version: argv.version,
            force: argv.force,
          }),
        ),
    },
    {
      command: 'history <model>',
      describe: 'Show the deployment history of a model',
      builder: (y) =>
        y
          .positional('model', model)
          .example('$0 registry history majora', 'Every deploy, undeploy and rollback'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/history.js')).deploymentHistory(ctx, { model: argv.model }),
        ),
    },
    {
      command: 'tree <model>',
      describe: 'Show the lineage tree of a model',
      builder: (y) =>
        y
          .positional('model', model)
          .option('format', {
            choices: ['text', 'mermaid', 'dot'] as const,
            default: 'text',
            describe: 'Output format',
          })
          .example('$0 registry tree majora', 'Text tree')
          .example('$0 registry tree majora --format mermaid', 'Mermaid diagram source'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/tree.js')).showTree(ctx, {
            model: argv.model,
            format: argv.format,
          }),
        ),
    },
    {
      command: 'lineage <model>',
      describe: 'Show the training history of a model: data, code and parents per version',
      builder: (y) =>
        y
          .positional('model', model)
          .example('$0 registry lineage majora', 'Chronological training history'),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/lineage.js')).showLineage(ctx, { model: argv.model }),
        ),
    },
    {
      command: 'impact',
      describe: 'Find every version trained on a dataset or descended from a base model',
      builder: (y) =>
        y
          .option('dataset', {
            type: 'string',
            requiresArg: true,
            describe: 'Training data source name',
          })
          .option('base-model', { type: 'string', requiresArg: true, describe: 'Base model name' })
          .check((a) => {
            if ((a.dataset === undefined) === (a['base-model'] === undefined)) {
              throw new UsageError('Give exactly one of --dataset or --base-model.');
            }
            return true;
          })
          .example(
            '$0 registry impact --dataset asm-qa',
            'Versions that learned from asm-qa, directly or via an ancestor',
          )
          .example(
            '$0 registry impact --base-model Qwen2.5-3B',
            'Versions that descend from a base model',
          ),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/impact.js')).showImpact(ctx, {
            dataset: argv.dataset,
            baseModel: argv.baseModel,
          }),
        ),
    },
    {
      command: 'import [file]',
      describe: "Import the Python system's registry.json and/or lineage.json into this registry",
      builder: (y) =>
        y
          .positional('file', {
            type: 'string',
            describe: 'A registry.json written by the Python system',
          })
          .option('lineage', {
            type: 'string',
            requiresArg: true,
            describe: 'A lineage.json written by the Python system',
          })
          .check((a) => {
            if (a.file === undefined && a.lineage === undefined)
              throw new UsageError('Give a registry.json, --lineage lineage.json, or both.');
            return true;
          })
          .example(
            '$0 registry import ~/.context/training/registry.json --lineage ~/.context/training/lineage.json',
            'Bring over everything',
          ),
      handler: (argv) =>
        run(argv, async (ctx) =>
          (await import('../commands/import.js')).importLegacy(ctx, {
            file: argv.file,
            lineage: argv.lineage,
          }),
        ),
    },
  ];
}
