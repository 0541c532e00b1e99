import { z } from 'zod';
import { NonNegative, NonNegativeInt, Positive } from './primitives.js';

export const TrainingMetadataSchema = z.object({
  /** unsloth, mlx, huggingface, llama_cpp, or any other name. */
  framework: z.string().optional(),
  baseModel: z.string().optional(),
  samples: NonNegativeInt.optional(),
  epochs: NonNegative.optional(),
  batchSize: NonNegativeInt.optional(),
  learningRate: Positive.optional(),
  maxSeqLength: NonNegativeInt.optional(),
  durationHours: NonNegative.optional(),
  costUsd: NonNegative.optional(),
  hardware: z.string().optional(),
  notes: z.string().default(''),
});
export type TrainingMetadata = z.infer<typeof TrainingMetadataSchema>;
export type TrainingMetadataInput = z.input<typeof TrainingMetadataSchema>;
