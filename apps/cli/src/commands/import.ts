import {
  importLegacyLineage,
  importLegacyRegistry,
  type LineageImportReport,
  type RegistryImportReport,
} from '@afs/registry-store-json';
import type { CommandContext, CommandOutput } from '../context.js';

export interface ImportArgs {
  /** A registry.json written by the Python system. */
  file?: string;
  /** A lineage.json written by the Python system. */
  lineage?: string;
}

export interface ImportResult {
  registry: RegistryImportReport | null;
  lineage: LineageImportReport | null;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function describeRegistry(report: RegistryImportReport): string[] {
  const lines = [
    `Registry ${report.source} (schema ${report.schemaVersion}): added ${plural(report.added.length, 'version')}` +
      (report.createdModels.length ? ` (new models: ${report.createdModels.join(', ')})` : '') +
      `, skipped ${report.skipped.length}.`,
  ];
  for (const s of report.skipped) lines.push(`  skipped ${s.modelName}:${s.version}: ${s.reason}`);
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  return lines;
}

function describeLineage(report: LineageImportReport): string[] {
  const lines = [
    `Lineage ${report.source}: merged into ${plural(report.merged.length, 'version')}, ${report.unchanged.length} already agreed, ` +
      `${plural(report.conflicts.length, 'conflict')}, ${report.unmerged.length} not merged.`,
  ];
  for (const m of report.merged)
    lines.push(`  merged ${m.modelName}:${m.version}: ${m.fields.join(', ')}`);
  for (const c of report.conflicts) {
    lines.push(
      `  conflict ${c.modelName}:${c.version} ${c.field}: registry has ${JSON.stringify(c.recordValue)}, lineage says ${JSON.stringify(c.lineageValue)} (registry kept)`,
    );
  }
  for (const u of report.unmerged) {
    lines.push(
      `  not merged ${u.modelName}${u.version ? `:${u.version}` : ''}${u.field ? ` ${u.field}` : ''}: ${u.reason}`,
    );
  }
  return lines;
}

/** Registry first, so that the lineage can attach to the versions it brought. */
export async function importLegacy(ctx: CommandContext, args: ImportArgs): Promise<CommandOutput> {
  const registry =
    args.file === undefined ? null : await importLegacyRegistry(ctx.store, args.file);
  const lineage =
    args.lineage === undefined
      ? null
      : await importLegacyLineage(ctx.store, args.lineage, { clock: ctx.clock });
  const lines = [
    ...(registry ? describeRegistry(registry) : []),
    ...(lineage ? describeLineage(lineage) : []),
  ];
  const result: ImportResult = { registry, lineage };
  return { data: result, text: lines.join('\n') };
}
