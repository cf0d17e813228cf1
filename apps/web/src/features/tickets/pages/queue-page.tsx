import { PlaceholderPage } from '../../placeholders/placeholder-page';

export function QueuePage() {
  return <PlaceholderPage section="tickets" />;
}
