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
