import type { CommandContext, CommandOutput } from '../context.js';
import { formatDate } from '../format/values.js';

export interface DeployArgs {
  model: string;
  version: string;
  notes?: string;
}

export async function deployVersion(ctx: CommandContext, args: DeployArgs): Promise<CommandOutput> {
  const { deployed: version, previousVersion } = await ctx.registry.changeDeployment(args.model, {
    action: 'deploy',
    version: args.version,
    ...(args.notes === undefined ? {} : { notes: args.notes }),
  });
  const replaced = previousVersion === undefined ? '' : ` (${previousVersion} deprecated)`;
  return {
    data: { deployed: version, previous: previousVersion ?? null },
    text: `${ctx.style.green('●')} ${version.modelName} ${version.version} deployed at ${formatDate(version.deployedAt)}${replaced}`,
  };
}
