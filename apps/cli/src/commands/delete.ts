import type { CommandContext, CommandOutput } from '../context.js';

export interface DeleteArgs {
  model: string;
  version: string;
  force?: boolean;
}

export async function deleteVersion(ctx: CommandContext, args: DeleteArgs): Promise<CommandOutput> {
  const removed = await ctx.registry.deleteVersion(args.model, args.version, {
    force: args.force ?? false,
  });
  return { data: { deleted: removed }, text: `Deleted ${removed.modelName} ${removed.version}` };
}
