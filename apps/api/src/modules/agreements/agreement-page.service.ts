import type { PublicAgreement } from '@manyi/contracts';
import type { Executor } from '@manyi/db';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { localDateIn } from '../../lib/local-date';
import { issuePublicLink, resolvePublicLink } from '../../lib/public-links';
import { recordAudit } from '../audit/audit.service';
import * as repo from './agreements.repository';
import { findCoveringAgreement } from './agreements.service';

/** How long a customer's agreement link stays valid. */
export const AGREEMENT_LINK_DAYS = 30;

/** 张三丰 → 张**, Li Lei → L*****: enough for the customer to recognise, little for anyone it is forwarded to. */
export function maskName(name: string) {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 6)));
}

/** Issues a signed link to the page that shows a customer the agreement covering them. */
export async function issueAgreementLink(ctx: ServiceContext, customerId: string) {
  const customer = await repo.getCustomerBrief(ctx.db, ctx.principal.tenantId, customerId);
  if (!customer) throw new AppError('NOT_FOUND', { entity: 'customer', id: customerId });
  const expiresAt = new Date(ctx.now().getTime() + AGREEMENT_LINK_DAYS * 86_400_000);
  const link = await issuePublicLink(ctx.db, {
    tenantId: ctx.principal.tenantId,
    purpose: 'agreement',
    subjectId: customerId,
    expiresAt,
    createdById: ctx.principal.userId,
  });
  await recordAudit(ctx, {
    action: 'customer.agreement_link_issued',
    entityType: 'customer',
    entityId: customerId,
    changes: { linkId: link.id, expiresAt: expiresAt.toISOString() },
  });
  return { path: link.path, token: link.token, expiresAt: expiresAt.toISOString() };
}

/**
 * What the customer sees by the link: the agreement covering them today (by tier and named contract; product
 * categories need a product, so category-bound agreements are not shown), with customer promises only.
 */
export async function getPublicAgreement(db: Executor, token: string, now: Date): Promise<PublicAgreement> {
  const link = await resolvePublicLink(db, token, 'agreement', now);
  const tenant = await repo.getTenantBrief(db, link.tenantId);
  const customer = await repo.getCustomerBrief(db, link.tenantId, link.subjectId);
  if (!tenant || !customer) throw new AppError('LINK_INVALID');
  const row = await findCoveringAgreement(db, link.tenantId, {
    customerId: customer.id,
    tier: customer.tier,
    category: null,
    onDate: localDateIn(tenant.timeZone, now),
  });
  const base = {
    tenantName: tenant.name,
    customerName: maskName(customer.name),
    linkExpiresAt: link.expiresAt.toISOString(),
  };
  if (!row) return { ...base, agreement: null };
  const targets = await repo.findTargets(db, link.tenantId, [row.id]);
  const calendar = await repo.getCalendarRow(db, link.tenantId, row.calendarId);
  return {
    ...base,
    agreement: {
      name: row.name,
      description: row.description,
      included: row.included.map((s) => ({ name: s.name })),
      excluded: row.excluded.map((s) => ({ name: s.name })),
      paid: row.paid.map((s) => ({ name: s.name, priceFen: s.priceFen ?? 0 })),
      validFrom: row.validFrom,
      validTo: row.validTo,
      // Built field by field: the internal targets must never reach the customer.
      promises: targets.map((t) => ({
        ticketType: t.ticketType,
        priority: t.priority,
        metric: t.metric,
        promiseMinutes: t.promiseMinutes,
      })),
      serviceHours: {
        timeZone: calendar?.timeZone ?? tenant.timeZone,
        is24x7: calendar?.is24x7 ?? false,
        week: (calendar?.week ?? {
          '0': [],
          '1': [],
          '2': [],
          '3': [],
          '4': [],
          '5': [],
          '6': [],
        }) as NonNullable<PublicAgreement['agreement']>['serviceHours']['week'],
      },
    },
  };
}
