import { PlaceholderPage } from '../../placeholders/placeholder-page';

export function DashboardPage() {
  return <PlaceholderPage section="dashboard" />;
}
