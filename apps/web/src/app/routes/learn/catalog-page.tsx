// Placeholder: replaced by the page's implementation.
export function CatalogPage() {
  return null;
}
