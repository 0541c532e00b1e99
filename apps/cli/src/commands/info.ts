import { sortVersions, versionNotFound } from '@afs/registry-core';
import type { CommandContext, CommandOutput } from '../context.js';
import { renderVersion } from '../format/version.js';
import { requireModel } from './require.js';

export interface InfoArgs {
  model: string;
  version?: string;
}

/** A model's metadata and one version: the latest unless `version` is given. */
export async function showInfo(ctx: CommandContext, args: InfoArgs): Promise<CommandOutput> {
  const record = await requireModel(ctx, args.model);
  const versions = sortVersions(Object.keys(record.versions));
  const chosen = args.version ?? versions[versions.length - 1];
  const version =
    chosen !== undefined && Object.hasOwn(record.versions, chosen)
      ? record.versions[chosen]
      : undefined;
  if (args.version !== undefined && version === undefined)
    throw versionNotFound(args.model, args.version, versions);
  const { metadata } = record;
  const { style } = ctx;
  const header = [
    `${style.bold(metadata.modelName)}${metadata.description ? ` — ${metadata.description}` : ''}`,
    `owner: ${metadata.owner || '-'}   versions: ${versions.length}   tags: ${metadata.tags.join(', ') || '-'}`,
  ];
  const body = version ? renderVersion(version, style) : 'No versions registered yet.';
  return {
    data: { model: metadata, version: version ?? null, versions },
    text: `${header.join('\n')}\n\n${body}`,
  };
}
