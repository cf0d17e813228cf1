import { PlaceholderPage } from '../../placeholders/placeholder-page';

export function AdminPage() {
  return <PlaceholderPage section="admin" />;
}
