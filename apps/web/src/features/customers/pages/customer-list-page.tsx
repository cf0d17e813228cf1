import { PlaceholderPage } from '../../placeholders/placeholder-page';

export function CustomerListPage() {
  return <PlaceholderPage section="customers" />;
}
