import { isRegistryError } from '@afs/registry-core';

/** Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in the command line itself: unknown option, missing argument, bad value. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ReportedError {
  code: string;
  message: string;
  exitCode: number;
}

/** Map anything thrown to the code, message and exit code the user sees. */
export function classify(error: unknown): ReportedError {
  if (error instanceof UsageError)
    return { code: 'USAGE', message: error.message, exitCode: EXIT_USAGE };
  if (isRegistryError(error)) {
    return {
      code: error.code,
      message: error.message,
      exitCode: error.code === 'INVALID_INPUT' ? EXIT_USAGE : EXIT_FAILURE,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: `Unexpected error: ${message}. Run again with --verbose for details.`,
    exitCode: EXIT_FAILURE,
  };
}
