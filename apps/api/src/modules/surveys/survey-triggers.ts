import { createHash } from 'node:crypto';
import { type Executor, schema } from '@manyi/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context';
import { createInvitation, ensureSettings } from './surveys.service';

const { customers, surveyInvitations, tickets, surveyTemplates } = schema;

/**
 * Survey triggers other than resolution: a completed visit (上门服务完成) and a "send survey" campaign.
 * Both create invitations only (the link is issued when someone sends it), keyed by a `sourceKey` unique per
 * tenant, so a retried trigger or a re-run campaign adds none.
 */

/** The customer of a work order, with what decides whether we may survey them. */
async function ticketCustomer(db: Executor, tenantId: string, ticketId: string) {
  const [row] = await db
    .select({
      customerId: tickets.customerId,
      type: tickets.type,
      consent: customers.consent,
      status: customers.status,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId)));
  return row ?? null;
}

/** Same visit → same decision (as `sampledIn` of follow-ups does for a resolution). */
export function visitSampled(visitId: string, percent: number) {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  return createHash('sha256').update(`visit:${visitId}`).digest().readUInt32BE(0) % 100 < percent;
}

/**
 * Called by the visits service inside the check-out transaction. Invites the customer to rate the visit once
 * per visit (`visit:<id>`), when: automatic surveys are on (`surveyOnResolution`), the customer has not refused
 * surveys, the visit did not resolve the work order (the resolution survey, sent in the same transaction,
 * already asks — one survey per visit, never two), and the visit falls in the sample (`followupSamplePercent`,
 * decided by a hash of the visit id, so the same visit is always decided the same way).
 */
export async function onVisitCompleted(
  ctx: ServiceContext,
  visit: { id: string; ticketId: string; result: string | null },
) {
  if (visit.result === 'resolved') return null;
  const tenantId = ctx.principal.tenantId;
  const settings = await ensureSettings(ctx.db, tenantId);
  if (!settings.surveyOnResolution) return null;
  const c = await ticketCustomer(ctx.db, tenantId, visit.ticketId);
  if (!c || c.status === 'churned') return null;
  if ((c.consent as { surveys?: boolean } | null)?.surveys === false) return null;
  if (!visitSampled(visit.id, settings.followupSamplePercent)) return null;
  const { row } = await createInvitation(ctx.db, {
    tenantId,
    customerId: c.customerId,
    ticketId: visit.ticketId,
    trigger: 'visit',
    sourceKey: `visit:${visit.id}`,
    now: ctx.now(),
  });
  return row;
}

/**
 * A "send survey" campaign batch: one invitation per customer per campaign (`campaign:<campaign>:<customer>`),
 * one set-based insert; customers who refused surveys or are lost are left out. Returns how many were new.
 */
export async function inviteCampaignCustomers(
  db: Executor,
  campaign: { id: string; tenantId: string },
  customerIds: string[],
  now: Date,
) {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return 0;
  const settings = await ensureSettings(db, campaign.tenantId);
  const templateId = settings.resolutionTemplateId;
  if (!templateId) return 0;
  const [template] = await db
    .select({ active: surveyTemplates.active })
    .from(surveyTemplates)
    .where(and(eq(surveyTemplates.tenantId, campaign.tenantId), eq(surveyTemplates.id, templateId)));
  if (!template?.active) return 0;
  const allowed = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, campaign.tenantId),
        inArray(customers.id, ids),
        eq(customers.status, 'active'),
        sql`coalesce((${customers.consent}->>'surveys')::boolean, true)`,
      ),
    );
  if (allowed.length === 0) return 0;
  const expiresAt = new Date(now.getTime() + settings.surveyLinkDays * 86_400_000);
  const created = await db
    .insert(surveyInvitations)
    .values(
      allowed.map((c) => ({
        tenantId: campaign.tenantId,
        templateId,
        customerId: c.id,
        campaignId: campaign.id,
        trigger: 'campaign' as const,
        sourceKey: `campaign:${campaign.id}:${c.id}`,
        expiresAt,
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: surveyInvitations.id });
  return created.length;
}

/** Invitations a survey campaign has made so far (its `created` figure). */
export async function countCampaignInvitations(db: Executor, campaignId: string) {
  return db.$count(surveyInvitations, eq(surveyInvitations.campaignId, campaignId));
}
