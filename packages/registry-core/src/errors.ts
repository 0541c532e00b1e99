/**
 * Every failure the registry reports carries a stable `code`. Callers (the CLI,
 * scripts, other packages) branch on `code` rather than on `instanceof`, so a
 * second copy of this package in a dependency tree cannot break error handling.
 */
export type RegistryErrorCode =
  | 'MODEL_NOT_FOUND'
  | 'VERSION_NOT_FOUND'
  | 'VERSION_EXISTS'
  | 'INVALID_INPUT'
  | 'VERSION_IN_USE'
  | 'NO_ROLLBACK_TARGET'
  | 'CONFLICT'
  | 'CORRUPT_REGISTRY'
  | 'LOCK_TIMEOUT'
  | 'LOCK_LOST'
  | 'LINEAGE_CYCLE'
  | 'STORE_ERROR';

export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  /** Structured context for machines (`--json` output, logs); never needed to read the message. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: RegistryErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RegistryError';
    this.code = code;
    this.details = details;
  }
}

export function isRegistryError(error: unknown, code?: RegistryErrorCode): error is RegistryError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { code?: unknown; name?: unknown };
  if (candidate.name !== 'RegistryError' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}

export function modelNotFound(modelName: string, knownModels: readonly string[]): RegistryError {
  const known =
    knownModels.length > 0
      ? `Known models: ${knownModels.join(', ')}.`
      : 'The registry has no models yet.';
  return new RegistryError(
    'MODEL_NOT_FOUND',
    `Model "${modelName}" is not in the registry. ${known} Register it first with registerModel (or "afs registry add ${modelName}").`,
    { modelName, knownModels: [...knownModels] },
  );
}

export function versionNotFound(
  modelName: string,
  version: string,
  knownVersions: readonly string[],
): RegistryError {
  const known =
    knownVersions.length > 0
      ? `Known versions: ${knownVersions.join(', ')}.`
      : 'It has no versions.';
  return new RegistryError(
    'VERSION_NOT_FOUND',
    `Version "${version}" of model "${modelName}" does not exist. ${known}`,
    { modelName, version, knownVersions: [...knownVersions] },
  );
}

export function invalidInput(
  message: string,
  details: Record<string, unknown> = {},
): RegistryError {
  return new RegistryError('INVALID_INPUT', message, details);
}
