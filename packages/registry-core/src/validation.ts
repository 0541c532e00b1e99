import type * as z from 'zod/mini';
import { invalidInput } from './errors.js';

/** `training.learningRate: Too small: expected number to be >0` style lines. */
export function describeIssues(error: { issues: readonly z.core.$ZodIssue[] }): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Parse caller input, turning a schema failure into an `INVALID_INPUT` error. */
export function parseInput<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw invalidInput(`Invalid ${what}: ${describeIssues(result.error)}.`, {
      issues: result.error.issues.map((issue) => ({
        path: issue.path.map(String),
        message: issue.message,
      })),
    });
  }
  return result.data;
}
