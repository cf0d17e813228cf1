import { PlaceholderPage } from '../../placeholders/placeholder-page';

export function TicketPage() {
  return <PlaceholderPage section="tickets" />;
}
