import { type Executor, schema } from '@manyi/db';
import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';

const {
  priceItems,
  quotes,
  quoteLines,
  charges,
  payments,
  ticketEvents,
  tickets,
  tenants,
  customers,
  units,
  productModels,
  users,
} = schema;

// ── Price list ──────────────────────────────────────────────────────────────────────────────────────

const priceColumns = {
  id: priceItems.id,
  kind: priceItems.kind,
  code: priceItems.code,
  name: priceItems.name,
  priceFen: priceItems.priceFen,
  currency: priceItems.currency,
  partClass: priceItems.partClass,
  category: priceItems.category,
  active: priceItems.active,
  version: priceItems.version,
  createdAt: priceItems.createdAt,
};
export type PriceItemRow = Awaited<ReturnType<typeof getPriceItemRow>> & {};

export async function findPriceItems(
  db: Executor,
  tenantId: string,
  f: { kind?: string; category?: string; active?: boolean; q?: string },
) {
  const where = [eq(priceItems.tenantId, tenantId)];
  if (f.kind) where.push(eq(priceItems.kind, f.kind as 'part'));
  if (f.category) where.push(or(eq(priceItems.category, f.category), sql`${priceItems.category} IS NULL`)!);
  if (f.active !== undefined) where.push(eq(priceItems.active, f.active));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(priceItems.name, like), ilike(priceItems.code, like))!);
  }
  return db
    .select(priceColumns)
    .from(priceItems)
    .where(and(...where))
    .orderBy(asc(priceItems.kind), asc(priceItems.code))
    .limit(1000);
}

export async function getPriceItemRow(db: Executor, tenantId: string, id: string) {
  const [r] = await db
    .select(priceColumns)
    .from(priceItems)
    .where(and(eq(priceItems.tenantId, tenantId), eq(priceItems.id, id)));
  return r ?? null;
}

export async function getPriceItemsByIds(db: Executor, tenantId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select(priceColumns)
    .from(priceItems)
    .where(and(eq(priceItems.tenantId, tenantId), inArray(priceItems.id, ids)));
}

export async function findServiceItemsByCode(db: Executor, tenantId: string, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select(priceColumns)
    .from(priceItems)
    .where(
      and(
        eq(priceItems.tenantId, tenantId),
        eq(priceItems.kind, 'service'),
        eq(priceItems.active, true),
        inArray(priceItems.code, codes),
      ),
    );
}

export async function insertPriceItem(db: Executor, row: typeof priceItems.$inferInsert) {
  const [r] = await db.insert(priceItems).values(row).returning(priceColumns);
  return r!;
}

export async function updatePriceItem(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof priceItems.$inferInsert>,
) {
  const [r] = await db
    .update(priceItems)
    .set({ ...patch, version: sql`${priceItems.version} + 1` })
    .where(
      and(eq(priceItems.tenantId, tenantId), eq(priceItems.id, id), eq(priceItems.version, expectedVersion)),
    )
    .returning(priceColumns);
  return r ?? null;
}

// ── Quotes ──────────────────────────────────────────────────────────────────────────────────────────

const quoteColumns = {
  id: quotes.id,
  ticketId: quotes.ticketId,
  status: quotes.status,
  currency: quotes.currency,
  listTotalFen: quotes.listTotalFen,
  totalFen: quotes.totalFen,
  note: quotes.note,
  validUntil: quotes.validUntil,
  sentAt: quotes.sentAt,
  decidedAt: quotes.decidedAt,
  decidedVia: quotes.decidedVia,
  decidedByName: quotes.decidedByName,
  declineReason: quotes.declineReason,
  version: quotes.version,
  createdAt: quotes.createdAt,
};
export type QuoteRow = NonNullable<Awaited<ReturnType<typeof getQuoteRow>>>;

const lineColumns = {
  id: quoteLines.id,
  quoteId: quoteLines.quoteId,
  position: quoteLines.position,
  priceItemId: quoteLines.priceItemId,
  kind: quoteLines.kind,
  code: quoteLines.code,
  name: quoteLines.name,
  partClass: quoteLines.partClass,
  quantity: quoteLines.quantity,
  listPriceFen: quoteLines.listPriceFen,
  unitPriceFen: quoteLines.unitPriceFen,
  amountFen: quoteLines.amountFen,
  coverage: quoteLines.coverage,
  adHocReason: quoteLines.adHocReason,
};
export type LineRow = Awaited<ReturnType<typeof findLines>>[number];

export async function getQuoteRow(db: Executor, tenantId: string, id: string) {
  const [q] = await db
    .select(quoteColumns)
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, id)));
  return q ?? null;
}

export async function findQuotesOfTicket(db: Executor, tenantId: string, ticketId: string) {
  return db
    .select(quoteColumns)
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.ticketId, ticketId)))
    .orderBy(desc(quotes.createdAt));
}

export async function findLines(db: Executor, quoteIds: string[]) {
  if (quoteIds.length === 0) return [];
  return db
    .select(lineColumns)
    .from(quoteLines)
    .where(inArray(quoteLines.quoteId, quoteIds))
    .orderBy(asc(quoteLines.quoteId), asc(quoteLines.position));
}

export async function insertQuote(db: Executor, row: typeof quotes.$inferInsert) {
  const [q] = await db.insert(quotes).values(row).returning({ id: quotes.id });
  return q!;
}

export async function replaceLines(
  db: Executor,
  tenantId: string,
  quoteId: string,
  lines: Omit<typeof quoteLines.$inferInsert, 'tenantId' | 'quoteId'>[],
) {
  await db.delete(quoteLines).where(and(eq(quoteLines.tenantId, tenantId), eq(quoteLines.quoteId, quoteId)));
  if (lines.length) await db.insert(quoteLines).values(lines.map((l) => ({ ...l, tenantId, quoteId })));
}

export async function updateQuote(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof quotes.$inferInsert>,
  now: Date,
) {
  const [q] = await db
    .update(quotes)
    .set({ ...patch, updatedAt: now, version: sql`${quotes.version} + 1` })
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, id), eq(quotes.version, expectedVersion)))
    .returning(quoteColumns);
  return q ?? null;
}

/** Paid services offered at intake, as the agreement flow writes them on the timeline. */
export async function findOffers(db: Executor, tenantId: string, ticketId: string) {
  return db
    .select({ data: ticketEvents.data, body: ticketEvents.body })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.tenantId, tenantId),
        eq(ticketEvents.ticketId, ticketId),
        eq(ticketEvents.kind, 'quote_offered'),
      ),
    )
    .orderBy(asc(ticketEvents.id));
}

/** The work order as the quote needs it (no visibility rule: callers check access first). */
export async function getTicketFacts(db: Executor, tenantId: string, ticketId: string) {
  const [t] = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      type: tickets.type,
      unitId: tickets.unitId,
      agreementId: tickets.agreementId,
      customerId: tickets.customerId,
      customerName: customers.name,
      tenantName: tenants.name,
      ticketPrefix: tenants.ticketPrefix,
      productName: productModels.name,
    })
    .from(tickets)
    .innerJoin(tenants, eq(tenants.id, tickets.tenantId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(units, eq(units.id, tickets.unitId))
    .leftJoin(productModels, eq(productModels.id, units.modelId))
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId)));
  return t ?? null;
}

// ── Charges and payments ───────────────────────────────────────────────────────────────────────────

const chargeColumns = {
  id: charges.id,
  source: charges.source,
  quoteLineId: charges.quoteLineId,
  priceItemId: charges.priceItemId,
  description: charges.description,
  quantity: charges.quantity,
  amountFen: charges.amountFen,
  currency: charges.currency,
  coverage: charges.coverage,
  createdAt: charges.createdAt,
};

export async function insertCharges(db: Executor, rows: (typeof charges.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(charges).values(rows).returning(chargeColumns);
}

export async function findCharges(db: Executor, tenantId: string, ticketId: string) {
  // Charges of one acceptance share a timestamp: they keep the order of the quote's lines.
  return db
    .select(chargeColumns)
    .from(charges)
    .leftJoin(quoteLines, eq(quoteLines.id, charges.quoteLineId))
    .where(and(eq(charges.tenantId, tenantId), eq(charges.ticketId, ticketId)))
    .orderBy(asc(charges.createdAt), asc(quoteLines.position), asc(charges.id));
}

const paymentColumns = {
  id: payments.id,
  method: payments.method,
  amountFen: payments.amountFen,
  currency: payments.currency,
  reference: payments.reference,
  receivedAt: payments.receivedAt,
  recordedById: payments.recordedById,
  recordedByName: users.displayName,
  createdAt: payments.createdAt,
};

export async function findPayments(db: Executor, tenantId: string, ticketId: string) {
  return db
    .select(paymentColumns)
    .from(payments)
    .leftJoin(users, eq(users.id, payments.recordedById))
    .where(and(eq(payments.tenantId, tenantId), eq(payments.ticketId, ticketId)))
    .orderBy(asc(payments.receivedAt), asc(payments.id));
}

export async function insertPayment(db: Executor, row: typeof payments.$inferInsert) {
  const [p] = await db.insert(payments).values(row).returning({ id: payments.id });
  return p!;
}

/** Locks the work order's row so that concurrent payments cannot both pass the balance check. */
export async function lockTicket(db: Executor, tenantId: string, ticketId: string) {
  await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId)))
    .for('update');
}

export async function sums(db: Executor, tenantId: string, ticketId: string) {
  const [c] = await db
    .select({ total: sql<string>`coalesce(sum(${charges.amountFen}), 0)` })
    .from(charges)
    .where(and(eq(charges.tenantId, tenantId), eq(charges.ticketId, ticketId)));
  const [p] = await db
    .select({ total: sql<string>`coalesce(sum(${payments.amountFen}), 0)` })
    .from(payments)
    .where(and(eq(payments.tenantId, tenantId), eq(payments.ticketId, ticketId)));
  return { chargedFen: Number(c?.total ?? 0), paidFen: Number(p?.total ?? 0) };
}
