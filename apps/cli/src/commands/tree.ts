import { LineageTracker } from '@afs/lineage';
import type { CommandContext, CommandOutput } from '../context.js';

export type TreeFormat = 'text' | 'mermaid' | 'dot';

export interface TreeArgs {
  model: string;
  format?: TreeFormat;
}

/** Text, Mermaid or DOT for people; the `{ nodes, edges }` graph for `--json`. */
export async function showTree(ctx: CommandContext, args: TreeArgs): Promise<CommandOutput> {
  const tracker = new LineageTracker({ store: ctx.store });
  const graph = await tracker.graph();
  const options = { graph };
  const scope = { model: args.model };
  const format = args.format ?? 'text';
  const text =
    format === 'mermaid'
      ? await tracker.toMermaid(scope, options)
      : format === 'dot'
        ? await tracker.toDot(scope, options)
        : await tracker.buildTree(args.model, options);
  return { data: await tracker.toJson(scope, options), text: text.replace(/\n$/, '') };
}
