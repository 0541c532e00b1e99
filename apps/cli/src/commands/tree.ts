import { LineageTracker } from '@afs/lineage';
import type { CommandContext, CommandOutput } from '../context.js';

export type TreeFormat = 'text' | 'mermaid' | 'dot';

export interface TreeArgs {
  model: string;
  format?: TreeFormat;
}

/** Text, Mermaid or DOT for people; the `{ nodes, edges }` graph for `--json`. */
export async function showTree(ctx: CommandContext, args: TreeArgs): Promise<CommandOutput> {
  // Everything below is scoped to the model, so the graph around it is enough:
  // on a big registry that reads a few models instead of all of them.
  const graph = await new LineageTracker({ store: ctx.store }).modelGraph(args.model);
  const scope = { model: args.model };
  const format = args.format ?? 'text';
  const text =
    format === 'mermaid'
      ? graph.toMermaid(scope)
      : format === 'dot'
        ? graph.toDot(scope)
        : graph.buildTree(args.model);
  return { data: graph.toJson(scope), text: text.replace(/\n$/, '') };
}
