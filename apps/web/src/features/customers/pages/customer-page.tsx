import { PlaceholderPage } from '../../placeholders/placeholder-page';

export function CustomerPage() {
  return <PlaceholderPage section="customers" />;
}
