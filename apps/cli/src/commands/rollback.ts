import type { CommandContext, CommandOutput } from '../context.js';
import { formatDate } from '../format/values.js';

export interface RollbackArgs {
  model: string;
  version?: string;
  notes?: string;
}

/** Without a version: back to the version deployed before the current one. */
export async function rollbackModel(
  ctx: CommandContext,
  args: RollbackArgs,
): Promise<CommandOutput> {
  const before = await ctx.registry.getDeployed(args.model);
  const version = await ctx.registry.rollback(
    args.model,
    args.version,
    args.notes === undefined ? {} : { notes: args.notes },
  );
  const from = before && before.version !== version.version ? ` from ${before.version}` : '';
  return {
    data: { deployed: version, previous: before?.version ?? null },
    text: `${ctx.style.yellow('↩')} ${version.modelName} rolled back${from} to ${version.version} at ${formatDate(version.deployedAt)}`,
  };
}
