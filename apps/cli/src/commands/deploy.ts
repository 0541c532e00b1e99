import type { CommandContext, CommandOutput } from '../context.js';
import { formatDate } from '../format/values.js';

export interface DeployArgs {
  model: string;
  version: string;
  notes?: string;
}

export async function deployVersion(ctx: CommandContext, args: DeployArgs): Promise<CommandOutput> {
  const before = await ctx.registry.getDeployed(args.model);
  const version = await ctx.registry.setDeployed(
    args.model,
    args.version,
    true,
    args.notes === undefined ? {} : { notes: args.notes },
  );
  const replaced =
    before && before.version !== version.version ? ` (${before.version} deprecated)` : '';
  return {
    data: { deployed: version, previous: before?.version ?? null },
    text: `${ctx.style.green('●')} ${version.modelName} ${version.version} deployed at ${formatDate(version.deployedAt)}${replaced}`,
  };
}
