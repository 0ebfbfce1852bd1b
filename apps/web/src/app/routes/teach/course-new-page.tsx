// Placeholder: replaced by the page's implementation.
export function CourseNewPage() {
  return null;
}
