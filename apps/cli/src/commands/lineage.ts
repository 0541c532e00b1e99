import { LineageTracker } from '@afs/lineage';
import type { CommandContext, CommandOutput } from '../context.js';
import { renderTable } from '../format/table.js';
import { formatDate, orDash } from '../format/values.js';

/** `majora:v1` reads as `v1` inside majora's own history. */
function shortRef(id: string, model: string): string {
  return id.startsWith(`${model}:`) ? id.slice(model.length + 1) : id;
}

export interface LineageArgs {
  model: string;
}

/** The training history: per version, in the order they were created. */
export async function showLineage(ctx: CommandContext, args: LineageArgs): Promise<CommandOutput> {
  const tracker = new LineageTracker({ store: ctx.store });
  const history = await tracker.getTrainingHistory(args.model);
  if (history.length === 0) return { data: history, text: `${args.model} has no versions yet.` };
  const { style } = ctx;
  const rows = history.map((entry) => [
    entry.deployed ? style.green(`● ${entry.version}`) : `  ${entry.version}`,
    formatDate(entry.createdAt),
    orDash(entry.parents.map((id) => shortRef(id, args.model)).join(', ')),
    orDash(entry.baseModel),
    orDash(entry.trainingDataSources.join(', ')),
    orDash(entry.gitCommit),
    orDash(entry.status),
  ]);
  const table = renderTable(
    ['VERSION', 'CREATED', 'PARENTS', 'BASE MODEL', 'DATA', 'GIT COMMIT', 'STATUS'],
    rows,
    {
      rule: style.dim,
    },
  );
  return { data: history, text: table };
}
