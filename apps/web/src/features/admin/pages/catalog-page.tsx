import { PlaceholderPage } from '../../placeholders/placeholder-page';

export function CatalogPage() {
  return <PlaceholderPage section="products" />;
}
