// zod/mini: the same schemas as classic zod, but tree-shakeable, which keeps
// the `afs` CLI's start-up small (see bench/README.md).
import * as z from 'zod/mini';
import { type NameKind, nameProblem } from '../names.js';

function nameCheck(kind: NameKind, prefix = '') {
  return z.superRefine<string>((value, ctx) => {
    const problem = nameProblem(value, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: prefix + problem, input: value });
  });
}

export const ModelNameSchema = z.string().check(nameCheck('model name'));

export const VersionSchema = z.string().check(nameCheck('version'));

/** `v1` or `other-model:v1`. */
export const VersionRefSchema = z.string().check(
  z.superRefine((value, ctx) => {
    const colon = value.indexOf(':');
    const problem =
      colon === -1
        ? nameProblem(value, 'version')
        : (nameProblem(value.slice(0, colon), 'model name') ??
          nameProblem(value.slice(colon + 1), 'version'));
    if (problem)
      ctx.addIssue({ code: 'custom', message: `parent reference: ${problem}`, input: value });
  }),
);

/** ISO-8601 timestamp; the Python system writes microseconds and `+00:00`. */
export const TimestampSchema = z.string().check(
  z.refine((value) => !Number.isNaN(Date.parse(value)), {
    message: 'must be an ISO-8601 timestamp',
  }),
);

export const FiniteNumber = z.number();
export const NonNegativeInt = z.int().check(z.nonnegative());
export const NonNegative = z.number().check(z.nonnegative());
export const Positive = z.number().check(z.positive());

/**
 * zod's records skip an own `__proto__` key without an issue, so a version or
 * metric stored under that name would vanish silently on the next write. This
 * wrapper refuses it with a path instead. (The cast keeps `schema`'s types:
 * only a check is added in front of it.)
 */
export function refuseProtoKey<S extends z.ZodMiniType>(schema: S): S {
  return z.pipe(
    z.unknown().check(
      z.superRefine((value, ctx) => {
        if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
          ctx.addIssue({
            code: 'custom',
            path: ['__proto__'],
            message: 'the key "__proto__" is reserved',
            input: value,
          });
        }
      }),
    ),
    schema,
  ) as unknown as S;
}
