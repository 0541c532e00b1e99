import type { CommandContext, CommandOutput } from '../context.js';
import { renderTable } from '../format/table.js';
import { formatDate, orDash } from '../format/values.js';

export async function listModels(ctx: CommandContext): Promise<CommandOutput> {
  const models = await ctx.registry.listModels();
  if (models.length === 0) {
    return {
      data: models,
      text: `No models in ${ctx.location} yet. Register one with: afs registry add <model> --base-model <name>`,
    };
  }
  const { style } = ctx;
  const rows = models.map((m) => [
    style.bold(m.modelName),
    String(m.versionCount),
    orDash(m.latestVersion),
    m.deployedVersion ? style.green(`● ${m.deployedVersion}`) : '-',
    orDash(m.owner),
    formatDate(m.createdAt),
    orDash(m.description),
  ]);
  const table = renderTable(
    ['MODEL', 'VERSIONS', 'LATEST', 'DEPLOYED', 'OWNER', 'CREATED', 'DESCRIPTION'],
    rows,
    {
      align: ['left', 'right'],
      rule: style.dim,
    },
  );
  return { data: models, text: table };
}
