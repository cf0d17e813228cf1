import type { TicketStatus, TicketType } from '@manyi/contracts';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import * as repo from './complaints.repository';

/**
 * Called by the work-order state machine (tickets.service transitionTicket) before a work order moves, in the
 * same transaction. For a complaint with a complaint record: resolving or closing it needs the follow-up step
 * done and the customer's verdict (COMPLAINT_FOLLOW_UP_REQUIRED); resolving concludes the complaint (结案),
 * cancelling withdraws it, reopening reopens it. Complaint work orders without a record (older data) pass.
 */
export async function guardComplaintTransition(
  ctx: ServiceContext,
  ticket: { id: string; type: TicketType },
  to: TicketStatus,
) {
  if (ticket.type !== 'complaint') return;
  const tenantId = ctx.principal.tenantId;
  const c = await repo.getClosingFacts(ctx.db, tenantId, ticket.id);
  if (!c) return;
  const now = ctx.now();
  if (to === 'resolved' || to === 'closed') {
    const missing = [...(c.followUpAt ? [] : ['follow_up']), ...(c.verdict ? [] : ['verdict'])];
    if (missing.length) throw new AppError('COMPLAINT_FOLLOW_UP_REQUIRED', { complaintId: c.id, missing });
    if (c.closedAt) return;
    await repo.updateComplaint(
      ctx.db,
      tenantId,
      c.id,
      null,
      { resolvedAt: c.resolvedAt ?? now, closedAt: now, valueAtCloseFen: c.customerValueFen },
      now,
    );
  } else if (to === 'cancelled') {
    // A withdrawn or duplicate complaint leaves the desk and the win-back review.
    await repo.updateComplaint(ctx.db, tenantId, c.id, null, { closedAt: now, winBackReviewedAt: now }, now);
  } else if (to === 'reopened') {
    // The customer came back about it: the complaint is open again and needs a new verdict to close.
    await repo.updateComplaint(
      ctx.db,
      tenantId,
      c.id,
      null,
      {
        resolvedAt: null,
        closedAt: null,
        verdict: null,
        verdictAt: null,
        verdictNote: null,
        winBack: null,
        winBackReviewedAt: null,
      },
      now,
    );
  }
}
