import type { FieldDiff, KnownMetric, MetricDiff } from '@afs/registry-core';
import type { CommandContext, CommandOutput } from '../context.js';
import type { Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import { formatNumber, formatSigned, orDash } from '../format/values.js';
import { METRIC_LABELS } from '../format/version.js';

export interface CompareArgs {
  model: string;
  a: string;
  b: string;
}

function verdict(diff: MetricDiff, a: string, b: string, style: Style): string {
  if (diff.better === undefined)
    return diff.direction === undefined && diff.delta !== undefined ? '?' : '';
  if (diff.better === 'same') return '=';
  return diff.better === 'b' ? style.green(`${b} better`) : style.red(`${a} better`);
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : '-';
  return orDash(value as string | number | undefined);
}

export async function compareVersions(
  ctx: CommandContext,
  args: CompareArgs,
): Promise<CommandOutput> {
  const diff = await ctx.registry.compareVersions(args.model, args.a, args.b);
  const { style } = ctx;
  const metricRows = diff.metrics.map((m) => [
    m.group === 'standard'
      ? (METRIC_LABELS[m.metric as KnownMetric] ?? m.metric)
      : `${m.metric} (${m.group})`,
    formatNumber(m.a),
    formatNumber(m.b),
    formatSigned(m.delta),
    verdict(m, args.a, args.b, style),
  ]);
  const fields: FieldDiff[] = [
    diff.status,
    diff.deployed,
    diff.parentVersion,
    diff.trainingDataSources,
    diff.gitCommit,
    ...diff.training,
    ...diff.files,
  ];
  const fieldRows = fields
    .filter((f) => f.a !== undefined || f.b !== undefined)
    .map((f) => [f.field, show(f.a), show(f.b), f.changed ? style.yellow('changed') : '']);
  const parts = [style.bold(`${args.model}: ${args.a} → ${args.b}`), ''];
  parts.push(
    metricRows.length
      ? renderTable(['METRIC', args.a, args.b, 'DELTA', ''], metricRows, {
          align: ['left', 'right', 'right', 'right'],
          rule: style.dim,
        })
      : 'Neither version has metrics.',
  );
  parts.push('', renderTable(['FIELD', args.a, args.b, ''], fieldRows, { rule: style.dim }));
  return { data: diff, text: parts.join('\n') };
}
