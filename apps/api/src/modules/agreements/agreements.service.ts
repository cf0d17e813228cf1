import type {
  Agreement,
  CommitmentMetric,
  TicketCreateBody,
  TicketPriority,
  TicketType,
} from '@manyi/contracts';
import { commitmentMetrics, ticketPriorities, ticketTypes } from '@manyi/contracts';
import type { Executor } from '@manyi/db';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { localDateIn } from '../../lib/local-date';
import { requireUpdated } from '../../lib/versioned';
import { diff, recordAudit } from '../audit/audit.service';
import { coverageFacts } from '../commitments/commitments.repository';
import { insertEvent } from '../tickets/tickets.repository';
import * as repo from './agreements.repository';
import { createDefaultCalendar } from './calendars.service';

type Target = {
  ticketType: TicketType;
  priority: TicketPriority;
  metric: CommitmentMetric;
  promiseMinutes: number;
  internalMinutes: number;
};

const fieldTypes: readonly TicketType[] = ['repair', 'installation', 'maintenance'];
const hours = (h: number) => h * 60;

/**
 * The standard targets, in working minutes of the service calendar (08:00–20:00): answer within 2 hours,
 * on site within one service day (the "24 hours" promise) with an internal target of 6 hours, resolved within
 * 3 service days — tighter for higher priorities; VIP targets tighter again.
 */
export function defaultTargets(scale = 1): Target[] {
  const base: Record<CommitmentMetric, Record<TicketPriority, [number, number]>> = {
    first_response: { urgent: [30, 10], high: [60, 20], normal: [120, 30], low: [240, 60] },
    on_site: {
      urgent: [hours(4), hours(2)],
      high: [hours(8), hours(4)],
      normal: [hours(12), hours(6)],
      low: [hours(24), hours(12)],
    },
    resolution: {
      urgent: [hours(12), hours(8)],
      high: [hours(24), hours(12)],
      normal: [hours(36), hours(24)],
      low: [hours(60), hours(36)],
    },
  };
  const out: Target[] = [];
  for (const ticketType of ticketTypes)
    for (const priority of ticketPriorities)
      for (const metric of commitmentMetrics) {
        if (metric === 'on_site' && !fieldTypes.includes(ticketType)) continue;
        const [promise, internal] = base[metric][priority];
        out.push({
          ticketType,
          priority,
          metric,
          promiseMinutes: Math.max(1, Math.round(promise * scale)),
          internalMinutes: Math.max(1, Math.round(internal * scale)),
        });
      }
  return out;
}

/** A new tenant's calendar and two agreements: the standard one and the VIP express lane. */
export async function createDefaultAgreements(db: Executor, tenantId: string) {
  const cal = await createDefaultCalendar(db, tenantId);
  const standard = await repo.insertAgreement(db, {
    tenantId,
    code: 'STD',
    name: '标准保修服务协议',
    description: '整机保修期内免费上门维修；安装、清洗保养等按价目表收费。',
    included: [
      { code: 'repair_in_warranty', name: '保修期内上门维修（人工与配件）' },
      { code: 'phone_support', name: '电话技术指导' },
      { code: 'first_installation', name: '首次安装（空调、热水器、油烟机）' },
    ],
    excluded: [
      { code: 'damage_by_misuse', name: '人为损坏、进水、跌落' },
      { code: 'relocation', name: '移机' },
    ],
    paid: [
      { code: 'cleaning', name: '深度清洗保养', priceFen: 12_000 },
      { code: 'relocation', name: '移机（含拆装）', priceFen: 30_000 },
      { code: 'repair_out_of_warranty', name: '保外维修上门费', priceFen: 5_000 },
    ],
    calendarId: cal.id,
    rank: 0,
  });
  await repo.replaceTargets(db, tenantId, standard.id, defaultTargets());
  const vip = await repo.insertAgreement(db, {
    tenantId,
    code: 'VIP',
    name: 'VIP 尊享服务协议',
    description: '贵宾客户专线受理、优先派工、更快上门；每年一次免费清洗保养。',
    included: [
      { code: 'repair_in_warranty', name: '保修期内上门维修（人工与配件）' },
      { code: 'phone_support', name: '电话技术指导' },
      { code: 'first_installation', name: '首次安装' },
      { code: 'cleaning', name: '每年一次深度清洗保养' },
    ],
    excluded: [{ code: 'damage_by_misuse', name: '人为损坏、进水、跌落' }],
    paid: [{ code: 'relocation', name: '移机（含拆装）', priceFen: 24_000 }],
    tiers: ['vip', 'gold'],
    calendarId: cal.id,
    rank: 10,
  });
  await repo.replaceTargets(db, tenantId, vip.id, defaultTargets(0.5));
  return { calendarId: cal.id, standardId: standard.id, vipId: vip.id };
}

function serialise(a: repo.AgreementRow, targets: repo.TargetRow[]): Agreement {
  return {
    ...a,
    tiers: a.tiers as Agreement['tiers'],
    categories: a.categories as Agreement['categories'],
    pauseStatuses: a.pauseStatuses as Agreement['pauseStatuses'],
    createdAt: a.createdAt.toISOString(),
    targets: targets
      .filter((t) => t.agreementId === a.id)
      .map(({ agreementId: _a, ...t }) => t)
      .sort((x, y) =>
        `${x.ticketType}${x.priority}${x.metric}`.localeCompare(`${y.ticketType}${y.priority}${y.metric}`),
      ),
  };
}

export async function findAgreements(ctx: ServiceContext) {
  const rows = await repo.findAgreements(ctx.db, ctx.principal.tenantId);
  const targets = await repo.findTargets(
    ctx.db,
    ctx.principal.tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => serialise(r, targets));
}

export async function getAgreement(ctx: ServiceContext, id: string) {
  const a = await repo.getAgreementRow(ctx.db, ctx.principal.tenantId, id);
  if (!a) throw new AppError('NOT_FOUND', { entity: 'agreement', id });
  return serialise(a, await repo.findTargets(ctx.db, ctx.principal.tenantId, [id]));
}

async function checkReferences(
  ctx: ServiceContext,
  input: { calendarId?: string; customerId?: string | null; targets?: Target[] },
) {
  if (input.calendarId && !(await repo.getCalendarRow(ctx.db, ctx.principal.tenantId, input.calendarId)))
    throw new AppError('REFERENCE_INVALID', { field: 'calendarId' });
  if (input.customerId) {
    if (!(await repo.customerExists(ctx.db, ctx.principal.tenantId, input.customerId)))
      throw new AppError('REFERENCE_INVALID', { field: 'customerId' });
  }
  if (input.targets) {
    const keys = input.targets.map((t) => `${t.ticketType}/${t.priority}/${t.metric}`);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup)
      throw new AppError('VALIDATION_FAILED', [{ path: 'targets', message: `duplicate target ${dup}` }]);
  }
}

type AgreementInput = Omit<Agreement, 'id' | 'version' | 'createdAt'>;

export async function createAgreement(ctx: ServiceContext, input: AgreementInput) {
  await checkReferences(ctx, input);
  const { targets, ...fields } = input;
  const a = await repo.insertAgreement(ctx.db, { tenantId: ctx.principal.tenantId, ...fields });
  await repo.replaceTargets(ctx.db, ctx.principal.tenantId, a.id, targets);
  await recordAudit(ctx, {
    action: 'agreement.created',
    entityType: 'agreement',
    entityId: a.id,
    changes: input,
  });
  return getAgreement(ctx, a.id);
}

export async function changeAgreement(
  ctx: ServiceContext,
  id: string,
  input: Partial<AgreementInput> & { version: number },
) {
  const before = await getAgreement(ctx, id);
  await checkReferences(ctx, input);
  const { version, targets, ...fields } = input;
  const from = fields.validFrom !== undefined ? fields.validFrom : before.validFrom;
  const to = fields.validTo !== undefined ? fields.validTo : before.validTo;
  if (from && to && from > to)
    throw new AppError('VALIDATION_FAILED', [{ path: 'validTo', message: 'validTo before validFrom' }]);
  await requireUpdated(
    await repo.updateAgreement(ctx.db, ctx.principal.tenantId, id, version, fields),
    'agreement',
    id,
    () => repo.getAgreementRow(ctx.db, ctx.principal.tenantId, id),
  );
  if (targets) await repo.replaceTargets(ctx.db, ctx.principal.tenantId, id, targets);
  await recordAudit(ctx, {
    action: 'agreement.changed',
    entityType: 'agreement',
    entityId: id,
    changes: diff(before, input),
  });
  return getAgreement(ctx, id);
}

export interface CoverageFacts {
  customerId: string;
  tier: string;
  category: string | null;
  /** The calendar date (tenant zone) the work order is opened on. */
  onDate: string;
}

/** The agreement covering a customer (and product) on a date: active, valid, matching; the highest rank wins. */
export async function findCoveringAgreement(
  db: Executor,
  tenantId: string,
  facts: CoverageFacts,
  active?: repo.AgreementRow[],
) {
  const rows = active ?? (await repo.findAgreements(db, tenantId, true));
  const match = rows.find(
    (a) =>
      (!a.customerId || a.customerId === facts.customerId) &&
      (a.tiers.length === 0 || a.tiers.includes(facts.tier)) &&
      (a.categories.length === 0 || (facts.category !== null && a.categories.includes(facts.category))) &&
      (!a.validFrom || a.validFrom <= facts.onDate) &&
      (!a.validTo || facts.onDate <= a.validTo),
  );
  return match ?? null;
}

/** What a service request means under an agreement: included, paid extra (with price), excluded, or not offered. */
export function serviceStatus(a: Pick<Agreement, 'included' | 'excluded' | 'paid'>, code: string) {
  if (a.included.some((s) => s.code === code)) return { code, status: 'included' as const, priceFen: null };
  const paid = a.paid.find((s) => s.code === code);
  if (paid) return { code, status: 'paid' as const, priceFen: paid.priceFen ?? null };
  if (a.excluded.some((s) => s.code === code)) return { code, status: 'excluded' as const, priceFen: null };
  return { code, status: 'not_offered' as const, priceFen: null };
}

export { repo as agreementsRepository };

/**
 * What the agent sees at intake: the agreement covering this customer (and product) today, its targets for
 * the work-order type and priority, and — for a requested service — whether it is included, available for a
 * fee (offer a quote), excluded, or not offered at all.
 */
export async function coverageFor(
  ctx: ServiceContext,
  q: {
    customerId: string;
    unitId?: string;
    ticketType?: TicketType;
    priority?: TicketPriority;
    service?: string;
  },
) {
  if (!(await repo.customerExists(ctx.db, ctx.principal.tenantId, q.customerId)))
    throw new AppError('NOT_FOUND', { entity: 'customer', id: q.customerId });
  const facts = await coverageFacts(ctx.db, ctx.principal.tenantId, q.customerId, q.unitId ?? null);
  const onDate = localDateIn(ctx.principal.tenantTimeZone, ctx.now());
  const row = await findCoveringAgreement(ctx.db, ctx.principal.tenantId, {
    customerId: q.customerId,
    tier: facts.tier,
    category: facts.category,
    onDate,
  });
  if (!row)
    return {
      agreement: null,
      service: q.service ? { code: q.service, status: 'not_offered' as const, priceFen: null } : null,
      targets: [],
    };
  const a = await getAgreement(ctx, row.id);
  return {
    agreement: a,
    service: q.service ? serviceStatus(a, q.service) : null,
    // Targets are per type and priority: listed once the agent has chosen both.
    targets: a.targets
      .filter((t) => q.ticketType && q.priority && t.ticketType === q.ticketType && t.priority === q.priority)
      .map(({ metric, promiseMinutes, internalMinutes }) => ({ metric, promiseMinutes, internalMinutes })),
  };
}

/**
 * The service asked for when a work order is opened, checked against the agreement that covers it: included
 * goes through; available for a fee needs the agent to have offered a quote (disposition `fee`), which is put
 * on the timeline as `quote_offered` for the quote to be drawn up from; anything else is SERVICE_NOT_OFFERED.
 * Called from openTicket inside its transaction, so a refusal stores nothing.
 */
export async function recordRequestedService(
  ctx: ServiceContext,
  ticketId: string,
  agreementId: string | null,
  service: TicketCreateBody['service'],
  at: Date,
) {
  if (!service) return;
  const a = agreementId ? await repo.getAgreementRow(ctx.db, ctx.principal.tenantId, agreementId) : null;
  const found = a ? serviceStatus(a, service.code) : { code: service.code, status: 'not_offered' as const };
  if (found.status === 'excluded' || found.status === 'not_offered')
    throw new AppError('SERVICE_NOT_OFFERED', {
      code: service.code,
      status: found.status,
      agreement: a?.code ?? null,
    });
  const disposition = found.status === 'included' ? 'included' : 'fee';
  if (service.disposition !== disposition)
    throw new AppError('VALIDATION_FAILED', [
      {
        path: 'service.disposition',
        message:
          disposition === 'fee'
            ? 'this service is available for a fee: offer a quote (disposition "fee")'
            : 'this service is included in the agreement (disposition "included")',
      },
    ]);
  if (disposition !== 'fee' || !a) return;
  const paid = a.paid.find((x) => x.code === service.code)!;
  await insertEvent(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId,
    kind: 'quote_offered',
    authorId: ctx.principal.userId,
    data: {
      code: paid.code,
      name: paid.name,
      priceFen: paid.priceFen ?? 0,
      agreementId: a.id,
      agreementCode: a.code,
    },
    createdAt: at,
  });
}
