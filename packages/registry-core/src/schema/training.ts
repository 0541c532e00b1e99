import * as z from 'zod/mini';
import { NonNegative, NonNegativeInt, Positive } from './primitives.js';

export const TrainingMetadataSchema = z.object({
  /** unsloth, mlx, huggingface, llama_cpp, or any other name. */
  framework: z.optional(z.string()),
  baseModel: z.optional(z.string()),
  samples: z.optional(NonNegativeInt),
  epochs: z.optional(NonNegative),
  batchSize: z.optional(NonNegativeInt),
  learningRate: z.optional(Positive),
  maxSeqLength: z.optional(NonNegativeInt),
  durationHours: z.optional(NonNegative),
  costUsd: z.optional(NonNegative),
  hardware: z.optional(z.string()),
  notes: z._default(z.string(), ''),
});
export type TrainingMetadata = z.infer<typeof TrainingMetadataSchema>;
export type TrainingMetadataInput = z.input<typeof TrainingMetadataSchema>;
