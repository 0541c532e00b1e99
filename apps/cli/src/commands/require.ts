import { type ModelRecord, modelNotFound } from '@afs/registry-core';
import type { CommandContext } from '../context.js';

/** The model's record, or the MODEL_NOT_FOUND error that lists the known models. */
export async function requireModel(ctx: CommandContext, name: string): Promise<ModelRecord> {
  const record = await ctx.registry.getModel(name);
  if (record !== undefined) return record;
  const known = (await ctx.registry.listModels()).map((m) => m.modelName);
  throw modelNotFound(name, known);
}
