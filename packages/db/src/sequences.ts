import { sql } from 'drizzle-orm';
import type { Executor } from './client';

/** Name of a tenant's work-order number sequence (a sequence per tenant: no row lock on the hot path). */
export function ticketSequenceName(tenantId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(tenantId)) throw new Error('bad tenant id');
  return `ticket_no_${tenantId.replaceAll('-', '')}`;
}

export async function createTicketSequence(db: Executor, tenantId: string, start = 100001) {
  await db.execute(sql.raw(`CREATE SEQUENCE IF NOT EXISTS ${ticketSequenceName(tenantId)} START ${start}`));
}

/** The next work-order number of a tenant; creates the sequence the first time if it is missing. */
export async function nextTicketNumber(db: Executor, tenantId: string): Promise<number> {
  const name = ticketSequenceName(tenantId);
  try {
    const res = (await db.execute(sql.raw(`SELECT nextval('${name}') AS n`))) as unknown as {
      rows: { n: number | string }[];
    };
    return Number(res.rows[0]!.n);
  } catch (err) {
    const code = ((err as { cause?: { code?: string } }).cause ?? (err as { code?: string }))?.code;
    if (code !== '42P01') throw err;
    await createTicketSequence(db, tenantId);
    return nextTicketNumber(db, tenantId);
  }
}
