import { z } from 'zod';
import { emailInput, isoDateTime, text, uuid } from './common';

export const roles = [
  'admin',
  'supervisor',
  'agent',
  'dispatcher',
  'technician',
  'partner_manager',
  'quality_manager',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** What a role may do. The API enforces this; the web app uses it only to hide what would be refused. */
export const permissions = [
  'tickets.read_all', // every work order of the tenant (others see only their team's or their own)
  'tickets.write', // open work orders, log calls, reply, note, change fields and status
  'tickets.assign',
  'customers.read',
  'customers.write',
  'catalog.read', // product models, warranty policies
  'catalog.write',
  'users.manage', // users, teams, roles
  'tokens.manage', // API tokens for integrations
  'audit.read',
  'settings.manage',
  // Visits: plan / reschedule / cancel appointments and see the dispatch board; do the work on site.
  'visits.manage',
  'field.work',
  // Surveys and follow-up calls (回访): templates, thresholds and campaigns; making the calls.
  'surveys.manage',
  'followups.work',
  // Insights: satisfaction dashboards, drill-down, exports and the monthly monitoring report.
  'reports.read',
  // Complaints: handle them (six steps, remedies within one's limit, escalate); approve remedies over an
  // agent's limit; configure causes, deadlines, approval limits and win-back.
  'complaints.manage',
  'complaints.approve',
  'complaints.configure',
  // Dispatch (派工): service points, technicians, candidates and dispatching; a partner answering offers.
  'dispatch.manage',
  'dispatch.respond',
  // Paid work: the price list; customer property in our custody (register, moves, returns, incidents).
  'pricing.manage',
  'custody.manage',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  supervisor: [
    'tickets.read_all',
    'tickets.write',
    'tickets.assign',
    'customers.read',
    'customers.write',
    'catalog.read',
    'audit.read',
    'visits.manage',
    'surveys.manage',
    'followups.work',
    'reports.read',
    'complaints.manage',
    'complaints.approve',
    'dispatch.manage',
    'pricing.manage',
    'custody.manage',
  ],
  agent: [
    'tickets.read_all',
    'tickets.write',
    'tickets.assign',
    'customers.read',
    'customers.write',
    'catalog.read',
    'followups.work',
    'complaints.manage',
  ],
  dispatcher: [
    'tickets.read_all',
    'tickets.write',
    'tickets.assign',
    'customers.read',
    'catalog.read',
    'visits.manage',
    'dispatch.manage',
    'custody.manage',
  ],
  quality_manager: [
    'tickets.read_all',
    'tickets.write',
    'customers.read',
    'catalog.read',
    'audit.read',
    'surveys.manage',
    'followups.work',
    'reports.read',
    'complaints.manage',
    'complaints.approve',
    'complaints.configure',
    'custody.manage',
  ],
  // Partners and technicians work on what is dispatched to their team (service point) or to themselves.
  partner_manager: [
    'tickets.write',
    'tickets.assign',
    'catalog.read',
    'visits.manage',
    'dispatch.respond',
    'custody.manage',
  ],
  technician: ['tickets.write', 'catalog.read', 'field.work', 'custody.manage'],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export const loginBody = z.object({
  email: emailInput,
  password: z.string().min(1).max(200),
});

export const currentUser = z.object({
  id: uuid,
  tenantId: uuid,
  tenantName: z.string(),
  tenantTimeZone: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  teamId: uuid.nullable(),
  locale: z.enum(['zh-CN', 'en']),
  permissions: z.array(z.enum(permissions)),
});
export type CurrentUser = z.infer<typeof currentUser>;

export const sessionResponse = z.object({ user: currentUser, csrfToken: z.string() });

export const apiTokenCreateBody = z.object({
  name: text(100),
  expiresInDays: z.int().min(1).max(3650).optional(),
});
export const apiToken = z.object({
  id: uuid,
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
/** The secret is shown once, at creation. */
export const apiTokenCreated = apiToken.extend({ token: z.string() });
