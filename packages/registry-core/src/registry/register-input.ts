import * as z from 'zod/mini';
import {
  ModelNameSchema,
  NonNegative,
  NonNegativeInt,
  Positive,
  VersionRefSchema,
  VersionSchema,
} from '../schema/primitives.js';
import { VERSION_STATUSES } from '../schema/status.js';
import { VERSION_BUMPS } from '../version/next.js';
import type { ScoresUpdate } from './scores.js';

const text = (max: number, min = 0) => z.string().check(z.minLength(min), z.maxLength(max));
const OptionalText = z.optional(text(10_000));
const Path = z.optional(text(4096, 1));

/** `registerModel`'s input: the seed's `register_model` parameters in camelCase. */
export const RegisterModelInputSchema = z.object({
  modelName: ModelNameSchema,
  /** Omit to auto-increment from the greatest existing version. */
  version: z.optional(VersionSchema),
  bump: z.optional(z.enum(VERSION_BUMPS as ['major', 'minor', 'patch'])),
  /** Replace an existing version instead of failing with `VERSION_EXISTS`. */
  overwrite: z.optional(z.boolean()),
  /** Deploying is its own operation (setDeployed), so a new version cannot start deployed. */
  status: z.optional(
    z.enum(
      VERSION_STATUSES.filter((s) => s !== 'deployed') as [
        'draft',
        'training',
        'completed',
        'deprecated',
        'archived',
      ],
    ),
  ),
  baseModel: OptionalText,
  samples: z.optional(NonNegativeInt),
  epochs: z.optional(NonNegative),
  batchSize: z.optional(NonNegativeInt),
  learningRate: z.optional(Positive),
  maxSeqLength: z.optional(NonNegativeInt),
  framework: OptionalText,
  durationHours: z.optional(NonNegative),
  costUsd: z.optional(NonNegative),
  hardware: OptionalText,
  trainingNotes: OptionalText,
  trainingData: z.optional(z.array(text(4096, 1))),
  loraPath: Path,
  ggufPath: Path,
  checkpointPath: Path,
  configPath: Path,
  // Checked by mergeScores, which refuses `__proto__` and non-finite values;
  // a zod record would silently drop a `__proto__` key first.
  evaluationScores: z.optional(
    z.custom<Record<string, unknown>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      { message: 'must be an object of metric names to numbers' },
    ),
  ),
  gitCommit: z.optional(text(256, 1)),
  parentVersion: z.optional(VersionRefSchema),
  /** Further parents when this version merges several. */
  additionalParents: z.optional(z.array(VersionRefSchema)),
  tags: z.optional(z.array(text(256, 1))),
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
