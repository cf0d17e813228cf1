import type { ServiceContext } from '../../lib/context';
import * as repo from './visits.repository';

/** Work-order types whose work happens at the customer's: their on-site clock stops at a visit's check-in. */
export const FIELD_TICKET_TYPES: readonly string[] = ['repair', 'installation', 'maintenance'];

/**
 * Whether a work order's on-site arrival is met at a visit's check-in rather than when it goes in_progress:
 * field work (repair, installation, maintenance) and anything with a visit planned. Other work (an inquiry
 * handled remotely) still meets it when it goes in_progress.
 */
export async function arrivalMetAtCheckIn(ctx: ServiceContext, ticketId: string): Promise<boolean> {
  const type = await repo.getTicketType(ctx.db, ctx.principal.tenantId, ticketId);
  if (type && FIELD_TICKET_TYPES.includes(type)) return true;
  return repo.hasVisits(ctx.db, ctx.principal.tenantId, ticketId);
}
