import { z } from 'zod';
import { nameProblem } from '../names.js';

export const ModelNameSchema = z.string().superRefine((value, ctx) => {
  const problem = nameProblem(value, 'model name');
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const VersionSchema = z.string().superRefine((value, ctx) => {
  const problem = nameProblem(value, 'version');
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** `v1` or `other-model:v1`. */
export const VersionRefSchema = z.string().superRefine((value, ctx) => {
  const colon = value.indexOf(':');
  const problem =
    colon === -1
      ? nameProblem(value, 'version')
      : (nameProblem(value.slice(0, colon), 'model name') ??
        nameProblem(value.slice(colon + 1), 'version'));
  if (problem) ctx.addIssue({ code: 'custom', message: `parent reference: ${problem}` });
});

/** ISO-8601 timestamp; the Python system writes microseconds and `+00:00`. */
export const TimestampSchema = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
  message: 'must be an ISO-8601 timestamp',
});

export const FiniteNumber = z.number();
export const NonNegativeInt = z.number().int().nonnegative();
export const NonNegative = z.number().nonnegative();
export const Positive = z.number().positive();

/**
 * zod's records skip an own `__proto__` key without an issue, so a version or
 * metric stored under that name would vanish silently on the next write. This
 * wrapper refuses it with a path instead. (The cast keeps `schema`'s types:
 * only a check is added in front of it.)
 */
export function refuseProtoKey<S extends z.ZodType>(schema: S): S {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
        ctx.addIssue({
          code: 'custom',
          path: ['__proto__'],
          message: 'the key "__proto__" is reserved',
        });
      }
    })
    .pipe(schema) as unknown as S;
}
