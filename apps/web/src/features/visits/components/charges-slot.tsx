import { TicketChargesPanel } from '../../quotes/components/ticket-charges-panel';

/** Parts used and paid extras on the technician's phone: the money feature's charges panel, compact. */
export function ChargesSlot({ ticketId }: { ticketId: string }) {
  return (
    <div data-testid="charges-slot">
      <TicketChargesPanel ticketId={ticketId} compact />
    </div>
  );
}
