import { z } from 'zod';
import { roleSchema } from './auth';
import { emailInput, isoDateTime, text, uuid, version } from './common';

export const teamKinds = ['internal', 'service_point'] as const;

export const team = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(teamKinds),
  version: z.int(),
  createdAt: isoDateTime,
});
export type Team = z.infer<typeof team>;

export const teamCreateBody = z.object({ name: text(100), kind: z.enum(teamKinds).default('internal') });
export const teamRenameBody = z.object({ name: text(100), version });

export const user = z.object({
  id: uuid,
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  teamId: uuid.nullable(),
  locale: z.enum(['zh-CN', 'en']),
  active: z.boolean(),
  lockedUntil: isoDateTime.nullable(),
  version: z.int(),
  createdAt: isoDateTime,
});
export type User = z.infer<typeof user>;

export const passwordSchema = z.string().min(10).max(200);

export const userCreateBody = z.object({
  email: emailInput,
  displayName: text(100),
  role: roleSchema,
  teamId: uuid.nullable().default(null),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  password: passwordSchema,
});

export const userChangeBody = z.object({
  version,
  displayName: text(100).optional(),
  role: roleSchema.optional(),
  teamId: uuid.nullable().optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
  active: z.boolean().optional(),
});

export const auditEntry = z.object({
  id: z.string(),
  actorUserId: uuid.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  changes: z.unknown(),
  at: isoDateTime,
});
