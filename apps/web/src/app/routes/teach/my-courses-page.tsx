// Placeholder: replaced by the page's implementation.
export function MyCoursesPage() {
  return null;
}
