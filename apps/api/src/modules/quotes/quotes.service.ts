import type {
  Charge,
  LineCoverage,
  Payment,
  PaymentMethod,
  PriceItem,
  PriceItemKind,
  ProductCategory,
  PublicQuote,
  Quote,
  QuoteLineInput,
  QuoteStatus,
  TicketMoney,
  TicketType,
  WarrantyStatus,
} from '@manyi/contracts';
import type { Executor } from '@manyi/db';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import {
  issuePublicLink,
  resolvePublicLink,
  revokePublicLinks,
  spendPublicLink,
} from '../../lib/public-links';
import { iso, requireUpdated } from '../../lib/versioned';
import { agreementsRepository } from '../agreements/agreements.service';
import { insertAudit } from '../audit/audit.repository';
import { diff, recordAudit } from '../audit/audit.service';
import { getUnitWarranty } from '../products/products.service';
import { insertEvent } from '../tickets/tickets.repository';
import { getTicket } from '../tickets/tickets.service';
import * as repo from './quotes.repository';

const DAY_MS = 86_400_000;
/** Work orders that can carry paid work. */
export const quotableTypes: readonly TicketType[] = ['repair', 'installation', 'maintenance'];

/**
 * A quote step on the work order's timeline (kind `quote`, the step in data.action), written in the caller's
 * transaction. The web builds its sentence from `data`; `body` is only the customer's reason, if any.
 */
function quoteTimeline(
  db: Executor,
  e: {
    tenantId: string;
    ticketId: string;
    authorId: string | null;
    action: 'sent' | 'accepted' | 'declined' | 'payment_recorded';
    body?: string | null;
    data: Record<string, unknown>;
    at: Date;
  },
) {
  return insertEvent(db, {
    tenantId: e.tenantId,
    ticketId: e.ticketId,
    kind: 'quote',
    visibility: 'internal',
    authorId: e.authorId,
    body: e.body ?? null,
    data: { action: e.action, ...e.data },
    createdAt: e.at,
  });
}

// ── Price list ──────────────────────────────────────────────────────────────────────────────────────

const serialisePriceItem = (r: NonNullable<repo.PriceItemRow>): PriceItem => ({
  ...r,
  category: r.category as ProductCategory | null,
  createdAt: r.createdAt.toISOString(),
});

export async function findPriceItems(
  ctx: ServiceContext,
  f: { kind?: PriceItemKind; category?: ProductCategory; active?: 'true' | 'false'; q?: string },
) {
  const rows = await repo.findPriceItems(ctx.db, ctx.principal.tenantId, {
    ...f,
    active: f.active === undefined ? undefined : f.active === 'true',
  });
  return rows.map(serialisePriceItem);
}

type PriceItemInput = Omit<PriceItem, 'id' | 'version' | 'createdAt' | 'currency'>;

export async function createPriceItem(ctx: ServiceContext, input: PriceItemInput) {
  const r = await repo.insertPriceItem(ctx.db, { tenantId: ctx.principal.tenantId, ...input });
  await recordAudit(ctx, {
    action: 'price_item.created',
    entityType: 'price_item',
    entityId: r.id,
    changes: input,
  });
  return serialisePriceItem(r);
}

export async function changePriceItem(
  ctx: ServiceContext,
  id: string,
  input: Partial<Omit<PriceItemInput, 'kind' | 'code'>> & { version: number },
) {
  const before = await repo.getPriceItemRow(ctx.db, ctx.principal.tenantId, id);
  if (!before) throw new AppError('NOT_FOUND', { entity: 'price_item', id });
  const { version, ...patch } = input;
  const r = await requireUpdated(
    await repo.updatePriceItem(ctx.db, ctx.principal.tenantId, id, version, patch),
    'price_item',
    id,
    () => repo.getPriceItemRow(ctx.db, ctx.principal.tenantId, id),
  );
  await recordAudit(ctx, {
    action: 'price_item.changed',
    entityType: 'price_item',
    entityId: id,
    changes: diff(before, patch),
  });
  return serialisePriceItem(r);
}

// ── Pricing a line: warranty and agreement first ────────────────────────────────────────────────────

type TicketFacts = NonNullable<Awaited<ReturnType<typeof repo.getTicketFacts>>>;

/**
 * Decides, per line, whether the customer pays. Parts and labour are free while the unit's warranty covers
 * their part class (a part class with its own longer period — "压缩机 10 年" — counts), the call-out fee while
 * the whole unit is covered, and a service when the work order's agreement includes it. The reason is kept
 * on the line (and later on the charge) so that the customer sees why it is free.
 */
function coverageChecker(ctx: ServiceContext, facts: TicketFacts, includedCodes: Set<string>) {
  const cache = new Map<string, Promise<WarrantyStatus | null>>();
  const warranty = (part: string | null) => {
    const key = part ?? '';
    let hit = cache.get(key);
    if (!hit) {
      hit = facts.unitId ? getUnitWarranty(ctx, facts.unitId, part ? { part } : {}) : Promise.resolve(null);
      cache.set(key, hit);
    }
    return hit;
  };
  return async (
    kind: PriceItemKind,
    partClass: string | null,
    code: string | null,
  ): Promise<LineCoverage | null> => {
    if (kind === 'service') {
      if (code && includedCodes.has(code))
        return {
          basis: 'agreement',
          partClass: null,
          months: null,
          endDate: null,
          reason: 'agreement_included',
        };
      return null;
    }
    const whole = await warranty(null);
    const w = kind === 'call_out' || !partClass ? whole : await warranty(partClass);
    if (!w?.covered) return null;
    // The part's own (longer) period applies: name the part; otherwise it is the whole-unit warranty.
    const ownPeriod = partClass !== null && kind !== 'call_out' && (w.months ?? 0) > (whole?.months ?? 0);
    return {
      basis: 'warranty',
      partClass: ownPeriod ? partClass : null,
      months: w.months,
      endDate: w.endDate,
      reason: w.reason,
    };
  };
}

async function includedServices(ctx: ServiceContext, agreementId: string | null) {
  if (!agreementId) return new Set<string>();
  const a = await agreementsRepository.getAgreementRow(ctx.db, ctx.principal.tenantId, agreementId);
  return new Set((a?.included ?? []).map((s) => s.code));
}

async function priceLines(ctx: ServiceContext, facts: TicketFacts, inputs: QuoteLineInput[]) {
  const ids = inputs.flatMap((l) => ('priceItemId' in l ? [l.priceItemId] : []));
  const items = new Map(
    (await repo.getPriceItemsByIds(ctx.db, ctx.principal.tenantId, ids)).map((i) => [i.id, i]),
  );
  const coverageOf = coverageChecker(ctx, facts, await includedServices(ctx, facts.agreementId));
  const out = [];
  for (const [i, input] of inputs.entries()) {
    let base: {
      priceItemId: string | null;
      kind: PriceItemKind;
      code: string | null;
      name: string;
      partClass: string | null;
      listPriceFen: number;
      adHocReason: string | null;
    };
    if ('priceItemId' in input) {
      const item = items.get(input.priceItemId);
      if (!item) throw new AppError('REFERENCE_INVALID', { field: `lines.${i}.priceItemId` });
      if (!item.active) throw new AppError('PRICE_ITEM_INACTIVE', { field: `lines.${i}.priceItemId` });
      base = {
        priceItemId: item.id,
        kind: item.kind,
        code: item.code,
        name: item.name,
        partClass: item.partClass,
        listPriceFen: item.priceFen,
        adHocReason: null,
      };
    } else {
      base = {
        priceItemId: null,
        kind: input.kind,
        code: null,
        name: input.name,
        partClass: input.partClass,
        listPriceFen: input.unitPriceFen,
        adHocReason: input.adHocReason,
      };
    }
    // A free line is priced as entered unless it names a part class under warranty: it is extra work by nature.
    const coverage =
      base.priceItemId || base.partClass ? await coverageOf(base.kind, base.partClass, base.code) : null;
    const unitPriceFen = coverage ? 0 : base.listPriceFen;
    out.push({
      ...base,
      position: i + 1,
      quantity: input.quantity,
      unitPriceFen,
      amountFen: unitPriceFen * input.quantity,
      coverage,
    });
  }
  return out;
}

const totalsOf = (lines: { listPriceFen: number; quantity: number; amountFen: number }[]) => ({
  listTotalFen: lines.reduce((s, l) => s + l.listPriceFen * l.quantity, 0),
  totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
});

// ── Quotes ──────────────────────────────────────────────────────────────────────────────────────────

/** A sent quote past its validity is expired, whether or not anything has written that down yet. */
export function effectiveStatus(q: { status: QuoteStatus; validUntil: Date }, now: Date): QuoteStatus {
  return q.status === 'sent' && q.validUntil.getTime() <= now.getTime() ? 'expired' : q.status;
}

function serialiseQuote(q: repo.QuoteRow, lines: repo.LineRow[], now: Date): Quote {
  return {
    ...q,
    status: effectiveStatus(q, now),
    decidedVia: q.decidedVia as Quote['decidedVia'],
    validUntil: q.validUntil.toISOString(),
    sentAt: iso(q.sentAt),
    decidedAt: iso(q.decidedAt),
    createdAt: q.createdAt.toISOString(),
    lines: lines
      .filter((l) => l.quoteId === q.id)
      .map(({ quoteId: _q, ...l }) => ({ ...l, coverage: l.coverage ?? null })),
  };
}

/** The work order (visible to the caller) and that it is a type that can carry paid work. */
async function requireQuotableTicket(ctx: ServiceContext, ticketId: string) {
  const t = await getTicket(ctx, ticketId);
  if (!quotableTypes.includes(t.type)) throw new AppError('QUOTE_NOT_APPLICABLE', { type: t.type });
  const facts = await repo.getTicketFacts(ctx.db, ctx.principal.tenantId, ticketId);
  if (!facts) throw new AppError('NOT_FOUND', { entity: 'ticket', id: ticketId });
  return facts;
}

/** A quote whose work order the caller may see (another's is NOT_FOUND, like a missing one). */
async function requireQuote(ctx: ServiceContext, id: string) {
  const q = await repo.getQuoteRow(ctx.db, ctx.principal.tenantId, id);
  if (!q) throw new AppError('NOT_FOUND', { entity: 'quote', id });
  await getTicket(ctx, q.ticketId);
  return q;
}

export async function getQuote(ctx: ServiceContext, id: string): Promise<Quote> {
  const q = await requireQuote(ctx, id);
  return serialiseQuote(q, await repo.findLines(ctx.db, [id]), ctx.now());
}

const offerOf = (e: { data: unknown; body: string | null }) => {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const code = String(d.code ?? d.serviceCode ?? d.service ?? '');
  const priceFen = Number(d.priceFen);
  if (!code || !Number.isInteger(priceFen) || priceFen < 0) return null;
  return { code, name: String(d.name ?? d.serviceName ?? e.body ?? code), priceFen };
};

/** Paid services offered at intake that no quote of the work order carries yet. */
async function openOffers(ctx: ServiceContext, ticketId: string) {
  const tenantId = ctx.principal.tenantId;
  const offers = (await repo.findOffers(ctx.db, tenantId, ticketId)).map(offerOf).filter((o) => o !== null);
  if (offers.length === 0) return [];
  const quoted = new Set(
    (
      await repo.findLines(
        ctx.db,
        (await repo.findQuotesOfTicket(ctx.db, tenantId, ticketId)).map((q) => q.id),
      )
    ).flatMap((l) => (l.code ? [l.code] : [l.name])),
  );
  const seen = new Set<string>();
  return offers.filter((o) => {
    if (quoted.has(o.code) || quoted.has(o.name) || seen.has(o.code)) return false;
    seen.add(o.code);
    return true;
  });
}

async function offerLines(ctx: ServiceContext, ticketId: string): Promise<QuoteLineInput[]> {
  const offers = await openOffers(ctx, ticketId);
  const items = new Map(
    (
      await repo.findServiceItemsByCode(
        ctx.db,
        ctx.principal.tenantId,
        offers.map((o) => o.code),
      )
    ).map((i) => [i.code, i]),
  );
  return offers.map((o) => {
    const item = items.get(o.code);
    if (item) return { priceItemId: item.id, quantity: 1 };
    return {
      kind: 'service' as const,
      name: o.name,
      unitPriceFen: o.priceFen,
      quantity: 1,
      partClass: null,
      adHocReason: ctx.lang === 'en' ? 'Offered to the customer at intake' : '受理时已向客户报价',
    };
  });
}

export async function createQuote(
  ctx: ServiceContext,
  ticketId: string,
  input: { lines: QuoteLineInput[]; fromOffers: boolean; validDays: number; note: string | null },
) {
  const facts = await requireQuotableTicket(ctx, ticketId);
  const inputs = [...input.lines, ...(input.fromOffers ? await offerLines(ctx, ticketId) : [])];
  if (inputs.length === 0) throw new AppError('QUOTE_EMPTY');
  if (inputs.length > 50)
    throw new AppError('VALIDATION_FAILED', [{ path: 'lines', message: 'at most 50 lines' }]);
  const lines = await priceLines(ctx, facts, inputs);
  const now = ctx.now();
  const q = await repo.insertQuote(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId,
    status: 'draft',
    ...totalsOf(lines),
    note: input.note,
    validUntil: new Date(now.getTime() + input.validDays * DAY_MS),
    createdById: ctx.principal.userId,
    createdAt: now,
    updatedAt: now,
  });
  await repo.replaceLines(ctx.db, ctx.principal.tenantId, q.id, lines);
  await recordAudit(ctx, {
    action: 'quote.created',
    entityType: 'quote',
    entityId: q.id,
    changes: { ticketId, ...totalsOf(lines), lines: lines.length },
  });
  return getQuote(ctx, q.id);
}

export async function changeQuote(
  ctx: ServiceContext,
  id: string,
  input: { version: number; lines?: QuoteLineInput[]; validDays?: number; note?: string | null },
) {
  const q = await requireQuote(ctx, id);
  if (q.status !== 'draft') throw new AppError('QUOTE_NOT_EDITABLE', { status: q.status });
  const facts = await requireQuotableTicket(ctx, q.ticketId);
  const patch: Parameters<typeof repo.updateQuote>[4] = {};
  if (input.note !== undefined) patch.note = input.note;
  if (input.validDays !== undefined)
    patch.validUntil = new Date(ctx.now().getTime() + input.validDays * DAY_MS);
  let lines: Awaited<ReturnType<typeof priceLines>> | undefined;
  if (input.lines) {
    if (input.lines.length === 0) throw new AppError('QUOTE_EMPTY');
    lines = await priceLines(ctx, facts, input.lines);
    Object.assign(patch, totalsOf(lines));
  }
  await requireUpdated(
    await repo.updateQuote(ctx.db, ctx.principal.tenantId, id, input.version, patch, ctx.now()),
    'quote',
    id,
    () => repo.getQuoteRow(ctx.db, ctx.principal.tenantId, id),
  );
  if (lines) await repo.replaceLines(ctx.db, ctx.principal.tenantId, id, lines);
  await recordAudit(ctx, {
    action: 'quote.changed',
    entityType: 'quote',
    entityId: id,
    changes: { ...patch, lines: lines?.length },
  });
  return getQuote(ctx, id);
}

/**
 * Sends a draft (or re-sends a sent quote) to the customer: a signed link to `/p/quote/:token`, valid until
 * the quote is, single-use for the decision. A re-send withdraws the earlier link.
 */
export async function sendQuote(ctx: ServiceContext, id: string, version: number) {
  const q = await requireQuote(ctx, id);
  const now = ctx.now();
  const status = effectiveStatus(q, now);
  if (status === 'expired' || q.validUntil.getTime() <= now.getTime())
    throw new AppError('QUOTE_EXPIRED', { validUntil: q.validUntil.toISOString() });
  if (status !== 'draft' && status !== 'sent') throw new AppError('QUOTE_NOT_PENDING', { status });
  await requireUpdated(
    await repo.updateQuote(ctx.db, ctx.principal.tenantId, id, version, { status: 'sent', sentAt: now }, now),
    'quote',
    id,
    () => repo.getQuoteRow(ctx.db, ctx.principal.tenantId, id),
  );
  await revokePublicLinks(ctx.db, ctx.principal.tenantId, 'quote', id, now);
  const link = await issuePublicLink(ctx.db, {
    tenantId: ctx.principal.tenantId,
    purpose: 'quote',
    subjectId: id,
    expiresAt: q.validUntil,
    createdById: ctx.principal.userId,
  });
  await quoteTimeline(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId: q.ticketId,
    authorId: ctx.principal.userId,
    action: 'sent',
    data: {
      quoteId: id,
      totalFen: q.totalFen,
      currency: q.currency,
      validUntil: q.validUntil.toISOString(),
    },
    at: now,
  });
  await recordAudit(ctx, {
    action: 'quote.sent',
    entityType: 'quote',
    entityId: id,
    changes: { linkId: link.id },
  });
  return {
    quote: await getQuote(ctx, id),
    link: { path: link.path, expiresAt: link.expiresAt.toISOString() },
  };
}

interface Decision {
  decision: 'accepted' | 'declined';
  customerName: string;
  reason?: string;
  via: 'on_site' | 'link';
  userId: string | null;
}

/** Records the customer's decision; an acceptance turns every line into a charge on the work order. */
async function applyDecision(
  db: Executor,
  tenantId: string,
  q: repo.QuoteRow,
  version: number,
  d: Decision,
  now: Date,
) {
  const updated = await repo.updateQuote(
    db,
    tenantId,
    q.id,
    version,
    {
      status: d.decision,
      decidedAt: now,
      decidedVia: d.via,
      decidedByName: d.customerName,
      decidedByUserId: d.userId,
      declineReason: d.decision === 'declined' ? (d.reason ?? null) : null,
    },
    now,
  );
  await requireUpdated(updated, 'quote', q.id, () => repo.getQuoteRow(db, tenantId, q.id));
  if (d.decision === 'accepted') {
    const lines = await repo.findLines(db, [q.id]);
    await repo.insertCharges(
      db,
      lines.map((l) => ({
        tenantId,
        ticketId: q.ticketId,
        source: 'quote_line' as const,
        quoteLineId: l.id,
        priceItemId: l.priceItemId,
        description: l.name,
        quantity: l.quantity,
        amountFen: l.amountFen,
        currency: q.currency,
        coverage: l.coverage,
        createdById: d.userId,
        createdAt: now,
      })),
    );
  }
  await quoteTimeline(db, {
    tenantId,
    ticketId: q.ticketId,
    authorId: d.userId,
    action: d.decision,
    body: d.decision === 'declined' ? (d.reason ?? null) : null,
    data: {
      quoteId: q.id,
      via: d.via,
      customerName: d.customerName,
      totalFen: q.totalFen,
      currency: q.currency,
    },
    at: now,
  });
  await revokePublicLinks(db, tenantId, 'quote', q.id, now);
}

function requirePending(q: repo.QuoteRow, now: Date, allowDraft: boolean) {
  const status = effectiveStatus(q, now);
  if (status === 'expired' || ((status === 'draft' || status === 'sent') && q.validUntil <= now))
    throw new AppError('QUOTE_EXPIRED', { validUntil: q.validUntil.toISOString() });
  if (status === 'sent' || (allowDraft && status === 'draft')) return;
  throw new AppError('QUOTE_NOT_PENDING', { status });
}

/**
 * The customer decides on site, in front of the technician (who records it with the customer's name). A draft
 * shown on the technician's phone may be decided directly: it has been presented to the customer.
 */
export async function decideQuoteOnSite(
  ctx: ServiceContext,
  id: string,
  input: { version: number; decision: 'accepted' | 'declined'; customerName: string; reason?: string },
) {
  const q = await requireQuote(ctx, id);
  const now = ctx.now();
  requirePending(q, now, true);
  await applyDecision(
    ctx.db,
    ctx.principal.tenantId,
    q,
    input.version,
    { ...input, via: 'on_site', userId: ctx.principal.userId },
    now,
  );
  await recordAudit(ctx, {
    action: `quote.${input.decision}`,
    entityType: 'quote',
    entityId: id,
    changes: { via: 'on_site', customerName: input.customerName },
  });
  return getQuote(ctx, id);
}

// ── The customer's page (signed link) ───────────────────────────────────────────────────────────────

async function publicView(
  db: Executor,
  link: { tenantId: string; subjectId: string; usedAt: Date | null },
  now: Date,
): Promise<PublicQuote> {
  const q = await repo.getQuoteRow(db, link.tenantId, link.subjectId);
  if (!q) throw new AppError('LINK_INVALID');
  const facts = await repo.getTicketFacts(db, link.tenantId, q.ticketId);
  if (!facts) throw new AppError('LINK_INVALID');
  const status = effectiveStatus(q, now);
  const lines = await repo.findLines(db, [q.id]);
  return {
    tenantName: facts.tenantName,
    ticketNumber: `${facts.ticketPrefix}-${facts.number}`,
    customerName: facts.customerName,
    productName: facts.productName,
    status,
    currency: q.currency,
    listTotalFen: q.listTotalFen,
    totalFen: q.totalFen,
    note: q.note,
    validUntil: q.validUntil.toISOString(),
    decidedAt: iso(q.decidedAt),
    decidedByName: q.decidedByName,
    canDecide: status === 'sent' && !link.usedAt,
    lines: lines.map(({ quoteId: _q, id: _i, priceItemId: _p, ...l }) => ({
      ...l,
      coverage: l.coverage ?? null,
    })),
  };
}

export async function getPublicQuote(db: Executor, token: string, now: Date) {
  const link = await resolvePublicLink(db, token, 'quote', now);
  return publicView(db, link, now);
}

/** The customer accepts or declines through the link: once, before it expires, while the quote is sent. */
export async function decideQuoteByLink(
  db: Executor,
  token: string,
  input: { decision: 'accepted' | 'declined'; customerName: string; reason?: string },
  now: Date,
  requestId: string,
) {
  return db.transaction(async (tx) => {
    const link = await resolvePublicLink(tx, token, 'quote', now, { unused: true });
    const q = await repo.getQuoteRow(tx, link.tenantId, link.subjectId);
    if (!q) throw new AppError('LINK_INVALID');
    requirePending(q, now, false);
    await spendPublicLink(tx, link.id, now);
    await applyDecision(tx, link.tenantId, q, q.version, { ...input, via: 'link', userId: null }, now);
    await insertAudit(tx, {
      tenantId: link.tenantId,
      actorUserId: null,
      actorKind: 'system',
      action: `quote.${input.decision}`,
      entityType: 'quote',
      entityId: q.id,
      changes: { via: 'link', linkId: link.id, customerName: input.customerName },
      requestId,
    });
    return publicView(tx, { ...link, usedAt: now }, now);
  });
}

// ── Charges and payments ───────────────────────────────────────────────────────────────────────────

const serialiseCharge = (c: Awaited<ReturnType<typeof repo.findCharges>>[number]): Charge => ({
  ...c,
  coverage: c.coverage ?? null,
  createdAt: c.createdAt.toISOString(),
});

export async function getTicketMoney(ctx: ServiceContext, ticketId: string): Promise<TicketMoney> {
  await getTicket(ctx, ticketId);
  const tenantId = ctx.principal.tenantId;
  const quoteRows = await repo.findQuotesOfTicket(ctx.db, tenantId, ticketId);
  const lines = await repo.findLines(
    ctx.db,
    quoteRows.map((q) => q.id),
  );
  const now = ctx.now();
  const chargeRows = await repo.findCharges(ctx.db, tenantId, ticketId);
  const paymentRows = await repo.findPayments(ctx.db, tenantId, ticketId);
  const chargedFen = chargeRows.reduce((s, c) => s + c.amountFen, 0);
  const paidFen = paymentRows.reduce((s, p) => s + p.amountFen, 0);
  return {
    ticketId,
    currency: 'CNY',
    quotes: quoteRows.map((q) => serialiseQuote(q, lines, now)),
    charges: chargeRows.map(serialiseCharge),
    payments: paymentRows.map(
      (p): Payment => ({
        ...p,
        receivedAt: p.receivedAt.toISOString(),
        createdAt: p.createdAt.toISOString(),
      }),
    ),
    chargedFen,
    paidFen,
    balanceFen: chargedFen - paidFen,
    offers: await openOffers(ctx, ticketId),
  };
}

/**
 * A part (or labour) used on site. Free under warranty: recorded as a zero charge with the reason. Otherwise it
 * must already be on an accepted quote (its charge exists; nothing is added) — paid work is never charged
 * without the customer's prior acceptance.
 */
export async function recordPartUsed(
  ctx: ServiceContext,
  ticketId: string,
  input: { priceItemId: string; quantity: number },
): Promise<Charge> {
  const facts = await requireQuotableTicket(ctx, ticketId);
  const tenantId = ctx.principal.tenantId;
  const item = await repo.getPriceItemRow(ctx.db, tenantId, input.priceItemId);
  if (!item) throw new AppError('REFERENCE_INVALID', { field: 'priceItemId' });
  const coverage = await coverageChecker(ctx, facts, await includedServices(ctx, facts.agreementId))(
    item.kind,
    item.partClass,
    item.code,
  );
  if (coverage) {
    const [c] = await repo.insertCharges(ctx.db, [
      {
        tenantId,
        ticketId,
        source: 'part_used',
        priceItemId: item.id,
        description: item.name,
        quantity: input.quantity,
        amountFen: 0,
        currency: item.currency,
        coverage,
        createdById: ctx.principal.userId,
        createdAt: ctx.now(),
      },
    ]);
    await recordAudit(ctx, {
      action: 'charge.part_used',
      entityType: 'ticket',
      entityId: ticketId,
      changes: { priceItemId: item.id, quantity: input.quantity, amountFen: 0 },
    });
    return serialiseCharge(c!);
  }
  const onQuote = (await repo.findCharges(ctx.db, tenantId, ticketId)).find(
    (c) => c.source === 'quote_line' && c.priceItemId === item.id && c.quantity >= input.quantity,
  );
  if (!onQuote) throw new AppError('QUOTE_REQUIRED', { priceItemId: item.id, priceFen: item.priceFen });
  return serialiseCharge(onQuote);
}

export async function recordPayment(
  ctx: ServiceContext,
  ticketId: string,
  input: { method: PaymentMethod; amountFen: number; reference: string | null; receivedAt?: string },
) {
  await getTicket(ctx, ticketId);
  const tenantId = ctx.principal.tenantId;
  await repo.lockTicket(ctx.db, tenantId, ticketId);
  const { chargedFen, paidFen } = await repo.sums(ctx.db, tenantId, ticketId);
  if (input.amountFen > chargedFen - paidFen)
    throw new AppError('PAYMENT_EXCEEDS_BALANCE', { balanceFen: chargedFen - paidFen });
  const now = ctx.now();
  const p = await repo.insertPayment(ctx.db, {
    tenantId,
    ticketId,
    method: input.method,
    amountFen: input.amountFen,
    reference: input.reference,
    receivedAt: input.receivedAt ? new Date(input.receivedAt) : now,
    recordedById: ctx.principal.userId,
    createdAt: now,
  });
  await quoteTimeline(ctx.db, {
    tenantId,
    ticketId,
    authorId: ctx.principal.userId,
    action: 'payment_recorded',
    data: { paymentId: p.id, method: input.method, amountFen: input.amountFen, currency: 'CNY' },
    at: now,
  });
  await recordAudit(ctx, {
    action: 'payment.recorded',
    entityType: 'ticket',
    entityId: ticketId,
    changes: { paymentId: p.id, method: input.method, amountFen: input.amountFen },
  });
  return getTicketMoney(ctx, ticketId);
}
