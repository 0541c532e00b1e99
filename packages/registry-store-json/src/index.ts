export { type AtomicWriteOptions, syncDirectory, writeFileAtomically } from './atomic-write.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_REGISTRY_FILE_NAME,
  READABLE_SCHEMA_VERSIONS,
  type RegistrySchemaVersion,
  STALE_TEMP_AGE_MS,
  UPGRADE_WARNING_CODE,
  WRITTEN_SCHEMA_VERSION,
} from './constants.js';
export type { CommitGuard, WriteCoordinator } from './coordinator.js';
export { type FileIssue, formatFilePath } from './corrupt.js';
export {
  type DecodedModel,
  decodeModelEntry,
  decodeRegistryDocument,
  type RegistryDocument,
} from './decode.js';
export { encodeModel, renderModelEntry, renderRegistryDocument } from './encode.js';
export {
  importLegacyLineage,
  type LineageConflict,
  type LineageField,
  type LineageImportOptions,
  type LineageImportReport,
  type LineageMerge,
  type LineageUnmerged,
} from './import-lineage.js';
export {
  importLegacyRegistry,
  type RegistryImportOptions,
  type RegistryImportReport,
} from './import-registry.js';
export type { ImportSource } from './import-source.js';
export { createJsonStore, type JsonStore, type JsonStoreOptions } from './json-store.js';
export { parseRegistryBytes } from './parse-json.js';
export { resolveRegistryFile } from './registry-path.js';
export { stringifyStable } from './stable-json.js';
export { removeStaleTempFiles, tempFileName } from './temp-files.js';
