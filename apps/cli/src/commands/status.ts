import type { VersionStatus } from '@afs/registry-core';
import type { CommandContext, CommandOutput } from '../context.js';

export interface StatusArgs {
  model: string;
  version: string;
  state: VersionStatus;
}

export async function setStatus(ctx: CommandContext, args: StatusArgs): Promise<CommandOutput> {
  const version = await ctx.registry.setStatus(args.model, args.version, args.state);
  return {
    data: version,
    text: `${version.modelName} ${version.version} is now ${version.status}`,
  };
}
