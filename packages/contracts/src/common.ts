import { z } from 'zod';

export const uuid = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
/** A calendar date without time, as YYYY-MM-DD. */
export const isoDate = z.iso.date();
/** Optimistic-concurrency version a client read; a stale one gets VERSION_CONFLICT. */
export const version = z.int().min(1).max(2_147_483_647);

export const idParams = z.object({ id: uuid });

/** Keyset pagination: `cursor` is opaque, taken from the previous page's `nextCursor`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Money in integer fen (分) with its currency. */
export const money = z.object({ amountFen: z.int(), currency: z.string().length(3).default('CNY') });

export const okResponse = z.object({ ok: z.literal(true) });

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Trimmed text with bounds; empty strings are rejected rather than stored. */
export const text = (max: number, min = 1) => z.string().trim().min(min).max(max);

/** An email address, trimmed and lower-cased. */
export const emailInput = z.string().trim().toLowerCase().max(200).pipe(z.email());
