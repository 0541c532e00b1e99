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
  const { deployed: version, previousVersion } = await ctx.registry.changeDeployment(args.model, {
    action: 'rollback',
    ...(args.version === undefined ? {} : { version: args.version }),
    ...(args.notes === undefined ? {} : { notes: args.notes }),
  });
  const from = previousVersion === undefined ? '' : ` from ${previousVersion}`;
  return {
    data: { deployed: version, previous: previousVersion ?? null },
    text: `${ctx.style.yellow('↩')} ${version.modelName} rolled back${from} to ${version.version} at ${formatDate(version.deployedAt)}`,
  };
}
