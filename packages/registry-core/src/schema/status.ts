import * as z from 'zod/mini';

export const VERSION_STATUSES = [
  'draft',
  'training',
  'completed',
  'deployed',
  'deprecated',
  'archived',
] as const;
export const VersionStatusSchema = z.enum(VERSION_STATUSES);
export type VersionStatus = z.infer<typeof VersionStatusSchema>;
