/** The file name used when the store is given a folder. */
export const DEFAULT_REGISTRY_FILE_NAME = 'registry.json';

/** The schema version this package writes into the `version` field. */
export const WRITTEN_SCHEMA_VERSION = '2.0';

/** Schema versions this package reads; `bare` is the older top-level models dictionary. */
export const READABLE_SCHEMA_VERSIONS = ['1.0', '2.0'] as const;
export type RegistrySchemaVersion = (typeof READABLE_SCHEMA_VERSIONS)[number] | 'bare';

/** Files above this size are refused before being read (256 MiB). */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** Temp files of crashed writers older than this are removed even if their pid looks alive. */
export const STALE_TEMP_AGE_MS = 10 * 60 * 1000;

/** `process.emitWarning` code of the notice sent when an old file is upgraded. */
export const UPGRADE_WARNING_CODE = 'AFS_REGISTRY_UPGRADED';
