// Placeholder: replaced by the page's implementation.
export function CoursePage() {
  return null;
}
