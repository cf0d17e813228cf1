import { PlaceholderPage } from '../../placeholders/placeholder-page';

export function IntakePage() {
  return <PlaceholderPage section="intake" />;
}
