import type { VersionStatus } from '@afs/registry-core';
import type { CommandContext, CommandOutput } from '../context.js';
import { renderTable } from '../format/table.js';
import { formatDate, formatNumber, orDash } from '../format/values.js';
import { statusLabel } from '../format/version.js';

export interface VersionsArgs {
  model: string;
  status?: VersionStatus;
}

export async function listVersions(
  ctx: CommandContext,
  args: VersionsArgs,
): Promise<CommandOutput> {
  const versions = await ctx.registry.listVersions(
    args.model,
    args.status ? { status: args.status } : {},
  );
  if (versions.length === 0) {
    const filter = args.status ? ` with status ${args.status}` : '';
    return { data: versions, text: `${args.model} has no versions${filter}.` };
  }
  const { style } = ctx;
  const rows = versions.map((v) => [
    v.deployed ? style.green(v.version) : v.version,
    statusLabel(v, style),
    formatDate(v.createdAt),
    formatNumber(v.evaluationScores.accuracy),
    orDash(v.training.baseModel),
    orDash(v.parentVersion),
    orDash(v.trainingDataSources.join(', ')),
  ]);
  const table = renderTable(
    ['VERSION', 'STATUS', 'CREATED', 'ACCURACY', 'BASE MODEL', 'PARENT', 'DATA'],
    rows,
    {
      align: ['left', 'left', 'left', 'right'],
      rule: style.dim,
    },
  );
  return { data: versions, text: table };
}
