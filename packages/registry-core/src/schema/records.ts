import { z } from 'zod';
import { EvaluationScoresSchema } from './evaluation.js';
import {
  ModelNameSchema,
  refuseProtoKey,
  TimestampSchema,
  VersionRefSchema,
  VersionSchema,
} from './primitives.js';
import { VersionStatusSchema } from './status.js';
import { TrainingMetadataSchema } from './training.js';

const Tags = z.array(z.string()).default(() => []);

export const ModelVersionSchema = z.object({
  modelName: ModelNameSchema,
  version: VersionSchema,
  createdAt: TimestampSchema.optional(),
  status: VersionStatusSchema.default('draft'),
  loraPath: z.string().optional(),
  ggufPath: z.string().optional(),
  checkpointPath: z.string().optional(),
  configPath: z.string().optional(),
  // Factories, so that parsed records never share one default object.
  training: TrainingMetadataSchema.default(() => ({ notes: '' })),
  evaluationScores: EvaluationScoresSchema.default(() => ({ rougeScores: {}, customMetrics: {} })),
  /** The version this one was trained from: `v1`, or `other-model:v3` across models. */
  parentVersion: VersionRefSchema.optional(),
  /** Further parents of a merge; `parentVersion` stays the primary one. */
  additionalParents: z.array(VersionRefSchema).default(() => []),
  trainingDataSources: z.array(z.string()).default(() => []),
  gitCommit: z.string().optional(),
  deployed: z.boolean().default(false),
  deployedAt: TimestampSchema.optional(),
  deploymentNotes: z.string().default(''),
  tags: Tags,
  notes: z.string().default(''),
});
export type ModelVersion = z.infer<typeof ModelVersionSchema>;
export type ModelVersionInput = z.input<typeof ModelVersionSchema>;

export const ModelMetadataSchema = z.object({
  modelName: ModelNameSchema,
  description: z.string().default(''),
  owner: z.string().default(''),
  tags: Tags,
  notes: z.string().default(''),
  createdAt: TimestampSchema.optional(),
});
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;

export const DEPLOYMENT_ACTIONS = ['deploy', 'undeploy', 'rollback'] as const;

export const DeploymentEventSchema = z.object({
  version: VersionSchema,
  action: z.enum(DEPLOYMENT_ACTIONS),
  at: TimestampSchema,
  /** The version that was deployed just before this event, if any. */
  previousVersion: VersionSchema.optional(),
  notes: z.string().optional(),
});
export type DeploymentEvent = z.infer<typeof DeploymentEventSchema>;
export type DeploymentAction = DeploymentEvent['action'];

/** Everything the registry keeps about one model: the unit a store reads and writes. */
export const ModelRecordSchema = z
  .object({
    metadata: ModelMetadataSchema,
    versions: refuseProtoKey(z.record(VersionSchema, ModelVersionSchema)),
    deployments: z.array(DeploymentEventSchema).default(() => []),
  })
  .superRefine((record, ctx) => {
    const modelName = record.metadata.modelName;
    for (const [key, version] of Object.entries(record.versions)) {
      if (version.version !== key || version.modelName !== modelName) {
        ctx.addIssue({
          code: 'custom',
          path: ['versions', key],
          message: `holds ${version.modelName}:${version.version}, expected ${modelName}:${key}`,
        });
      }
    }
  });
export type ModelRecord = z.infer<typeof ModelRecordSchema>;
export type ModelRecordInput = z.input<typeof ModelRecordSchema>;

/** Every parent of a version, primary first. */
export function parentRefs(
  version: Pick<ModelVersion, 'parentVersion' | 'additionalParents'>,
): string[] {
  return version.parentVersion === undefined
    ? [...version.additionalParents]
    : [version.parentVersion, ...version.additionalParents];
}
