import * as z from 'zod/mini';
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

// Default factories, so that parsed records never share one default object.
const Tags = z._default(z.array(z.string()), () => []);
const Text = z._default(z.string(), '');

export const ModelVersionSchema = z.object({
  modelName: ModelNameSchema,
  version: VersionSchema,
  createdAt: z.optional(TimestampSchema),
  status: z._default(VersionStatusSchema, 'draft'),
  loraPath: z.optional(z.string()),
  ggufPath: z.optional(z.string()),
  checkpointPath: z.optional(z.string()),
  configPath: z.optional(z.string()),
  training: z._default(TrainingMetadataSchema, () => ({ notes: '' })),
  evaluationScores: z._default(EvaluationScoresSchema, () => ({
    rougeScores: {},
    customMetrics: {},
  })),
  /** The version this one was trained from: `v1`, or `other-model:v3` across models. */
  parentVersion: z.optional(VersionRefSchema),
  /** Further parents of a merge; `parentVersion` stays the primary one. */
  additionalParents: z._default(z.array(VersionRefSchema), () => []),
  trainingDataSources: z._default(z.array(z.string()), () => []),
  gitCommit: z.optional(z.string()),
  deployed: z._default(z.boolean(), false),
  deployedAt: z.optional(TimestampSchema),
  deploymentNotes: Text,
  tags: Tags,
  notes: Text,
});
export type ModelVersion = z.infer<typeof ModelVersionSchema>;
export type ModelVersionInput = z.input<typeof ModelVersionSchema>;

export const ModelMetadataSchema = z.object({
  modelName: ModelNameSchema,
  description: Text,
  owner: Text,
  tags: Tags,
  notes: Text,
  createdAt: z.optional(TimestampSchema),
});
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;

export const DEPLOYMENT_ACTIONS = ['deploy', 'undeploy', 'rollback'] as const;

export const DeploymentEventSchema = z.object({
  version: VersionSchema,
  action: z.enum(DEPLOYMENT_ACTIONS),
  at: TimestampSchema,
  /** The version that was deployed just before this event, if any. */
  previousVersion: z.optional(VersionSchema),
  notes: z.optional(z.string()),
});
export type DeploymentEvent = z.infer<typeof DeploymentEventSchema>;
export type DeploymentAction = DeploymentEvent['action'];

/** Everything the registry keeps about one model: the unit a store reads and writes. */
export const ModelRecordSchema = z
  .object({
    metadata: ModelMetadataSchema,
    versions: refuseProtoKey(z.record(VersionSchema, ModelVersionSchema)),
    deployments: z._default(z.array(DeploymentEventSchema), () => []),
  })
  .check(
    z.superRefine((record, ctx) => {
      const modelName = record.metadata.modelName;
      for (const [key, version] of Object.entries(record.versions)) {
        if (version.version !== key || version.modelName !== modelName) {
          ctx.addIssue({
            code: 'custom',
            path: ['versions', key],
            message: `holds ${version.modelName}:${version.version}, expected ${modelName}:${key}`,
            input: version,
          });
        }
      }
    }),
  );
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
