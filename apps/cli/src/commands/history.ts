import type { CommandContext, CommandOutput } from '../context.js';
import { renderTable } from '../format/table.js';
import { formatDate, orDash } from '../format/values.js';
import { requireModel } from './require.js';

export interface HistoryArgs {
  model: string;
}

/** Deployment history, oldest first, with what is deployed now. */
export async function deploymentHistory(
  ctx: CommandContext,
  args: HistoryArgs,
): Promise<CommandOutput> {
  const record = await requireModel(ctx, args.model);
  const events = record.deployments;
  const deployed = Object.values(record.versions).find((v) => v.deployed)?.version ?? null;
  if (events.length === 0) {
    return {
      data: { modelName: args.model, deployed, events },
      text: `No deployments of ${args.model} recorded yet${deployed ? ` (${deployed} is marked deployed)` : ''}.`,
    };
  }
  const { style } = ctx;
  const rows = events.map((e) => [
    formatDate(e.at),
    e.action,
    e.version,
    orDash(e.previousVersion),
    orDash(e.notes),
  ]);
  const table = renderTable(['WHEN', 'ACTION', 'VERSION', 'PREVIOUS', 'NOTES'], rows, {
    rule: style.dim,
  });
  const now = deployed
    ? `\n\nDeployed now: ${style.green(`● ${deployed}`)}`
    : '\n\nNothing deployed now.';
  return { data: { modelName: args.model, deployed, events }, text: table + now };
}
