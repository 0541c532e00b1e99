export { type Clock, systemClock, timestamp } from './clock.js';
export {
  invalidInput,
  isRegistryError,
  modelNotFound,
  RegistryError,
  type RegistryErrorCode,
  versionNotFound,
} from './errors.js';
export {
  assertName,
  formatVersionRef,
  isValidName,
  MAX_NAME_LENGTH,
  NAME_PATTERN,
  type NameKind,
  nameProblem,
  parseVersionRef,
  type VersionRef,
} from './names.js';
export {
  type BetterSide,
  diffVersions,
  type FieldDiff,
  type MetricDiff,
  type MetricGroup,
  type VersionComparison,
} from './registry/compare.js';
export { deployedVersionOf } from './registry/deployment.js';
export {
  type DeleteVersionOptions,
  type DeploymentChange,
  type DeploymentRequest,
  type DeployOptions,
  type MetadataPatch,
  ModelRegistry,
  type ModelRegistryOptions,
} from './registry/model-registry.js';
export { childrenOf } from './registry/parents.js';
export { type RegisterModelInput, RegisterModelInputSchema } from './registry/register-input.js';
export { mergeScores, type ScoresUpdate } from './registry/scores.js';
export {
  type EvaluationScores,
  type EvaluationScoresInput,
  EvaluationScoresSchema,
  isKnownMetric,
  KNOWN_METRICS,
  type KnownMetric,
  METRIC_DIRECTIONS,
  type MetricDirection,
} from './schema/evaluation.js';
export {
  ModelNameSchema,
  TimestampSchema,
  VersionRefSchema,
  VersionSchema,
} from './schema/primitives.js';
export {
  DEPLOYMENT_ACTIONS,
  type DeploymentAction,
  type DeploymentEvent,
  DeploymentEventSchema,
  type ModelMetadata,
  ModelMetadataSchema,
  type ModelRecord,
  type ModelRecordInput,
  ModelRecordSchema,
  type ModelVersion,
  type ModelVersionInput,
  ModelVersionSchema,
  parentRefs,
} from './schema/records.js';
export { VERSION_STATUSES, type VersionStatus, VersionStatusSchema } from './schema/status.js';
export {
  type TrainingMetadata,
  type TrainingMetadataInput,
  TrainingMetadataSchema,
} from './schema/training.js';
export {
  type ReadIntent,
  type RegistryReader,
  type RegistryStore,
  type RegistryTransaction,
  STORE_SPECIFICATION_VERSION,
  type StoreCapabilities,
  type StoreSpecificationVersion,
} from './store/contract.js';
export { TransactionDraft } from './store/draft.js';
export { createMemoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export { createSerialQueue } from './store/serial-queue.js';
export { type ModelSummary, summarizeModel } from './store/summary.js';
export { describeIssues, parseInput } from './validation.js';
export * from './version/index.js';
