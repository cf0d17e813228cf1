import { type Executor, schema } from '@manyi/db';
import { and, desc, eq, sql } from 'drizzle-orm';

const {
  satisfactionSettings,
  surveyTemplates,
  surveyInvitations,
  surveyResponses,
  tenants,
  customers,
  tickets,
  users,
} = schema;

export type SettingsRow = typeof satisfactionSettings.$inferSelect;
export type TemplateRow = typeof surveyTemplates.$inferSelect;
export type InvitationRow = typeof surveyInvitations.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;

export async function getSettings(db: Executor, tenantId: string): Promise<SettingsRow | null> {
  const [row] = await db
    .select()
    .from(satisfactionSettings)
    .where(eq(satisfactionSettings.tenantId, tenantId));
  return row ?? null;
}

export async function insertSettingsIfMissing(db: Executor, row: typeof satisfactionSettings.$inferInsert) {
  await db.insert(satisfactionSettings).values(row).onConflictDoNothing();
}

export async function updateSettings(
  db: Executor,
  tenantId: string,
  version: number,
  patch: Partial<typeof satisfactionSettings.$inferInsert>,
  now: Date,
) {
  const [row] = await db
    .update(satisfactionSettings)
    .set({ ...patch, version: sql`${satisfactionSettings.version} + 1`, updatedAt: now })
    .where(and(eq(satisfactionSettings.tenantId, tenantId), eq(satisfactionSettings.version, version)))
    .returning();
  return row ?? null;
}

export async function findTemplates(db: Executor, tenantId: string) {
  return db
    .select()
    .from(surveyTemplates)
    .where(eq(surveyTemplates.tenantId, tenantId))
    .orderBy(surveyTemplates.createdAt, surveyTemplates.name);
}

export async function getTemplate(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(surveyTemplates)
    .where(and(eq(surveyTemplates.tenantId, tenantId), eq(surveyTemplates.id, id)));
  return row ?? null;
}

export async function getTemplateByName(db: Executor, tenantId: string, name: string) {
  const [row] = await db
    .select()
    .from(surveyTemplates)
    .where(and(eq(surveyTemplates.tenantId, tenantId), eq(surveyTemplates.name, name)));
  return row ?? null;
}

export async function insertTemplate(db: Executor, row: typeof surveyTemplates.$inferInsert) {
  const [created] = await db.insert(surveyTemplates).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function updateTemplate(
  db: Executor,
  tenantId: string,
  id: string,
  version: number,
  patch: Partial<typeof surveyTemplates.$inferInsert>,
) {
  const [row] = await db
    .update(surveyTemplates)
    .set({ ...patch, version: sql`${surveyTemplates.version} + 1` })
    .where(
      and(
        eq(surveyTemplates.tenantId, tenantId),
        eq(surveyTemplates.id, id),
        eq(surveyTemplates.version, version),
      ),
    )
    .returning();
  return row ?? null;
}

/** Inserts an invitation unless one with the same source exists; returns the row either way. */
export async function insertInvitation(db: Executor, row: typeof surveyInvitations.$inferInsert) {
  const [created] = await db.insert(surveyInvitations).values(row).onConflictDoNothing().returning();
  if (created) return { row: created, created: true };
  const [existing] = await db
    .select()
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.tenantId, row.tenantId), eq(surveyInvitations.sourceKey, row.sourceKey)));
  return { row: existing!, created: false };
}

export async function getInvitation(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.tenantId, tenantId), eq(surveyInvitations.id, id)));
  return row ?? null;
}

export async function markInvitation(
  db: Executor,
  tenantId: string,
  id: string,
  patch: Partial<typeof surveyInvitations.$inferInsert>,
) {
  await db
    .update(surveyInvitations)
    .set(patch)
    .where(and(eq(surveyInvitations.tenantId, tenantId), eq(surveyInvitations.id, id)));
}

export async function findInvitationsOfCustomer(db: Executor, tenantId: string, customerId: string) {
  return db
    .select({ inv: surveyInvitations, templateName: surveyTemplates.name })
    .from(surveyInvitations)
    .innerJoin(surveyTemplates, eq(surveyTemplates.id, surveyInvitations.templateId))
    .where(and(eq(surveyInvitations.tenantId, tenantId), eq(surveyInvitations.customerId, customerId)))
    .orderBy(desc(surveyInvitations.createdAt))
    .limit(50);
}

export async function insertResponse(db: Executor, row: typeof surveyResponses.$inferInsert) {
  const [created] = await db.insert(surveyResponses).values(row).returning();
  return created!;
}

export async function setRecoveryTicket(db: Executor, responseId: string, ticketId: string) {
  await db
    .update(surveyResponses)
    .set({ recoveryTicketId: ticketId })
    .where(eq(surveyResponses.id, responseId));
}

export async function findResponses(
  db: Executor,
  tenantId: string,
  filter: { customerId?: string; dissatisfied?: boolean; limit: number },
) {
  const where = [eq(surveyResponses.tenantId, tenantId)];
  if (filter.customerId) where.push(eq(surveyResponses.customerId, filter.customerId));
  if (filter.dissatisfied !== undefined) where.push(eq(surveyResponses.dissatisfied, filter.dissatisfied));
  return db
    .select({ r: surveyResponses, templateName: surveyTemplates.name })
    .from(surveyResponses)
    .innerJoin(surveyTemplates, eq(surveyTemplates.id, surveyResponses.templateId))
    .where(and(...where))
    .orderBy(desc(surveyResponses.respondedAt))
    .limit(filter.limit);
}

/** What the public survey page shows about whose survey it is. */
export async function getInvitationContext(db: Executor, tenantId: string, invitationId: string) {
  const [row] = await db
    .select({
      inv: surveyInvitations,
      template: surveyTemplates,
      tenantName: tenants.name,
      ticketPrefix: tenants.ticketPrefix,
      timeZone: tenants.timeZone,
      customerName: customers.name,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
      ticketTeamId: tickets.teamId,
      ticketAssigneeId: tickets.assigneeId,
    })
    .from(surveyInvitations)
    .innerJoin(surveyTemplates, eq(surveyTemplates.id, surveyInvitations.templateId))
    .innerJoin(tenants, eq(tenants.id, surveyInvitations.tenantId))
    .innerJoin(customers, eq(customers.id, surveyInvitations.customerId))
    .leftJoin(tickets, eq(tickets.id, surveyInvitations.ticketId))
    .where(and(eq(surveyInvitations.tenantId, tenantId), eq(surveyInvitations.id, invitationId)));
  return row ?? null;
}

export async function findActiveSupervisors(db: Executor, tenantId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'supervisor'), eq(users.active, true)));
}

export async function getCustomerBrief(db: Executor, tenantId: string, customerId: string) {
  const [row] = await db
    .select({ id: customers.id, name: customers.name, tier: customers.tier, consent: customers.consent })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  return row ?? null;
}

export async function getInvitationWithTemplate(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select({ inv: surveyInvitations, templateName: surveyTemplates.name })
    .from(surveyInvitations)
    .innerJoin(surveyTemplates, eq(surveyTemplates.id, surveyInvitations.templateId))
    .where(and(eq(surveyInvitations.tenantId, tenantId), eq(surveyInvitations.id, id)));
  return row ?? null;
}

/** The customer of a work order of this tenant, or null. */
export async function getTicketCustomer(db: Executor, tenantId: string, ticketId: string) {
  const [row] = await db
    .select({ customerId: tickets.customerId })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId)));
  return row?.customerId ?? null;
}

export async function insertNotifications(db: Executor, rows: (typeof schema.notifications.$inferInsert)[]) {
  if (rows.length) await db.insert(schema.notifications).values(rows);
}
