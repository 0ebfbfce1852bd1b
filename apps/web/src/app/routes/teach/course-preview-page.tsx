// Placeholder: replaced by the page's implementation.
export function CoursePreviewPage() {
  return null;
}
