import { z } from 'zod';
import {
  ModelNameSchema,
  NonNegative,
  NonNegativeInt,
  Positive,
  VersionRefSchema,
  VersionSchema,
} from '../schema/primitives.js';
import { VersionStatusSchema } from '../schema/status.js';
import { VERSION_BUMPS } from '../version/next.js';
import type { ScoresUpdate } from './scores.js';

const OptionalText = z.string().max(10_000).optional();
const Path = z.string().min(1).max(4096).optional();

/** `registerModel`'s input: the seed's `register_model` parameters in camelCase. */
export const RegisterModelInputSchema = z.object({
  modelName: ModelNameSchema,
  /** Omit to auto-increment from the greatest existing version. */
  version: VersionSchema.optional(),
  bump: z.enum(VERSION_BUMPS as ['major', 'minor', 'patch']).optional(),
  /** Replace an existing version instead of failing with `VERSION_EXISTS`. */
  overwrite: z.boolean().optional(),
  status: VersionStatusSchema.exclude(['deployed']).optional(),
  baseModel: OptionalText,
  samples: NonNegativeInt.optional(),
  epochs: NonNegative.optional(),
  batchSize: NonNegativeInt.optional(),
  learningRate: Positive.optional(),
  maxSeqLength: NonNegativeInt.optional(),
  framework: OptionalText,
  durationHours: NonNegative.optional(),
  costUsd: NonNegative.optional(),
  hardware: OptionalText,
  trainingNotes: OptionalText,
  trainingData: z.array(z.string().min(1).max(4096)).optional(),
  loraPath: Path,
  ggufPath: Path,
  checkpointPath: Path,
  configPath: Path,
  // Checked by mergeScores, which refuses `__proto__` and non-finite values;
  // a zod record would silently drop a `__proto__` key first.
  evaluationScores: z
    .custom<Record<string, unknown>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      {
        message: 'must be an object of metric names to numbers',
      },
    )
    .optional(),
  gitCommit: z.string().min(1).max(256).optional(),
  parentVersion: VersionRefSchema.optional(),
  /** Further parents when this version merges several. */
  additionalParents: z.array(VersionRefSchema).optional(),
  tags: z.array(z.string().min(1).max(256)).optional(),
  notes: OptionalText,
  /** Model-level fields, used when this registration creates the model. */
  description: OptionalText,
  owner: OptionalText,
});

export type RegisterModelInput = Omit<
  z.input<typeof RegisterModelInputSchema>,
  'evaluationScores'
> & {
  evaluationScores?: ScoresUpdate;
};
