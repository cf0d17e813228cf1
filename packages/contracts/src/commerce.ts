import { z } from 'zod';
import { isoDate, isoDateTime, text, uuid, version } from './common';
import { productCategories } from './products';

/** Money is integer fen (分); 1 元 = 100 fen. Upper bound keeps sums far inside 2^53. */
const fen = z.int().min(0).max(100_000_000);

export const priceItemKinds = ['part', 'labour', 'call_out', 'service'] as const;
export type PriceItemKind = (typeof priceItemKinds)[number];

const partClass = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[a-z][a-z0-9_]*$/);

const priceItemFields = {
  kind: z.enum(priceItemKinds),
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
  name: text(100),
  priceFen: fen,
  partClass: partClass.nullable(),
  category: z.enum(productCategories).nullable(),
  active: z.boolean(),
};
export const priceItemBody = z.object({
  ...priceItemFields,
  partClass: priceItemFields.partClass.default(null),
  category: priceItemFields.category.default(null),
  active: priceItemFields.active.default(true),
});
export const priceItemChangeBody = z.object({
  version,
  name: priceItemFields.name.optional(),
  priceFen: priceItemFields.priceFen.optional(),
  partClass: priceItemFields.partClass.optional(),
  category: priceItemFields.category.optional(),
  active: priceItemFields.active.optional(),
});
export const priceItem = z.object({
  id: uuid,
  kind: z.enum(priceItemKinds),
  code: z.string(),
  name: z.string(),
  priceFen: z.int(),
  currency: z.string(),
  partClass: z.string().nullable(),
  category: z.enum(productCategories).nullable(),
  active: z.boolean(),
  version: z.int(),
  createdAt: isoDateTime,
});
export type PriceItem = z.infer<typeof priceItem>;
export const priceItemQuery = z.object({
  kind: z.enum(priceItemKinds).optional(),
  category: z.enum(productCategories).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
});

// ── Quotes ──────────────────────────────────────────────────────────────────────────────────────────

export const quoteStatuses = ['draft', 'sent', 'accepted', 'declined', 'expired'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

/** A line from the price list, or a free line (name, price, kind) that must give its reason. */
export const quoteLineInput = z.union([
  z.object({ priceItemId: uuid, quantity: z.int().min(1).max(999).default(1) }),
  z.object({
    kind: z.enum(priceItemKinds),
    name: text(100),
    unitPriceFen: fen,
    quantity: z.int().min(1).max(999).default(1),
    partClass: partClass.nullable().default(null),
    adHocReason: text(300),
  }),
]);
export type QuoteLineInput = z.infer<typeof quoteLineInput>;

export const quoteCreateBody = z.object({
  lines: z.array(quoteLineInput).max(50).default([]),
  /** Adds a line for each paid service the agent offered at intake (timeline `quote_offered`). */
  fromOffers: z.boolean().default(false),
  validDays: z.int().min(1).max(90).default(7),
  note: text(1000).nullable().default(null),
});
export const quoteChangeBody = z.object({
  version,
  lines: z.array(quoteLineInput).max(50).optional(),
  validDays: z.int().min(1).max(90).optional(),
  note: text(1000).nullable().optional(),
});
export const quoteSendBody = z.object({ version });
export const quoteDecisionBody = z
  .object({
    version,
    decision: z.enum(['accepted', 'declined']),
    /** The customer who decided, as they gave their name on site. */
    customerName: text(60),
    reason: text(500).optional(),
  })
  .strict();
export const publicQuoteDecisionBody = z.object({
  decision: z.enum(['accepted', 'declined']),
  customerName: text(60),
  reason: text(500).optional(),
});

export const lineCoverage = z.object({
  basis: z.enum(['warranty', 'agreement']),
  partClass: z.string().nullable(),
  months: z.int().nullable(),
  endDate: isoDate.nullable(),
  reason: z.string(),
  agreementCode: z.string().optional(),
});
export type LineCoverage = z.infer<typeof lineCoverage>;

export const quoteLine = z.object({
  id: uuid,
  position: z.int(),
  priceItemId: uuid.nullable(),
  kind: z.enum(priceItemKinds),
  code: z.string().nullable(),
  name: z.string(),
  partClass: z.string().nullable(),
  quantity: z.int(),
  listPriceFen: z.int(),
  unitPriceFen: z.int(),
  amountFen: z.int(),
  /** Set when the line is free: why (warranty of the unit or part class, or the agreement includes it). */
  coverage: lineCoverage.nullable(),
  adHocReason: z.string().nullable(),
});
export type QuoteLine = z.infer<typeof quoteLine>;

export const quote = z.object({
  id: uuid,
  ticketId: uuid,
  /** Effective status: a sent quote past its validity reads as expired. */
  status: z.enum(quoteStatuses),
  currency: z.string(),
  listTotalFen: z.int(),
  totalFen: z.int(),
  note: z.string().nullable(),
  validUntil: isoDateTime,
  sentAt: isoDateTime.nullable(),
  decidedAt: isoDateTime.nullable(),
  decidedVia: z.enum(['on_site', 'link']).nullable(),
  decidedByName: z.string().nullable(),
  declineReason: z.string().nullable(),
  lines: z.array(quoteLine),
  version: z.int(),
  createdAt: isoDateTime,
});
export type Quote = z.infer<typeof quote>;

/** A sent quote with its signed link: the token is shown once. */
export const quoteSent = z.object({ quote, link: z.object({ path: z.string(), expiresAt: isoDateTime }) });

/** What the customer sees by link: no staff names, no internal ids beyond the quote's. */
export const publicQuote = z.object({
  tenantName: z.string(),
  ticketNumber: z.string(),
  customerName: z.string(),
  productName: z.string().nullable(),
  status: z.enum(quoteStatuses),
  currency: z.string(),
  listTotalFen: z.int(),
  totalFen: z.int(),
  note: z.string().nullable(),
  validUntil: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  decidedByName: z.string().nullable(),
  /** Whether the link can still record a decision. */
  canDecide: z.boolean(),
  lines: z.array(quoteLine.omit({ id: true, priceItemId: true })),
});
export type PublicQuote = z.infer<typeof publicQuote>;

// ── Charges and payments ───────────────────────────────────────────────────────────────────────────

export const paymentMethods = ['cash', 'wechat', 'alipay', 'card', 'transfer'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const charge = z.object({
  id: uuid,
  source: z.enum(['quote_line', 'part_used']),
  quoteLineId: uuid.nullable(),
  priceItemId: uuid.nullable(),
  description: z.string(),
  quantity: z.int(),
  amountFen: z.int(),
  currency: z.string(),
  coverage: lineCoverage.nullable(),
  createdAt: isoDateTime,
});
export type Charge = z.infer<typeof charge>;

/** A part used on site: recorded free when the warranty covers it; otherwise it must be on an accepted quote. */
export const partUsedBody = z.object({ priceItemId: uuid, quantity: z.int().min(1).max(999).default(1) });

export const paymentBody = z.object({
  method: z.enum(paymentMethods),
  amountFen: z.int().min(1).max(100_000_000),
  reference: text(100).nullable().default(null),
  receivedAt: isoDateTime.optional(),
});
export const payment = z.object({
  id: uuid,
  method: z.enum(paymentMethods),
  amountFen: z.int(),
  currency: z.string(),
  reference: z.string().nullable(),
  receivedAt: isoDateTime,
  recordedById: uuid.nullable(),
  recordedByName: z.string().nullable(),
  createdAt: isoDateTime,
});
export type Payment = z.infer<typeof payment>;

/** Everything money on one work order. */
export const ticketMoney = z.object({
  ticketId: uuid,
  currency: z.string(),
  quotes: z.array(quote),
  charges: z.array(charge),
  payments: z.array(payment),
  chargedFen: z.int(),
  paidFen: z.int(),
  balanceFen: z.int(),
  /** Paid services offered at intake (timeline `quote_offered`) not yet on any quote. */
  offers: z.array(z.object({ code: z.string(), name: z.string(), priceFen: z.int() })),
});
export type TicketMoney = z.infer<typeof ticketMoney>;
