import { LineageTracker } from '@afs/lineage';
import type { CommandContext, CommandOutput } from '../context.js';
import { renderTable } from '../format/table.js';
import { orDash } from '../format/values.js';

export interface ImpactArgs {
  dataset?: string;
  baseModel?: string;
}

/** Every version a dataset (or base model) reached, directly or through an ancestor. */
export async function showImpact(ctx: CommandContext, args: ImpactArgs): Promise<CommandOutput> {
  const tracker = new LineageTracker({ store: ctx.store });
  const byDataset = args.dataset !== undefined;
  const subject = (byDataset ? args.dataset : args.baseModel) ?? '';
  const report = byDataset
    ? await tracker.datasetImpact(subject)
    : await tracker.baseModelImpact(subject);
  const what = byDataset ? `dataset "${subject}"` : `base model "${subject}"`;
  if (report.versions.length === 0) {
    return {
      data: report,
      text: `No version was trained on ${what}, directly or through an ancestor.`,
    };
  }
  const { style } = ctx;
  const rows = report.versions.map((v) => [
    v.deployed ? style.green(`● ${v.id}`) : `  ${v.id}`,
    orDash(v.status),
    v.direct ? 'direct' : `via ${v.via} (${v.distance} step${v.distance === 1 ? '' : 's'})`,
  ]);
  const table = renderTable(['VERSION', 'STATUS', 'HOW'], rows, { rule: style.dim });
  const deployed = report.deployed.map((v) => v.id);
  const summary = `${report.versions.length} version${report.versions.length === 1 ? '' : 's'} reached by ${what}; deployed now: ${
    deployed.length > 0 ? style.yellow(deployed.join(', ')) : 'none'
  }`;
  return { data: report, text: `${summary}\n\n${table}` };
}
