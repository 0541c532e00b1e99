import type { RegisterModelInput, VersionBump, VersionStatus } from '@afs/registry-core';
import type { CommandContext, CommandOutput } from '../context.js';
import { renderVersion } from '../format/version.js';
import { type MetricArgs, scoresFromArgs } from '../metric-input.js';

export interface AddArgs extends MetricArgs {
  model: string;
  version?: string;
  bump?: VersionBump;
  overwrite?: boolean;
  status?: Exclude<VersionStatus, 'deployed'>;
  baseModel?: string;
  framework?: string;
  samples?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  maxSeqLength?: number;
  durationHours?: number;
  costUsd?: number;
  hardware?: string;
  loraPath?: string;
  ggufPath?: string;
  checkpointPath?: string;
  configPath?: string;
  /** The first is the primary parent; more make the version a merge. */
  parent?: string[];
  data?: string[];
  gitCommit?: string;
  tag?: string[];
  notes?: string;
  description?: string;
  owner?: string;
}

export function registrationFromArgs(args: AddArgs): RegisterModelInput {
  const [parentVersion, ...additionalParents] = args.parent ?? [];
  const input: RegisterModelInput = {
    modelName: args.model,
    version: args.version,
    bump: args.bump,
    overwrite: args.overwrite,
    status: args.status,
    baseModel: args.baseModel,
    framework: args.framework,
    samples: args.samples,
    epochs: args.epochs,
    batchSize: args.batchSize,
    learningRate: args.learningRate,
    maxSeqLength: args.maxSeqLength,
    durationHours: args.durationHours,
    costUsd: args.costUsd,
    hardware: args.hardware,
    loraPath: args.loraPath,
    ggufPath: args.ggufPath,
    checkpointPath: args.checkpointPath,
    configPath: args.configPath,
    parentVersion,
    additionalParents,
    trainingData: args.data,
    gitCommit: args.gitCommit,
    tags: args.tag,
    notes: args.notes,
    description: args.description,
    owner: args.owner,
    evaluationScores: scoresFromArgs(args),
  };
  // Absent options stay absent rather than becoming explicit `undefined`s.
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as RegisterModelInput;
}

export async function addVersion(ctx: CommandContext, args: AddArgs): Promise<CommandOutput> {
  const version = await ctx.registry.registerModel(registrationFromArgs(args));
  return {
    data: version,
    text: `${ctx.style.green('Registered')} ${version.modelName} ${version.version}\n\n${renderVersion(version, ctx.style)}`,
  };
}
