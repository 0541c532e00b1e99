import type { CommandContext, CommandOutput } from '../context.js';
import { UsageError } from '../errors.js';
import { metricEntries } from '../format/version.js';
import { hasScores, type MetricArgs, scoresFromArgs } from '../metric-input.js';

export interface ScoreArgs extends MetricArgs {
  model: string;
  version: string;
}

export async function scoreVersion(ctx: CommandContext, args: ScoreArgs): Promise<CommandOutput> {
  const scores = scoresFromArgs(args);
  if (!hasScores(scores)) {
    throw new UsageError(
      'Give at least one metric, e.g. --accuracy 0.87 or --metric tool_use=0.6.',
    );
  }
  const version = await ctx.registry.updateEvaluationScores(args.model, args.version, scores);
  const lines = metricEntries(version).map(([name, value]) => `  ${name}: ${value}`);
  return {
    data: version,
    text: `${ctx.style.green('Scored')} ${version.modelName} ${version.version}\n${lines.join('\n')}`,
  };
}
